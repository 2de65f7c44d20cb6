/**
 * A client "crashes" after the broker charged a receipt but before the SDK counted it, with a REAL broker (in-memory
 * ledger, zero credit: every request must be covered by a voucher) and a REAL attested worker (simulated TDX/GPU
 * evidence from the devnet PKIs, fake deterministic engine). The stream is cut just before the receipt frame; a fresh
 * client on the same SQLite voucher store recovers the receipt from the broker and the next request goes through
 * without a 402.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Address } from '@ton/core';
import {
  StaticChannels,
  StaticRegistry,
  attestationBundleVerifier,
  startBroker,
  type RunningBroker,
} from '../../broker';
import { MemoryLedger } from '../../broker/ledger';
import { createWorker, type InferenceEngine, type Worker } from '../../enclave-runtime';
import { connectBroker, type BrokerLink } from '../../enclave-runtime/broker-link';
import { createDevnetNvidiaPki, createSimulatedGpuProvider, createSimulatedTdx } from '../../devnet';
import { createDevnetIntelPki } from '../../devnet/intel';
import { fixedClock } from '../../core/clock';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { chrysalis } from '../../proto/generated/chrysalis';
import { ChrysalisClient, tonVoucherSigner, voucherKey, type SdkError } from '../../sdk';
import { SqliteVoucherStore } from '../../sdk/voucher-store';
import { ed25519FromSeed } from './fixtures';

const NOW = new Date('2026-11-25T12:00:00Z');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const MODEL_ID = createHash('sha256').update('recovery-model@1:weights').digest();
const CHANNEL = new Address(0, Buffer.alloc(32, 0x24)).toString();
const CLIENT_SEED = new Uint8Array(32).fill(0x21);
const PRICE = 10n;
const GLOBAL_ID = NETWORK_GLOBAL_ID.devnet;
const req = { model: 'm', messages: [{ role: 'user' as const, content: 'count these words please' }] };

function engine(): InferenceEngine {
  return {
    kind: 'fake',
    modelId: new Uint8Array(MODEL_ID),
    modelName: 'recovery-model@1',
    async *generate(r) {
      const words = (r.messages[r.messages.length - 1]?.content ?? '').split(/\s+/).filter(Boolean);
      for (const w of words) yield { text: ` ${w}` };
      yield { usage: { promptTokens: words.length, completionTokens: words.length }, finishReason: 'stop' };
    },
    async close() {},
  };
}

/** The stream body without its receipt frame (the broker has charged it by the time the body ends). */
function withoutReceipt(body: Buffer): Buffer {
  const kept: Buffer[] = [];
  for (let off = 0; off < body.length;) {
    const len = body.readUInt32BE(off);
    const frame = body.subarray(off, off + 4 + len);
    if (!chrysalis.v1.StreamFrame.decode(frame.subarray(4)).receipt) kept.push(frame);
    off += 4 + len;
  }
  return Buffer.concat(kept);
}

