/**
 * End to end in one process tree, nothing faked on the trust path: the broker (in-memory ledger), two
 * workers (simulated TDX quotes from the devnet Intel PKI, dialing out over WebSocket), the SDK verifying each
 * bundle itself with `verifyBundle` (devnet roots opted in explicitly), the gateway, and the
 * official `openai` client. Each worker carries one SIMULATED GPU (the devnet NVIDIA PKI), checked by every verifier.
 * The engine is a fast deterministic fake (the ONNX engine has its own tests) — the only simplification.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import OpenAI from 'openai';
import pino from 'pino';
import { Address } from '@ton/core';
import { createDevnetIntelPki, type DevnetIntelPki } from '../../devnet/intel';
import { verifyReceipt } from '../../attestation/receipt';
import {
  StaticChannels,
  StaticRegistry,
  attestationBundleVerifier,
  startBroker,
  type RunningBroker,
} from '../../broker';
import { MemoryLedger } from '../../broker/ledger';
import { createWorker, type InferenceEngine, type Worker } from '../../enclave-runtime';
import { createSimulatedGpuProvider, createSimulatedTdx } from '../../devnet';
import { createDevnetNvidiaPki } from '../../devnet';
import { connectBroker, type BrokerLink } from '../../enclave-runtime/broker-link';
import { fixedClock } from '../../core/clock';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { ChrysalisClient, MemoryVoucherStore, tonVoucherSigner, SdkError } from '../../sdk';
import { startGateway, type RunningGateway } from '../../sdk/gateway';
import { ed25519FromSeed } from '../sdk/fixtures';

const NOW = new Date('2026-11-25T12:00:00Z');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const MODEL_ID = createHash('sha256').update('e2e-model@1:weights').digest();
const CHANNEL = new Address(0, Buffer.alloc(32, 0x42)).toString();
const CLIENT_SEED = new Uint8Array(32).fill(0x11);
const PROMPT = 'a secret prompt about zebras';
const PRICE = 10;
const GLOBAL_ID = NETWORK_GLOBAL_ID.devnet;

/** Fast deterministic engine: echoes the last user message word by word. */
function fakeEngine(): InferenceEngine {
  return {
    kind: 'fake',
    modelId: new Uint8Array(MODEL_ID),
    modelName: 'e2e-model@1',
    async *generate(req) {
      const last = req.messages[req.messages.length - 1]?.content ?? '';
      let words = [
        'Heard',
        ...last
          .split(/\s+/)
          .filter(Boolean)
          .map((w) => ` ${w.toUpperCase()}`),
      ];
      let finishReason: 'stop' | 'length' = 'stop';
      if (req.maxTokens !== undefined && words.length > req.maxTokens) {
        words = words.slice(0, req.maxTokens);
        finishReason = 'length';
      }
      for (const w of words) yield { text: w };
      yield {
        usage: {
          promptTokens: req.messages.reduce((n, m) => n + m.content.split(/\s+/).filter(Boolean).length, 0),
          completionTokens: words.length,
        },
        finishReason,
      };
    },
    async close() {},
  };
}

