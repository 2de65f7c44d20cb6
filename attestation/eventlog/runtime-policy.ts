import type { Violation } from '../errors';
import { RuntimeLogPolicyError } from './errors';
import { bytesEqual, toHex } from './bytes';
import {
  replayRuntimeLog,
  RUNTIME_EVENT_CONFIG,
  RUNTIME_EVENT_MODEL,
  RUNTIME_EVENT_MODEL_DISK,
  RUNTIME_EVENT_READY,
  type RuntimeEvent,
  type RuntimeEventKind,
} from './runtime-event';
import { tryFromHex } from './bytes';

/**
 * One allowed runtime event. Deterministic rules carry the expected payload, or (a value the verifier does not know
 * in advance, reported for the caller to match) only its expected length; instance rules never do.
 */
export type RuntimeEventRule =
  | { readonly name: string; readonly kind: 'deterministic'; readonly expected: Uint8Array }
  | { readonly name: string; readonly kind: 'deterministic'; readonly expected?: undefined; readonly length: number }
  | { readonly name: string; readonly kind: 'instance' };

export interface RuntimeLogPolicy {
  /** The events, in the order they must appear, each exactly once (unless `optional`). */
  readonly rules: readonly (RuntimeEventRule & { readonly optional?: boolean })[];
  /** Name of the final marker; nothing may follow it. Default: the last rule's name. */
  readonly finalEvent?: string;
}

/**
 * The policy for chrysalis workers: config digest, model id, the model disk's dm-verity root hash (required and equal
 * when `modelDiskRootHash` is given; else optional, any 32 bytes), then the ready marker.
 */
export function chrysalisRuntimePolicy(expected: {
  configDigest: Uint8Array;
  modelId: Uint8Array | string;
  modelDiskRootHash?: Uint8Array | string;
}): RuntimeLogPolicy {
  const model = typeof expected.modelId === 'string' ? tryFromHex(expected.modelId) : expected.modelId;
  if (model === undefined) throw new TypeError('modelId is not hex');
  const root = expected.modelDiskRootHash;
  const disk = typeof root === 'string' ? tryFromHex(root) : root;
  if (root !== undefined && disk?.length !== 32) throw new TypeError('modelDiskRootHash is not 32 bytes');
  return {
    rules: [
      { name: RUNTIME_EVENT_CONFIG, kind: 'deterministic', expected: expected.configDigest },
      { name: RUNTIME_EVENT_MODEL, kind: 'deterministic', expected: model },
      disk
        ? { name: RUNTIME_EVENT_MODEL_DISK, kind: 'deterministic', expected: disk }
        : { name: RUNTIME_EVENT_MODEL_DISK, kind: 'deterministic', length: 32, optional: true },
      { name: RUNTIME_EVENT_READY, kind: 'deterministic', expected: new Uint8Array(0) },
    ],
    finalEvent: RUNTIME_EVENT_READY,
  };
}

/**
 * Every violation of the runtime log against the quote's RTMR3 (when given) and the policy.
 * @throws TypeError for a malformed policy; RuntimeEventError for malformed records
 */
export function runtimeLogViolations(
  events: readonly RuntimeEvent[],
  rtmr3: Uint8Array | undefined,
  policy: RuntimeLogPolicy,
): Violation[] {
  const out: Violation[] = [];
  for (const r of policy.rules) {
    if (
      r.kind === 'deterministic' &&
      !(r.expected instanceof Uint8Array) &&
      !('length' in r && Number.isInteger(r.length))
    )
      throw new TypeError(`rule ${r.name}: deterministic needs expected or length`);
  }
  if (rtmr3 !== undefined) {
    const got = replayRuntimeLog(events);
    if (!bytesEqual(got, rtmr3))
      out.push({ code: 'RUNTIME_LOG_RTMR3_MISMATCH', field: 'rtmr3', expected: toHex(rtmr3), actual: toHex(got) });
  }
  const index = new Map(policy.rules.map((r, i) => [r.name, i] as const));
  const seen = new Set<string>();
  const finalName = policy.finalEvent ?? policy.rules[policy.rules.length - 1]?.name;
  let last = -1;
  let finalSeen = false;
  events.forEach((e, k) => {
    const field = `runtime[${k}] ${e.name}`;
    if (finalSeen) out.push({ code: 'RUNTIME_EVENT_AFTER_FINAL', field, expected: `nothing after ${finalName}` });
    const i = index.get(e.name);
    if (i === undefined) {
      out.push({ code: 'RUNTIME_EVENT_UNKNOWN', field, actual: e.name });
      return;
    }
    const rule = policy.rules[i]!;
    if (seen.has(e.name)) out.push({ code: 'RUNTIME_EVENT_DUPLICATE', field });
    else if (i < last) out.push({ code: 'RUNTIME_EVENT_ORDER', field, expected: `after ${policy.rules[last]!.name}` });
    seen.add(e.name);
    last = Math.max(last, i);
    if (e.kind !== rule.kind)
      out.push({ code: 'RUNTIME_EVENT_KIND_MISMATCH', field, expected: rule.kind, actual: e.kind as RuntimeEventKind });
    else if (rule.kind === 'deterministic') {
      const want = rule.expected;
      const ok = want !== undefined ? bytesEqual(e.payload, want) : e.payload.length === rule.length;
      if (!ok)
        out.push({
          code: 'RUNTIME_EVENT_VALUE_MISMATCH',
          field,
          expected: want !== undefined ? toHex(want) : `${rule.length} bytes`,
          actual: toHex(e.payload),
        });
    }
    if (e.name === finalName) finalSeen = true;
  });
  for (const r of policy.rules) {
    if (!seen.has(r.name) && !r.optional) out.push({ code: 'RUNTIME_EVENT_MISSING', field: r.name });
  }
  return out;
}

/**
 * Replay the runtime records against the quote's RTMR3 and check them against the policy.
 * @throws RuntimeLogPolicyError (code RUNTIME_LOG_REJECTED) with violations RUNTIME_LOG_RTMR3_MISMATCH,
 *   RUNTIME_EVENT_UNKNOWN, RUNTIME_EVENT_KIND_MISMATCH, RUNTIME_EVENT_VALUE_MISMATCH, RUNTIME_EVENT_ORDER,
 *   RUNTIME_EVENT_DUPLICATE, RUNTIME_EVENT_MISSING, RUNTIME_EVENT_AFTER_FINAL
 */
export function appraiseRuntimeLog(
  events: readonly RuntimeEvent[],
  rtmr3: Uint8Array | undefined,
  policy: RuntimeLogPolicy,
): void {
  const v = runtimeLogViolations(events, rtmr3, policy);
  if (v.length > 0) throw new RuntimeLogPolicyError(v);
}
