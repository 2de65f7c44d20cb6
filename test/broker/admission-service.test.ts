/**
 * AdmissionService against in-memory ports: every appraisal code (challenge, platform, model, price, registry
 * unavailable), untyped verifier failures mapped to ADMISSION_BUNDLE_INVALID, and ledger / on-chain log failures that
 * never block or alter the outcome.
 */
import { AdmissionService } from '../../broker/services/admission';
import { BrokerError } from '../../broker/errors';
import type { BrokerContext } from '../../broker/services/types';
import type { AdmittedIdentity, RegistrySnapshot } from '../../broker/ports';
import { MAX_BUNDLE_BYTES } from '../../attestation/bundle';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fill = (n: number) => new Uint8Array(32).fill(n);
const challenge = fill(9);
const identity: AdmittedIdentity = {
  signingPublicKey: fill(1),
  hpkePublicKey: fill(2),
  imageId: fill(3),
  platformId: fill(4),
  modelId: fill(5),
  brokerChallenge: challenge,
  prices: { promptNano: 100n, completionNano: 200n },
};
const registry: RegistrySnapshot = {
  version: 1,
  imageIds: [hex(identity.imageId).toUpperCase()],
  platformIds: [hex(identity.platformId)],
  modelIds: [hex(identity.modelId)],
  modelPrices: { [hex(identity.modelId)]: { promptNano: 100n, completionNano: 200n } },
};

interface Harness {
  service: AdmissionService;
  recorded: Array<{ ok: boolean; code: string }>;
  logged: string[];
  errors: string[];
  counts: Record<string, number>;
  /** the registry snapshot each verify() call was given */
  verifiedWith: Array<RegistrySnapshot | undefined>;
}

function harness(
  over: {
    verify?: () => Promise<AdmittedIdentity>;
    snapshot?: () => Promise<RegistrySnapshot>;
    ledgerFails?: boolean;
    logFails?: boolean;
    noLogger?: boolean;
  } = {},
): Harness {
  const h: Harness = {
    recorded: [],
    logged: [],
    errors: [],
    counts: {},
    verifiedWith: [],
    service: undefined as never,
  };
  const counter = (name: string) => ({
    inc: (labels: { result?: string; code: string }) => {
      const k = `${name}:${labels.result ?? ''}:${labels.code}`;
      h.counts[k] = (h.counts[k] ?? 0) + 1;
    },
  });
  const ctx = {
    config: { reattestIntervalMs: 1000, reattestGraceMs: 500 },
    logger: { info: () => undefined, warn: () => undefined, error: (_o: unknown, msg: string) => h.errors.push(msg) },
    ledger: {
      recordAdmission: async (a: { ok: boolean; code: string }) => {
        if (over.ledgerFails) throw new Error('disk full');
        h.recorded.push({ ok: a.ok, code: a.code });
      },
    },
    metrics: { admissions: counter('admissions'), rejections: counter('rejections') },
    clock: { now: () => new Date(5_000) },
    bundleVerifier: {
      verify:
        over.verify ??
        (async (_b: Uint8Array, opts: { registry?: RegistrySnapshot }) => {
          h.verifiedWith.push(opts.registry);
          return identity;
        }),
    },
    registry: { snapshot: over.snapshot ?? (async () => registry) },
    admissionLogger: over.noLogger
      ? undefined
      : {
          logAdmission: async (e: { workerId: string }) => {
            if (over.logFails) throw new Error('chain down');
            h.logged.push(e.workerId);
          },
        },
  } as unknown as BrokerContext;
  h.service = new AdmissionService(ctx);
  return h;
}

const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'admitted',
    (e: { code?: string }) => e.code ?? 'untyped',
  );
const flush = () => new Promise((r) => setImmediate(r));