describe('receipt recovery end to end: crash after the charge, recover, go on', () => {
  let worker: Worker;
  let link: BrokerLink;
  let broker: RunningBroker;
  let ledger: MemoryLedger;
  let dir: string;
  let verify: NonNullable<ConstructorParameters<typeof ChrysalisClient>[0]['verify']>;

  beforeAll(async () => {
    const pki = createDevnetIntelPki({ seed: 'recovery-e2e', issuedAt: new Date(NOW.getTime() - 86_400_000) });
    const gpuPki = createDevnetNvidiaPki({ seed: 'recovery-e2e' });
    worker = await createWorker({
      engine: engine(),
      prices: { promptNano: PRICE, completionNano: PRICE },
      tdx: createSimulatedTdx({ pki }),
      gpu: createSimulatedGpuProvider({ pki: gpuPki }),
      clock: fixedClock(NOW),
      reattestIntervalMs: 0,
    });
    const registrySnap = {
      version: 1,
      imageIds: [hex(worker.imageId)],
      platformIds: [hex(worker.platformId)],
      modelIds: [hex(MODEL_ID)],
      modelPrices: { [hex(MODEL_ID)]: { promptNano: PRICE, completionNano: PRICE } },
    };
    const trust = { intel: { intelRootCaDer: [pki.rootCaDer] }, nvidia: gpuPki.trust };
    const policy = { minGpus: 1, quote: { allowedRoots: [createHash('sha256').update(pki.rootCaDer).digest('hex')] } };
    const registry = new StaticRegistry(registrySnap);
    ledger = new MemoryLedger();
    broker = await startBroker({
      config: { host: '127.0.0.1', port: 0, dbPath: ':memory:', globalId: GLOBAL_ID },
      logger: pino({ level: 'silent' }),
      ledger,
      registry,
      clock: { now: () => NOW },
      bundleVerifier: attestationBundleVerifier({ registry, trust, policy, collateral: pki.collateral }),
      channels: new StaticChannels([
        { clientKey: hex(ed25519FromSeed(CLIENT_SEED).publicKey), channel: CHANNEL, depositNano: 1_000_000_000 },
      ]),
    });
    link = connectBroker({ url: broker.workerUrl, worker, reconnect: { enabled: false } });
    await link.admitted();
    verify = { registry: registrySnap, trust, policy, collateral: pki.collateral };
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-recovery-e2e-'));
  });

  afterAll(async () => {
    await link?.close();
    await broker?.close();
    await worker?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const client = (store: SqliteVoucherStore, fetchFn: typeof fetch): ChrysalisClient =>
    new ChrysalisClient({
      broker: broker.url,
      channel: CHANNEL,
      channelKey: CLIENT_SEED,
      verify,
      models: { m: hex(MODEL_ID) },
      globalId: GLOBAL_ID,
      voucherSigner: tonVoucherSigner(CLIENT_SEED, { globalId: GLOBAL_ID }),
      voucherStore: store,
      now: () => NOW,
      listingTtlMs: 0,
      fetch: fetchFn as never,
    });

  it('a fresh client on the same store recovers the charged receipt once; the next request needs no retry', async () => {
    const path = join(dir, 'vouchers.sqlite');
    const key = voucherKey(CHANNEL, GLOBAL_ID);
    const clientKey = hex(ed25519FromSeed(CLIENT_SEED).publicKey);

    // The crashing client: its process "dies" between the broker's charge and the receipt reaching the SDK.
    const cut: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/v1/requests') || res.status !== 200) return res;
      const body = withoutReceipt(Buffer.from(await res.arrayBuffer()));
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const crashingStore = new SqliteVoucherStore(path);
    const crashing = client(crashingStore, cut);
    const err = await crashing.chat(req).catch((e: unknown) => e);
    expect((err as SdkError).code).toBe('SDK_RECEIPT_MISSING');
    const charged = BigInt((await ledger.getAccount(clientKey))!.chargedNano);
    expect(charged).toBeGreaterThan(0n);

    // A new client (a new process) opens the same store: the accepted request's row is still there.
    const store = new SqliteVoucherStore(path);
    expect(await store.pending(key)).toHaveLength(1);
    expect((await store.read(key)).owedNano).toBe(0n);
    const statuses: number[] = [];
    const watch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      statuses.push(res.status);
      return res;
    };
    const fresh = client(store, watch);
    // Older than the request timeout: another process's row is only touched once its request must have ended.
    const report = await fresh.recoverReceipts({ nowMs: Date.now() + 10 * 60_000 });
    expect(report.recovered).toEqual([{ requestId: expect.any(String), amountNano: charged }]);
    expect(report.refused).toEqual([]);
    expect(await store.read(key)).toMatchObject({ owedNano: charged, reservedNano: 0n });
    expect(await store.pending(key)).toEqual([]);
    expect(await fresh.recoverReceipts({ nowMs: Date.now() + 10 * 60_000 })).toMatchObject({ recovered: [] });

    // The next request: the store and the broker agree on what is owed, so it goes through at once (no 402).
    const result = await fresh.chat(req);
    expect(result.content).toBe(' count these words please');
    expect(statuses).not.toContain(402);
    const acct = (await ledger.getAccount(clientKey))!;
    expect(BigInt(acct.chargedNano)).toBe(charged + result.costNano);
    expect(result.owedNano).toBe(charged + result.costNano);
    expect(BigInt(acct.vouchedNano)).toBe(result.cumulativeNano);
    store.close();
    crashingStore.close();
  });
});