describe('end to end: broker + 2 attested workers + SDK + gateway + openai client', () => {
  let pki: DevnetIntelPki;
  let gpuPki: ReturnType<typeof createDevnetNvidiaPki>;
  let workers: Worker[];
  let links: BrokerLink[];
  let broker: RunningBroker;
  let gw: RunningGateway;
  let client: ChrysalisClient;
  let openai: OpenAI;
  let ledger: MemoryLedger;
  const brokerLog: string[] = [];
  const relayed: Buffer[] = [];

  beforeAll(async () => {
    pki = createDevnetIntelPki({ seed: 'sdk-e2e', issuedAt: new Date(NOW.getTime() - 86_400_000) });
    gpuPki = createDevnetNvidiaPki({ seed: 'sdk-e2e' });
    workers = [];
    for (let i = 0; i < 2; i++) {
      workers.push(
        await createWorker({
          engine: fakeEngine(),
          prices: { promptNano: BigInt(PRICE), completionNano: BigInt(PRICE) },
          tdx: createSimulatedTdx({ pki }),
          gpu: createSimulatedGpuProvider({ pki: gpuPki }),
          clock: fixedClock(NOW),
          reattestIntervalMs: 0,
        }),
      );
    }
    const w0 = workers[0]!;
    const registrySnap = {
      version: 1,
      imageIds: [hex(w0.imageId)],
      platformIds: [hex(w0.platformId)],
      modelIds: [hex(MODEL_ID)],
      modelPrices: { [hex(MODEL_ID)]: { promptNano: BigInt(PRICE), completionNano: BigInt(PRICE) } },
    };
    const trust = { intel: { intelRootCaDer: [pki.rootCaDer] }, nvidia: gpuPki.trust };
    const policy = { minGpus: 1, quote: { allowedRoots: [createHash('sha256').update(pki.rootCaDer).digest('hex')] } };
    const registry = new StaticRegistry(registrySnap);
    ledger = new MemoryLedger();
    const capture = new Writable({
      write(chunk: Buffer, _enc, cb) {
        brokerLog.push(chunk.toString('utf8'));
        cb();
      },
    });
    broker = await startBroker({
      config: { host: '127.0.0.1', port: 0, dbPath: ':memory:', globalId: GLOBAL_ID },
      logger: pino({ level: 'debug' }, capture),
      ledger,
      registry,
      clock: { now: () => NOW },
      bundleVerifier: attestationBundleVerifier({ registry, trust, policy, collateral: pki.collateral }),
      channels: new StaticChannels([
        { clientKey: hex(ed25519FromSeed(CLIENT_SEED).publicKey), channel: CHANNEL, depositNano: 1_000_000_000 },
      ]),
    });
    links = workers.map((worker) => connectBroker({ url: broker.workerUrl, worker, reconnect: { enabled: false } }));
    await Promise.all(links.map((l) => l.admitted()));
    // Capture every body the broker relays to the client (ciphertext only).
    const fetchSpy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!res.body || !String(input).includes('/v1/requests')) return res;
      const buf = Buffer.from(await res.arrayBuffer());
      relayed.push(buf);
      return new Response(buf, { status: res.status, headers: res.headers });
    };
    client = new ChrysalisClient({
      broker: broker.url,
      channel: CHANNEL,
      channelKey: CLIENT_SEED,
      verify: { registry: registrySnap, trust, policy, collateral: pki.collateral },
      models: { 'e2e-model': hex(MODEL_ID) },
      globalId: GLOBAL_ID,
      voucherSigner: tonVoucherSigner(CLIENT_SEED, { globalId: GLOBAL_ID }),
      voucherStore: new MemoryVoucherStore(),
      now: () => NOW,
      listingTtlMs: 0,
      fetch: fetchSpy as never,
    });
    gw = await startGateway({ client, port: 0 });
    openai = new OpenAI({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all((links ?? []).map((l) => l.close()));
    await broker?.close();
    await Promise.all((workers ?? []).map((w) => w.close()));
  });

  it('the SDK itself verifies both admitted workers with verifyBundle', async () => {
    const listed = await client.listWorkers();
    expect(listed).toHaveLength(2);
    expect(new Set(listed.map((l) => l.worker.workerKey))).toEqual(
      new Set(workers.map((w) => hex(w.keys.signingPublicKey))),
    );
    for (const l of listed) expect(l.worker.modelId).toBe(hex(MODEL_ID));
  });

  it('non-streaming and streaming chat through the openai client carry verifiable receipts; vouchers settle them', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'e2e-model', messages: [{ role: 'user', content: PROMPT }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Heard A SECRET PROMPT ABOUT ZEBRAS');
    const ext = (
      data as unknown as { chrysalis: { receipt: string; signature: string; workerKey: string; imageId: string } }
    ).chrysalis;
    expect(response.headers.get('x-chrysalis-image-id')).toBe(hex(workers[0]!.imageId));
    const r1 = verifyReceipt(
      Buffer.from(ext.receipt, 'base64'),
      Buffer.from(ext.signature, 'base64'),
      Buffer.from(ext.workerKey, 'hex'),
    );

    const stream = await openai.chat.completions.create({
      model: 'e2e-model',
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
    });
    let text = '';
    let last: unknown;
    for await (const ch of stream) {
      text += ch.choices[0]?.delta.content ?? '';
      last = ch;
    }
    expect(text).toBe('Heard A SECRET PROMPT ABOUT ZEBRAS');
    const ext2 = (last as { chrysalis: { receipt: string; signature: string; workerKey: string } }).chrysalis;
    const r2 = verifyReceipt(
      Buffer.from(ext2.receipt, 'base64'),
      Buffer.from(ext2.signature, 'base64'),
      Buffer.from(ext2.workerKey, 'hex'),
    );
    expect(r2.seq).toBeGreaterThan(r1.seq);

    // Settlement: the client owes exactly what the two receipts charge; its prepay vouchers covered each request's
    // reservation before it was sent, and the broker holds the latest one.
    const state = await client.voucherState();
    expect(state).toMatchObject({ owedNano: r1.amountNano + r2.amountNano, reservedNano: 0n, seq: 2n });
    expect(state!.vouchedNano >= state!.owedNano).toBe(true);
    const acct = await ledger.getAccount(hex(ed25519FromSeed(CLIENT_SEED).publicKey));
    expect(BigInt(acct?.vouchedNano ?? -1)).toBe(state!.vouchedNano);
    // A fresh client on the same channel proves the broker's voucher is its own and continues from it.
    const fresh = new ChrysalisClient({
      broker: broker.url,
      channel: CHANNEL,
      channelKey: CLIENT_SEED,
      verify: { registry: { imageIds: [], platformIds: [], modelIds: [] } },
      globalId: GLOBAL_ID,
      voucherSigner: tonVoucherSigner(CLIENT_SEED, { globalId: GLOBAL_ID }),
      now: () => NOW,
    });
    expect(await fresh.syncAccount()).toBe(state!.vouchedNano);
    expect(await fresh.voucherState()).toMatchObject({ seq: 2n, owedNano: state!.vouchedNano });
  });

  it('the prompt and the answer never appear in the broker logs or relayed bytes', async () => {
    await client.chat({ model: 'e2e-model', messages: [{ role: 'user', content: PROMPT }] });
    const logs = brokerLog.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const needle of ['zebras', 'ZEBRAS', 'secret prompt']) {
      expect(logs.includes(needle)).toBe(false);
      for (const b of relayed) expect(b.includes(Buffer.from(needle))).toBe(false);
    }
    expect(relayed.length).toBeGreaterThan(0);
  });

  it('a worker whose bundle the SDK cannot verify is never used (SDK policy stricter than the broker)', async () => {
    const strict = new ChrysalisClient({
      broker: broker.url,
      channel: CHANNEL,
      channelKey: CLIENT_SEED,
      verify: {
        registry: {
          imageIds: ['00'.repeat(32)],
          platformIds: [hex(workers[0]!.platformId)],
          modelIds: [hex(MODEL_ID)],
          modelPrices: { [hex(MODEL_ID)]: { promptNano: BigInt(PRICE), completionNano: BigInt(PRICE) } },
        },
        trust: { intel: { intelRootCaDer: [pki.rootCaDer] }, nvidia: gpuPki.trust },
        collateral: pki.collateral,
      },
      models: { 'e2e-model': hex(MODEL_ID) },
      now: () => NOW,
    });
    const err = await strict
      .chat({ model: 'e2e-model', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SdkError);
    expect((err as SdkError).code).toBe('SDK_BUNDLE_INVALID');
    expect((err as SdkError).details?.causeCode).toBe('BUNDLE_POLICY_REJECTED');
  });
});
