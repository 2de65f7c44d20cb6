/** Shape checks on a ChatRequest before anything is sealed (SDK_REQUEST_INVALID). */
import { SdkError } from './errors';
import type { ChatRequest } from './types';

const ROLES: ReadonlySet<string> = new Set(['system', 'developer', 'user', 'assistant']);

export function validateRequest(req: ChatRequest): void {
  if (!req || typeof req !== 'object') throw new SdkError('SDK_REQUEST_INVALID', 'request must be an object');
  if (typeof req.model !== 'string' || req.model.length === 0)
    throw new SdkError('SDK_REQUEST_INVALID', 'model is required');
  if (!Array.isArray(req.messages) || req.messages.length === 0) {
    throw new SdkError('SDK_REQUEST_INVALID', 'messages must be a non-empty array');
  }
  for (const m of req.messages) {
    if (!m || !ROLES.has(m.role) || typeof m.content !== 'string') {
      throw new SdkError(
        'SDK_REQUEST_INVALID',
        'each message needs a role (system, developer, user, assistant) and string content',
      );
    }
  }
  if (req.max_tokens !== undefined && (!Number.isInteger(req.max_tokens) || req.max_tokens < 1)) {
    throw new SdkError('SDK_REQUEST_INVALID', 'max_tokens must be a positive integer');
  }
}
