/** The gateway's OpenAI request validation: every field rule of /v1/chat/completions and /v1/completions bodies. */
import { OpenAiRequestError, parseChatBody, parseCompletionBody } from '../../sdk/gateway/openai-shape';

const chat = (o: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  ...o,
});

function rejection(f: () => unknown): { param: string | null; code: string } | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof OpenAiRequestError)) throw e;
    return { param: e.param, code: e.code };
  }
  return undefined;
}

describe('parseChatBody', () => {
  test('every option is carried into the request; stream and include_usage are read', () => {
    const p = parseChatBody(
      chat({
        n: 1,
        max_tokens: 10,
        temperature: 0.7,
        top_p: 0.9,
        seed: -5,
        stop: ['\n', 'END'],
        stream: true,
        stream_options: { include_usage: true },
        messages: [
          { role: 'system', content: 'be brief' },
          {
            role: 'developer',
            content: [
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b' },
            ],
          },
          { role: 'user', content: 'q', name: 'alice' },
          { role: 'assistant', content: null },
          { role: 'assistant' },
        ],
      }),
    );
    expect(p.stream).toBe(true);
    expect(p.includeUsage).toBe(true);
    expect(p.request).toEqual({
      model: 'm',
      max_tokens: 10,
      temperature: 0.7,
      top_p: 0.9,
      seed: -5,
      stop: ['\n', 'END'],
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'developer', content: 'ab' },
        { role: 'user', content: 'q', name: 'alice' },
        { role: 'assistant', content: '' },
        { role: 'assistant', content: '' },
      ],
    });
  });

  test('defaults: no options, not streaming, no usage chunk; max_completion_tokens wins over max_tokens; null options are absent', () => {
    const p = parseChatBody(
      chat({
        stream: null,
        stream_options: { include_usage: 'yes' },
        temperature: null,
        stop: null,
        max_completion_tokens: 3,
        max_tokens: 99,
      }),
    );
    expect(p.stream).toBe(false);
    expect(p.includeUsage).toBe(false);
    expect(p.request).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 3 });
    expect(parseChatBody(chat({ stop: 'STOP', stream: false })).request.stop).toBe('STOP');
    expect(parseChatBody(chat({ stream_options: [true] })).includeUsage).toBe(false);
  });

  test.each<[string, unknown, string | null]>([
    ['a body that is not an object', [1, 2], null],
    ['a null body', null, null],
    ['no model', { messages: [{ role: 'user', content: 'x' }] }, 'model'],
    ['an empty model', chat({ model: '' }), 'model'],
    ['a model name over 256 characters', chat({ model: 'm'.repeat(257) }), 'model'],
    ['n other than 1', chat({ n: 2 }), 'n'],
    ['max_tokens 0', chat({ max_tokens: 0 }), 'max_tokens'],
    ['max_tokens fractional', chat({ max_tokens: 1.5 }), 'max_tokens'],
    ['max_completion_tokens as a string', chat({ max_completion_tokens: '5' }), 'max_completion_tokens'],
    ['temperature above 2', chat({ temperature: 2.5 }), 'temperature'],
    ['temperature NaN', chat({ temperature: Number.NaN }), 'temperature'],
    ['top_p below 0', chat({ top_p: -0.1 }), 'top_p'],
    ['seed not an integer', chat({ seed: 0.5 }), 'seed'],
    ['seed beyond a safe integer', chat({ seed: 2 ** 60 }), 'seed'],
    ['five stop strings', chat({ stop: ['a', 'b', 'c', 'd', 'e'] }), 'stop'],
    ['a stop entry that is not a string', chat({ stop: ['a', 1] }), 'stop'],
    ['stop as a number', chat({ stop: 5 }), 'stop'],
    ['stream as a string', chat({ stream: 'true' }), 'stream'],
    ['no messages', chat({ messages: undefined }), 'messages'],
    ['an empty message list', chat({ messages: [] }), 'messages'],
    ['a message that is not an object', chat({ messages: ['hi'] }), 'messages[0].role'],
    ['a tool role', chat({ messages: [{ role: 'tool', content: 'x' }] }), 'messages[0].role'],
    ['a role that is not a string', chat({ messages: [{ role: 1, content: 'x' }] }), 'messages[0].role'],
    [
      'an image content part',
      chat({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }),
      'messages[0].content',
    ],
    [
      'a text part without text',
      chat({ messages: [{ role: 'user', content: [{ type: 'text' }] }] }),
      'messages[0].content',
    ],
    [
      'a content part that is not an object',
      chat({ messages: [{ role: 'user', content: ['x'] }] }),
      'messages[0].content',
    ],
    [
      'content as a number',
      chat({
        messages: [
          { role: 'user', content: 'ok' },
          { role: 'user', content: 7 },
        ],
      }),
      'messages[1].content',
    ],
  ])('%s is rejected (invalid_request)', (_name, body, param) => {
    expect(rejection(() => parseChatBody(body))).toEqual({ param, code: 'invalid_request' });
  });
});

describe('parseCompletionBody', () => {
  test('a string prompt or a one-element list becomes one user message, with the common options', () => {
    expect(parseCompletionBody({ model: 'm', prompt: 'Once', max_tokens: 4, stream: true })).toEqual({
      request: { model: 'm', messages: [{ role: 'user', content: 'Once' }], max_tokens: 4 },
      stream: true,
      includeUsage: false,
    });
    expect(parseCompletionBody({ model: 'm', prompt: ['Twice'] }).request.messages).toEqual([
      { role: 'user', content: 'Twice' },
    ]);
  });

  test.each<[string, unknown, string | null]>([
    ['a body that is not an object', 'prompt', null],
    ['no model', { prompt: 'x' }, 'model'],
    ['no prompt', { model: 'm' }, 'prompt'],
    ['a batched prompt', { model: 'm', prompt: ['a', 'b'] }, 'prompt'],
    ['a token-id prompt', { model: 'm', prompt: [1, 2, 3] }, 'prompt'],
    ['a one-element list that is not a string', { model: 'm', prompt: [[1]] }, 'prompt'],
    ['an out-of-range option', { model: 'm', prompt: 'x', top_p: 2 }, 'top_p'],
  ])('%s is rejected (invalid_request)', (_name, body, param) => {
    expect(rejection(() => parseCompletionBody(body))).toEqual({ param, code: 'invalid_request' });
  });
});
