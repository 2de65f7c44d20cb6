/** Wraps a request's event generator as a ChatStream: iterate for events, or await `result`. */
import type { ChatStream } from './client-types';
import { SdkError } from './errors';
import type { ChatResult, ChatStreamEvent } from './types';

/** `events` is called on the first iteration; `result` settles with its `done` event, or fails as it does. */
export function toChatStream(events: () => AsyncIterable<ChatStreamEvent>): ChatStream {
  let resolve!: (r: ChatResult) => void;
  let reject!: (e: unknown) => void;
  const result = new Promise<ChatResult>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  result.catch(() => undefined);
  async function* gen(): AsyncGenerator<ChatStreamEvent> {
    try {
      for await (const ev of events()) {
        if (ev.type === 'done') resolve(ev.result);
        yield ev;
      }
    } catch (e) {
      reject(e);
      throw e;
    } finally {
      reject(new SdkError('SDK_ABORTED', 'stream was not consumed to the end'));
    }
  }
  const it = gen();
  return { result, [Symbol.asyncIterator]: () => it };
}

/** Consumes a stream to its end: the verified result of its `done` event (the stream's error otherwise). */
export async function finalResult(stream: ChatStream): Promise<ChatResult> {
  for await (const ev of stream) {
    if (ev.type === 'done') return ev.result;
  }
  /* istanbul ignore next: a stream always ends with done or throws */
  throw new SdkError('SDK_STREAM_TRUNCATED', 'stream ended without a result');
}
