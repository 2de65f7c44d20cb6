/** Request validation and prompt formatting of the worker engines (pure; no model needed). */
import { detectChatFormat, parseChatRequest, renderChat } from '../../enclave-runtime/engines';
import { endOfTurnTokens } from '../../enclave-runtime/engines/chat-template';
import { codeOf } from '../helpers/codes';

const bytes = (v: unknown) => new Uint8Array(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)));
const user = [{ role: 'user', content: 'hi' }];

describe('parseChatRequest', () => {
  it('reads every supported field; developer is system; text parts are joined', () => {
    const r = parseChatRequest(
      bytes({
        model: 'tiny',
        messages: [
          {
            role: 'developer',
            content: [
              { type: 'text', text: 'be ' },
              { type: 'text', text: 'brief' },
            ],
          },
          { role: 'user', content: 'hi' },
        ],
        max_completion_tokens: 8,
        max_tokens: 99,
        temperature: 0.5,
        top_p: 0.9,
        seed: -3,
        stop: 'END',
        n: 1,
        ignore_eos: true,
      }),
    );
    expect(r).toEqual({
      model: 'tiny',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
      maxTokens: 8,
      temperature: 0.5,
      topP: 0.9,
      stop: ['END'],
      seed: -3,
      ignoreEos: true,
    });
    expect(parseChatRequest({ messages: user, max_tokens: 4, stop: ['a', 'b'], temperature: null })).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 4,
      stop: ['a', 'b'],
    });
  });

  it.each<[string, unknown]>([
    ['non-UTF-8 bytes', Uint8Array.of(0xc3)],
    ['non-JSON bytes', bytes('{')],
    ['an array', []],
    ['no messages', {}],
    ['empty messages', { messages: [] }],
    ['a message that is a string', { messages: ['hi'] }],
    ['an unknown role', { messages: [{ role: 'tool', content: 'x' }] }],
    ['image content parts', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: 'x' }] }] }],
    ['numeric content', { messages: [{ role: 'user', content: 5 }] }],
    ['max_tokens 0', { messages: user, max_tokens: 0 }],
    ['fractional max_tokens', { messages: user, max_tokens: 1.5 }],
    ['temperature 3', { messages: user, temperature: 3 }],
    ['top_p as a string', { messages: user, top_p: '0.5' }],
    ['an empty stop string in a list', { messages: user, stop: [''] }],
    ['stop as a number', { messages: user, stop: 5 }],
    ['five stop sequences', { messages: user, stop: ['a', 'b', 'c', 'd', 'e'] }],
    ['n = 2', { messages: user, n: 2 }],
  ])('%s is ENGINE_REQUEST_INVALID', (_name, body) => {
    expect(codeOf(() => parseChatRequest(body))).toBe('ENGINE_REQUEST_INVALID');
  });
});

describe('chat templates', () => {
  const msgs = [
    { role: 'system' as const, content: 'S' },
    { role: 'user' as const, content: 'U' },
  ];
  it('detects the family from the template text or an explicit format', () => {
    expect(detectChatFormat('{{ "<|im_start|>" }}')).toBe('chatml');
    expect(detectChatFormat('<|start_header_id|>')).toBe('llama3');
    expect(detectChatFormat(undefined)).toBe('role-tags');
    expect(detectChatFormat('<|im_start|>', 'llama3')).toBe('llama3');
    expect(detectChatFormat('<|im_start|>', 'jinja')).toBe('chatml');
  });

  it('renders each family and names its end-of-turn tokens', () => {
    expect(renderChat('chatml', msgs)).toBe(
      '<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n',
    );
    expect(renderChat('llama3', msgs)).toBe(
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nU<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
    expect(renderChat('role-tags', msgs)).toBe('<|system|>\nS\n<|user|>\nU\n<|assistant|>\n');
    expect(endOfTurnTokens('chatml')).toEqual(['<|im_end|>', '<|endoftext|>']);
    expect(endOfTurnTokens('llama3')).toEqual(['<|eot_id|>', '<|end_of_text|>']);
    expect(endOfTurnTokens('role-tags')).toEqual(['<|endoftext|>']);
  });
});
