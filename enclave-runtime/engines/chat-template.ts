/**
 * Prompt formatting. Jinja chat templates are not evaluated (no maintained CJS Jinja engine in the image);
 * instead the template family is recognised from tokenizer_config.json's `chat_template` (or config.json's
 * `chrysalis_chat_format`) and rendered by code:
 *   role-tags : "<|role|>\n{content}\n" per message, then "<|assistant|>\n"           (the tiny TEST model)
 *   chatml    : "<|im_start|>role\n{content}<|im_end|>\n" ..., then "<|im_start|>assistant\n"  (Qwen, SmolLM, ...)
 *   llama3    : "<|begin_of_text|>" + "<|start_header_id|>role<|end_header_id|>\n\n{content}<|eot_id|>" ...
 */
import type { ChatMessage } from './types';

export type ChatFormat = 'role-tags' | 'chatml' | 'llama3';

export function detectChatFormat(chatTemplate: unknown, explicit?: unknown): ChatFormat {
  if (explicit === 'role-tags' || explicit === 'chatml' || explicit === 'llama3') return explicit;
  const t = typeof chatTemplate === 'string' ? chatTemplate : '';
  if (t.includes('<|im_start|>')) return 'chatml';
  if (t.includes('<|start_header_id|>')) return 'llama3';
  return 'role-tags';
}

export function renderChat(format: ChatFormat, messages: readonly ChatMessage[]): string {
  switch (format) {
    case 'chatml':
      return `${messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('')}<|im_start|>assistant\n`;
    case 'llama3':
      return `<|begin_of_text|>${messages
        .map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}<|eot_id|>`)
        .join('')}<|start_header_id|>assistant<|end_header_id|>\n\n`;
    default:
      return `${messages.map((m) => `<|${m.role}|>\n${m.content}\n`).join('')}<|assistant|>\n`;
  }
}

/** Special tokens that end a turn in each family (in addition to config eos ids). */
export function endOfTurnTokens(format: ChatFormat): string[] {
  return format === 'chatml'
    ? ['<|im_end|>', '<|endoftext|>']
    : format === 'llama3'
      ? ['<|eot_id|>', '<|end_of_text|>']
      : ['<|endoftext|>'];
}
