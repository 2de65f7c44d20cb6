/** Shared pieces of the worker tests: prices, request helpers, the devnet Intel PKI and a worker on a given engine. */
import { createHash } from 'node:crypto';
import { createDevnetIntelPki, type DevnetIntelPki } from '../../devnet/intel';
import { type ResponseOpener } from '../../proto/sealing';
import {
  createNoGpuProvider,
  createWorker,
  decodeResponseChunk,
  type HandleOutput,
  type InferenceEngine,
  type Worker,
} from '../../enclave-runtime';
import { createSimulatedTdx } from '../../devnet/providers';
import { fixedClock } from '../../core/clock';

export const NOW = new Date('2025-06-10T00:00:00Z');
export const PRICES = { promptNano: 1000n, completionNano: 2000n };
/** A dispatch at the committed prices with a reservation far above any of these requests' cost. */
export const PRICED = { promptPriceNano: 1000n, completionPriceNano: 2000n, maxCostNano: 10n ** 15n };
export const CHANNEL = `0:${'cd'.repeat(32)}`;
export const enc = (o: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(o));
export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
export const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

export async function drain(it: AsyncIterable<HandleOutput>): Promise<HandleOutput[]> {
  const out: HandleOutput[] = [];
  for await (const o of it) out.push(o);
  return out;
}

export function openAll(opener: ResponseOpener, outs: HandleOutput[]): { text: string; final: unknown } {
  let text = '';
  let final: unknown;
  for (const o of outs) {
    if (!('frame' in o)) continue;
    const { data, final: isFinal } = opener.open(o.frame);
    const c = decodeResponseChunk(data) as { text?: string };
    if (isFinal) final = c;
    else text += c.text ?? '';
  }
  opener.finish();
  return { text, final };
}

let sharedPki: DevnetIntelPki | undefined;

/** The devnet Intel PKI these tests share (made on first use). */
export function testPki(): DevnetIntelPki {
  return (sharedPki ??= createDevnetIntelPki({ seed: 'worker-test' }));
}

export async function makeWorker(engine: InferenceEngine): Promise<Worker> {
  return createWorker({
    engine,
    prices: PRICES,
    tdx: createSimulatedTdx({ pki: testPki() }),
    gpu: createNoGpuProvider(),
    clock: fixedClock(NOW),
    reattestIntervalMs: 0,
  });
}
