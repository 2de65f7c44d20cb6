/**
 * The broker with nothing faked on the trust path: the worker (simulated TDX quotes from the devnet Intel PKI —
 * SIMULATED hardware, real DCAP verification), verifyBundle behind attestationBundleVerifier,
 * HPKE sealing and receipts. Only simplifications: a fast deterministic engine, no GPU evidence (minGpus 0).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createDevnetIntelPki, type DevnetIntelPki } from '../../devnet/intel';
import { verifyReceipt } from '../../attestation/receipt';
import { sealRequest } from '../../proto/sealing';
import { StaticRegistry, attestationBundleVerifier } from '../../broker';
import {
  createNoGpuProvider,
  createWorker,
  decodeResponseChunk,
  type InferenceEngine,
  type Worker,
} from '../../enclave-runtime';
import { createSimulatedTdx } from '../../devnet';
import type { LinkWorker } from '../../enclave-runtime/broker-link';
import { Client, NOW, fixedClock, hex, metricsText, post, startHarness, v1, waitFor, type Harness } from './helpers';

const MODEL = createHash('sha256').update('real-worker@1').digest();
const PRICES = { promptNano: 7n, completionNano: 8n };

function engine(): InferenceEngine {
  return {
    kind: 'fake',
    modelId: new Uint8Array(MODEL),
    modelName: 'real-worker@1',
    async *generate(req) {
      const words = ['one', ' two', ' three'];
      for (const w of words) yield { text: w };
      yield { usage: { promptTokens: req.messages.length, completionTokens: words.length }, finishReason: 'stop' };
    },
    async close() {},
  };
}

describe('broker + real worker + real verifyBundle', () => {
  let pki: DevnetIntelPki;
  let worker: Worker;
  let h: Harness;
  let registry: StaticRegistry;

  beforeAll(async () => {
    pki = createDevnetIntelPki({ seed: 'broker-real', issuedAt: new Date(NOW.getTime() - 86_400_000) });
    worker = await createWorker({
      engine: engine(),
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
      clock: fixedClock,
      reattestIntervalMs: 0,
      prices: PRICES,
    });
  });
  afterAll(async () => {
    await worker?.close();
  });
  beforeEach(async () => {
    registry = new StaticRegistry({
      version: 1,
      imageIds: [hex(worker.imageId)],
      platformIds: [hex(worker.platformId)],
      modelIds: [hex(MODEL)],
      modelPrices: { [hex(MODEL)]: { promptNano: 10n, completionNano: 10n } },
    });
    const trust = { intel: { intelRootCaDer: [pki.rootCaDer] } };
    const policy = { minGpus: 0, quote: { allowedRoots: [createHash('sha256').update(pki.rootCaDer).digest('hex')] } };
    h = await startHarness({
      registry,
      bundleVerifier: attestationBundleVerifier({ registry, trust, policy, collateral: pki.collateral }),
    });
  });
  afterEach(async () => {
    await h?.close();
  });

  test('admits the real bundle; a sealed chat round-trips; the receipt verifies and is charged', async () => {
    await h.connect(worker).admitted();
    const c = new Client();
    h.fund(c);
    const { sealed, opener } = await sealRequest(
      worker.keys.hpkePublicKey,
      Buffer.from(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'a secret about zebras' }] })),
    );
    const r = await post(h.broker.url, c.submit({ sealed, modelId: MODEL }));
    const chunks = r.frames.filter((f) => f.msg === 'chunk');
    let text = '';
    for (const f of chunks) {
      const { data, final } = opener.open(f.chunk!.frame!);
      if (!final) text += (decodeResponseChunk(data) as { text?: string }).text ?? '';
    }
    expect(text).toBe('one two three');
    const rec = r.frames.at(-1)!.receipt!;
    const facts = verifyReceipt(rec.receipt!, rec.signature!, worker.keys.signingPublicKey);
    // signed at the committed prices (the verified claims'), which the broker dispatched
    expect(facts.promptPriceNano).toBe(7n);
    expect(facts.completionPriceNano).toBe(8n);
    const acc = r.frames[0]!.accepted!;
    expect([Number(acc.promptPriceNano), Number(acc.completionPriceNano)]).toEqual([7, 8]);
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(Number(facts.amountNano));
    // the broker saw ciphertext only
    expect(h.log.lines.join('')).not.toContain('zebras');
  });

  test('a tampered real bundle is refused with the verifier code, in log and metrics', async () => {
    const tampering: LinkWorker = {
      async bundle(challenge) {
        const b = await worker.bundle(challenge);
        const bytes = Buffer.from(b.encoded);
        const m = v1.EvidenceBundle.decode(bytes);
        const q = Buffer.from(m.tdxQuote!);
        q[q.length - 100] = q[q.length - 100]! ^ 0xff; // inside the quote's signature data
        m.tdxQuote = q;
        return v1.EvidenceBundle.encode(m).finish();
      },
      handle: (s, m) => worker.handle(s, m),
    };
    const err = (await h
      .connect(tampering)
      .admitted()
      .catch((e: { code: string }) => e)) as { code: string };
    expect(err.code).toMatch(/^BUNDLE_/);
    expect(await metricsText(h.broker.url)).toContain(
      `chrysalis_broker_admissions_total{result="rejected",code="${err.code}"} 1`,
    );
    expect(h.log.records().some((x) => x.event === 'admission' && x.code === err.code)).toBe(true);
  });

  test('an image id missing from the registry is refused', async () => {
    registry.set({
      version: 2,
      imageIds: ['00'.repeat(32)],
      platformIds: [hex(worker.platformId)],
      modelIds: [hex(MODEL)],
    });
    const err = (await h
      .connect(worker)
      .admitted()
      .catch((e: { code: string }) => e)) as { code: string };
    expect(err.code).toMatch(/^(BUNDLE_POLICY_REJECTED|ADMISSION_IMAGE_NOT_ALLOWED)$/);
    expect(h.broker.broker.pool.all()).toHaveLength(0);
  });

  test('key rotation: the worker asks to re-attest and the pool moves to its new key', async () => {
    const w2 = await createWorker({
      engine: engine(),
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
      clock: fixedClock,
      reattestIntervalMs: 0,
      prices: PRICES,
    });
    try {
      const link = h.connect(w2);
      const first = await link.admitted();
      const next = link.admitted();
      await w2.rotateKeys();
      const second = await next;
      expect(second.workerId).not.toBe(first.workerId);
      await waitFor(
        () =>
          h.broker.broker.pool.get(second.workerId) !== undefined &&
          h.broker.broker.pool.get(first.workerId) === undefined,
        'rekey',
      );
      const listed = (await (await fetch(`${h.broker.url}/v1/workers`)).json()) as {
        workers: { hpkePublicKey: string }[];
      };
      expect(listed.workers.map((x) => Buffer.from(x.hpkePublicKey, 'base64').toString('hex'))).toEqual([
        hex(w2.keys.hpkePublicKey),
      ]);
    } finally {
      await w2.close();
    }
  });

  test('key rotation while the first bundle is in flight: the link re-attests right after that admission', async () => {
    const w3 = await createWorker({
      engine: engine(),
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
      clock: fixedClock,
      reattestIntervalMs: 0,
      prices: PRICES,
    });
    try {
      let calls = 0;
      const rotating: LinkWorker = {
        async bundle(challenge) {
          const b = await w3.bundle(challenge);
          if (++calls === 1) await w3.rotateKeys(); // the bundle just built names keys that are now retired
          return b;
        },
        handle: (s, m) => w3.handle(s, m),
        onReattest: (l) => w3.onReattest(l),
      };
      const link = h.connect(rotating);
      const admissions: string[] = [];
      link.on('admitted', (a: { workerId: string }) => admissions.push(a.workerId));
      await waitFor(() => admissions.length >= 2, 'second admission');
      expect(calls).toBe(2);
      const current = hex(createHash('sha256').update(w3.keys.signingPublicKey).digest());
      expect(admissions[0]).not.toBe(current);
      expect(admissions[1]).toBe(current);
      await waitFor(
        () => h.broker.broker.pool.get(current) !== undefined && h.broker.broker.pool.get(admissions[0]!) === undefined,
        'pool on the new key',
      );
      expect(h.log.records().some((x) => x.event === 'reattest_requested' && x.reason === 'key-rotation')).toBe(true);
      // the new key serves
      const c = new Client();
      h.fund(c);
      const { sealed } = await sealRequest(
        w3.keys.hpkePublicKey,
        Buffer.from(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })),
      );
      expect((await post(h.broker.url, c.submit({ sealed, modelId: MODEL }))).frames.at(-1)!.msg).toBe('receipt');
    } finally {
      await w3.close();
    }
  });

  test("the worker's re-attest timer: the link asks for a challenge and submits a fresh bundle (same keys)", async () => {
    const w4 = await createWorker({
      engine: engine(),
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
      clock: fixedClock,
      reattestIntervalMs: 150,
      prices: PRICES,
    });
    try {
      const link = h.connect(w4);
      const digests: string[] = [];
      link.on('admitted', (a: { bundleDigest: Uint8Array }) => digests.push(hex(a.bundleDigest)));
      const first = await link.admitted();
      await waitFor(() => digests.length >= 2, 're-admission after the timer');
      expect(digests[1]).not.toBe(digests[0]); // a new challenge, a new bundle
      expect(link.workerId).toBe(first.workerId);
      expect(h.log.records().some((x) => x.event === 'reattest_requested' && x.reason === 'timer')).toBe(true);
    } finally {
      await w4.close();
    }
  });

  test('a request sealed to a key the worker does not hold: worker code passed through, not charged', async () => {
    await h.connect(worker).admitted();
    const c = new Client();
    h.fund(c);
    const { sealed } = await sealRequest(new Uint8Array(randomBytes(32)), Buffer.from('{}'));
    const r = await post(h.broker.url, c.submit({ sealed, modelId: MODEL }));
    const e = r.frames.at(-1)!.error!;
    expect(e.code).toMatch(/^[A-Z_]+$/);
    expect(e.fatal).toBe(false);
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.chargedNano).toBe(0);
  });
});