describe('AdmissionService', () => {
  it('admits a listed worker at or under the registry prices, records, counts and logs it', async () => {
    const h = harness();
    const w = await h.service.admit(Uint8Array.of(1, 2, 3), challenge, 'c1');
    // verifyBundle gets the same registry snapshot (with modelPrices) that admission appraises against
    expect(h.verifiedWith).toEqual([registry]);
    expect(w.identity.prices).toEqual({ promptNano: 100n, completionNano: 200n });
    expect(w.modelIdHex).toBe(hex(identity.modelId));
    expect(w.validUntilMs).toBe(5_000 + 1000 + 500);
    await flush();
    expect(h.recorded).toEqual([{ ok: true, code: 'OK' }]);
    expect(h.logged).toEqual([w.workerId]);
    expect(h.counts['admissions:admitted:OK']).toBe(1);
  });

  it.each<[string, Partial<AdmittedIdentity> | null, Partial<RegistrySnapshot> | null, string]>([
    ['another challenge', { brokerChallenge: fill(8) }, null, 'ADMISSION_CHALLENGE_MISMATCH'],
    ['an unlisted image', { imageId: fill(7) }, null, 'ADMISSION_IMAGE_NOT_ALLOWED'],
    ['an unlisted platform', { platformId: fill(7) }, null, 'ADMISSION_PLATFORM_NOT_ALLOWED'],
    ['an unlisted model', { modelId: fill(7) }, null, 'ADMISSION_MODEL_NOT_ALLOWED'],
    [
      'a committed prompt price above the registry',
      { prices: { promptNano: 101n, completionNano: 200n } },
      null,
      'ADMISSION_PRICE_NOT_ALLOWED',
    ],
    [
      'a committed completion price above the registry',
      { prices: { promptNano: 100n, completionNano: 201n } },
      null,
      'ADMISSION_PRICE_NOT_ALLOWED',
    ],
    ['a model the registry has no price for', null, { modelPrices: {} }, 'ADMISSION_PRICE_NOT_ALLOWED'],
  ])('refuses %s with %s, recorded and counted', async (_name, idOver, regOver, code) => {
    const h = harness({
      verify: async () => ({ ...identity, ...(idOver ?? {}) }),
      snapshot: async () => ({ ...registry, ...(regOver ?? {}) }),
    });
    expect(await codeOf(h.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe(code);
    expect(h.recorded).toEqual([{ ok: false, code }]);
    expect(h.counts[`rejections::${code}`]).toBe(1);
    expect(h.logged).toEqual([]);
  });

  it('a registry without modelPrices leaves the price appraisal to the bundle verifier', async () => {
    const { modelPrices: _omit, ...noPrices } = registry;
    const h = harness({
      snapshot: async () => noPrices,
      verify: async () => ({ ...identity, prices: { promptNano: 10n ** 12n, completionNano: 10n ** 12n } }),
    });
    expect(await codeOf(h.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe('admitted');
  });

  it('fails closed without a registry snapshot', async () => {
    const h = harness({ snapshot: async () => Promise.reject(new Error('rpc down')) });
    expect(await codeOf(h.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe('ADMISSION_REGISTRY_UNAVAILABLE');
  });

  it('an untyped verifier failure becomes ADMISSION_BUNDLE_INVALID; typed codes pass through', async () => {
    const h = harness({ verify: async () => Promise.reject(new Error('boom')) });
    const err = await h.service.admit(Uint8Array.of(1), challenge, 'c').catch((e) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect((err as BrokerError).code).toBe('ADMISSION_BUNDLE_INVALID');
    expect(h.recorded).toEqual([{ ok: false, code: 'ADMISSION_BUNDLE_INVALID' }]);
    const typed = harness({ verify: async () => Promise.reject(new BrokerError('BUNDLE_STALE' as never, 'old')) });
    expect(await codeOf(typed.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe('BUNDLE_STALE');
  });

  it('ledger and on-chain log failures are logged and never change the outcome', async () => {
    const h = harness({ ledgerFails: true, logFails: true });
    expect(await codeOf(h.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe('admitted');
    await flush();
    expect(h.errors).toEqual(['ledger: admission not recorded', 'admission log (on-chain) failed']);
    const r = harness({ ledgerFails: true, verify: async () => ({ ...identity, modelId: fill(7) }) });
    expect(await codeOf(r.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe('ADMISSION_MODEL_NOT_ALLOWED');
    expect(r.errors).toEqual(['ledger: admission not recorded']);
    const quiet = harness({ noLogger: true });
    expect(await codeOf(quiet.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe('admitted');
  });

  it('the admission lapses no later than the evidence: validUntilMs = min(re-attest deadline, evidence validUntil)', async () => {
    const early = harness({ verify: async () => ({ ...identity, validUntil: new Date(5_700) }) });
    expect((await early.service.admit(Uint8Array.of(1), challenge, 'c')).validUntilMs).toBe(5_700);
    const late = harness({ verify: async () => ({ ...identity, validUntil: new Date(99_000) }) });
    expect((await late.service.admit(Uint8Array.of(1), challenge, 'c')).validUntilMs).toBe(5_000 + 1000 + 500);
  });

  it('evidence a verifier reports as already expired is refused with ADMISSION_EVIDENCE_EXPIRED', async () => {
    for (const until of [5_000, 4_000, Number.NaN]) {
      const h = harness({ verify: async () => ({ ...identity, validUntil: new Date(until) }) });
      expect(await codeOf(h.service.admit(Uint8Array.of(1), challenge, 'c'))).toBe('ADMISSION_EVIDENCE_EXPIRED');
      expect(h.recorded).toEqual([{ ok: false, code: 'ADMISSION_EVIDENCE_EXPIRED' }]);
    }
  });

  it('a bundle over MAX_BUNDLE_BYTES (or empty) never reaches the verifier: ADMISSION_BUNDLE_INVALID', async () => {
    const h = harness();
    for (const n of [0, MAX_BUNDLE_BYTES + 1])
      expect(await codeOf(h.service.admit(new Uint8Array(n), challenge, 'c'))).toBe('ADMISSION_BUNDLE_INVALID');
    expect(h.verifiedWith).toEqual([]);
  });
});
