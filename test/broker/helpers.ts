/**
 * Test fixtures for the broker: a SIMULATED evidence bundle (JSON + HMAC standing in for the TDX/GPU chain, checked
 * by FakeBundleVerifier), fast fake workers that sign REAL receipts (attestation/receipt), a client that signs real
 * SubmitRequests, and a capture logger. Not a test file (no *.test.ts).
 */
import { createHash, createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { fixedClock as makeFixedClock } from '../../core/clock';
import { Address } from '@ton/core';
import { ChrysalisError } from '../../attestation/errors';
import { signReceipt, ed25519RawPublicKey } from '../../attestation/receipt';
import {
  attestationReceiptVerifier,
  StaticChannels,
  StaticRegistry,
  startBroker,
  StreamFrameReader,
  submitSigningMessage,
  legacySubmitSigningMessage,
  type AdmittedIdentity,
  type ModelPrice,
  type BundleVerifier,
  type LedgerRepository,
  type RunningBroker,
  type StartBrokerOptions,
} from '../../broker';
import { MemoryLedger } from '../../broker/ledger';
import {
  connectBroker,
  type BrokerLink,
  type BrokerLinkOptions,
  type LinkWorker,
} from '../../enclave-runtime/broker-link';
import { chrysalis } from '../../proto/generated/chrysalis';
import { encodeSubmitSigningMessageV2 } from '../../proto/submit-signing';
import { captureLogger } from './test-utils';

export { captureLogger, deferred, metricsText, waitFor } from './test-utils';

export const v1 = chrysalis.v1;
export const NOW = new Date('2026-11-25T12:00:00Z');
export const fixedClock = makeFixedClock(NOW);
const HMAC_KEY = Buffer.from('SIMULATED-attestation-key-for-broker-tests');

export const MODEL_ID = createHash('sha256').update('tiny@1:weights').digest();
export const OTHER_MODEL_ID = createHash('sha256').update('other@1:weights').digest();
export const IMAGE_ID = createHash('sha256').update('image-1').digest();
export const BAD_IMAGE_ID = createHash('sha256').update('image-evil').digest();
export const PLATFORM_ID = createHash('sha256').update('platform-1').digest();
export const CHANNEL = new Address(0, Buffer.alloc(32, 7)).toString();

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The committed prices a FakeWorker claims unless told otherwise (nanoton per prompt / completion token). */
export const WORKER_PRICES: ModelPrice = { promptNano: 10n, completionNano: 10n };
/** The registry's price ceiling for every test model. */
export const REGISTRY_PRICES: ModelPrice = { promptNano: 100n, completionNano: 100n };

/** SIMULATED bundle: canonical JSON of the identity (claims incl. prices) + HMAC (stands in for the quote's chain). */
export function fakeBundle(
  id: Omit<AdmittedIdentity, 'brokerChallenge' | 'prices'> & { prices?: ModelPrice },
  challenge: Uint8Array,
  opts: { tamper?: boolean } = {},
): Uint8Array {
  const body = JSON.stringify({
    signingPublicKey: hex(id.signingPublicKey),
    hpkePublicKey: hex(id.hpkePublicKey),
    imageId: hex(id.imageId),
    platformId: hex(id.platformId),
    modelId: hex(id.modelId),
    challenge: hex(challenge),
    promptPriceNano: String((id.prices ?? WORKER_PRICES).promptNano),
    completionPriceNano: String((id.prices ?? WORKER_PRICES).completionNano),
  });
  const mac = createHmac('sha256', HMAC_KEY).update(body).digest('hex');
  const text = JSON.stringify({ body, mac });
  const out = Buffer.from(text);
  if (opts.tamper) {
    const i = out.indexOf('imageId') + 12; // flip a bit inside the signed body
    out[i] = out[i]! ^ 1;
  }
  return out;
}

export const fakeBundleVerifier: BundleVerifier = {
  async verify(bundle) {
    let parsed: { body: string; mac: string };
    try {
      parsed = JSON.parse(Buffer.from(bundle).toString('utf8')) as { body: string; mac: string };
    } catch (cause) {
      throw new ChrysalisError('BUNDLE_MALFORMED', 'not a bundle', { cause });
    }
    const mac = createHmac('sha256', HMAC_KEY).update(parsed.body).digest('hex');
    if (mac !== parsed.mac) throw new ChrysalisError('BUNDLE_REPORT_DATA_MISMATCH', 'binding does not verify');
    const b = JSON.parse(parsed.body) as Record<string, string>;
    const x = (k: string): Uint8Array => Buffer.from(b[k] ?? '', 'hex');
    return {
      signingPublicKey: x('signingPublicKey'),
      hpkePublicKey: x('hpkePublicKey'),
      imageId: x('imageId'),
      platformId: x('platformId'),
      modelId: x('modelId'),
      brokerChallenge: x('challenge'),
      prices: { promptNano: BigInt(b.promptPriceNano ?? '0'), completionNano: BigInt(b.completionPriceNano ?? '0') },
    };
  },
};

export function registry(): StaticRegistry {
  return new StaticRegistry({
    version: 1,
    imageIds: [hex(IMAGE_ID)],
    platformIds: [hex(PLATFORM_ID)],
    modelIds: [hex(MODEL_ID), hex(OTHER_MODEL_ID)],
    modelPrices: { [hex(MODEL_ID)]: REGISTRY_PRICES, [hex(OTHER_MODEL_ID)]: REGISTRY_PRICES },
  });
}

export interface FakeWorkerOptions {
  imageId?: Uint8Array;
  modelId?: Uint8Array;
  tamper?: boolean;
  /** frames per answer (default 3) */
  frames?: number;
  /** awaited before each frame (index) — lets tests hold a stream open */
  beforeFrame?: (i: number, requestId: string) => Promise<void>;
  failWith?: string;
  promptTokens?: number;
  completionTokens?: number;
  /** bundle() fails from the Nth call on (1-based) with a tampered bundle */
  tamperFromCall?: number;
  /** committed prices in the bundle's claims (default WORKER_PRICES) */
  prices?: ModelPrice;
  /** prices the receipt is signed at (default: the committed ones); a lying worker signs others */
  receiptPrices?: ModelPrice;
}

/** A fast fake worker: opaque "sealed" frames out, a real signed receipt at the end. */
export class FakeWorker implements LinkWorker {
  readonly key: KeyObject;
  readonly signingPublicKey: Uint8Array;
  readonly hpkePublicKey = new Uint8Array(randomBytes(32));
  readonly handled: string[] = [];
  bundleCalls = 0;
  constructor(readonly opts: FakeWorkerOptions = {}) {
    this.key = generateKeyPairSync('ed25519').privateKey;
    this.signingPublicKey = ed25519RawPublicKey(this.key);
  }
  get workerId(): string {
    return createHash('sha256').update(this.signingPublicKey).digest('hex');
  }
  async bundle(challenge: Uint8Array): Promise<Uint8Array> {
    this.bundleCalls++;
    const tamper =
      this.opts.tamper || (this.opts.tamperFromCall !== undefined && this.bundleCalls >= this.opts.tamperFromCall);
    return fakeBundle(
      {
        signingPublicKey: this.signingPublicKey,
        hpkePublicKey: this.hpkePublicKey,
        imageId: this.opts.imageId ?? IMAGE_ID,
        platformId: PLATFORM_ID,
        modelId: this.opts.modelId ?? MODEL_ID,
        prices: this.opts.prices ?? WORKER_PRICES,
      },
      challenge,
      { tamper },
    );
  }
  async *handle(
    sealed: Uint8Array,
    meta: { requestId: string; channel: string; seq: bigint; signal?: AbortSignal },
  ): AsyncIterable<{ frame: Uint8Array } | { receipt: Uint8Array; signature: Uint8Array }> {
    this.handled.push(meta.requestId);
    if (this.opts.failWith) throw Object.assign(new Error('refused'), { code: this.opts.failWith });
    const frames: Uint8Array[] = [];
    const n = this.opts.frames ?? 3;
    const respHash = createHash('sha256');
    for (let i = 0; i < n; i++) {
      if (this.opts.beforeFrame) await this.opts.beforeFrame(i, meta.requestId);
      if (meta.signal?.aborted) return;
      const frame = new Uint8Array(Buffer.from(`SEALED-FRAME-${i}-${'x'.repeat(16)}`));
      frames.push(frame);
      respHash.update(frame);
      yield { frame };
    }
    const { bytes, signature } = signReceipt(
      {
        requestDigest: createHash('sha256').update(sealed).digest(),
        responseDigest: respHash.digest(),
        modelId: this.opts.modelId ?? MODEL_ID,
        promptTokens: this.opts.promptTokens ?? 5,
        completionTokens: this.opts.completionTokens ?? 7,
        promptPriceNano: (this.opts.receiptPrices ?? this.opts.prices ?? WORKER_PRICES).promptNano,
        completionPriceNano: (this.opts.receiptPrices ?? this.opts.prices ?? WORKER_PRICES).completionNano,
        channel: meta.channel,
        seq: meta.seq,
        workerKey: this.signingPublicKey,
      },
      this.key,
    );
    yield { receipt: bytes, signature };
  }
}

/** The reservation a test Client asks for unless told otherwise (covers a FakeWorker's default answer: 120). */
export const DEFAULT_MAX_COST_NANO = 10_000;
/** Credit a harness broker extends to every client unless the test configures it (so most tests need no voucher). */
export const HARNESS_CREDIT_NANO = 1_000_000;

export class Client {
  readonly key: KeyObject;
  readonly publicKey: Uint8Array;
  constructor(readonly channel = CHANNEL) {
    this.key = generateKeyPairSync('ed25519').privateKey;
    this.publicKey = ed25519RawPublicKey(this.key);
  }
  submit(
    opts: {
      sealed?: Uint8Array;
      nonce?: Uint8Array;
      workerId?: string;
      modelId?: Uint8Array;
      maxPromptPriceNano?: number;
      maxCompletionPriceNano?: number;
      maxCostNano?: number;
      voucher?: ConstructorParameters<typeof v1.Voucher>[0];
      badSignature?: boolean;
      /** sign the retired v1 message (SHA-256(sealed) || nonce) */
      legacySignature?: boolean;
      /** sign the retired v2 message (one max price, no cost bound) */
      v2Signature?: boolean;
    } = {},
  ): chrysalis.v1.SubmitRequest {
    const sealed = opts.sealed ?? new Uint8Array(randomBytes(200));
    const nonce = opts.nonce ?? new Uint8Array(randomBytes(16));
    const fields = {
      sealed,
      nonce,
      workerId: opts.workerId ?? '',
      modelId: opts.modelId ?? MODEL_ID,
      channel: this.channel,
      maxPromptPriceNano: opts.maxPromptPriceNano ?? 1000,
      maxCompletionPriceNano: opts.maxCompletionPriceNano ?? 1000,
      maxCostNano: opts.maxCostNano ?? DEFAULT_MAX_COST_NANO,
    };
    const message = opts.legacySignature
      ? legacySubmitSigningMessage(sealed, nonce)
      : opts.v2Signature
        ? encodeSubmitSigningMessageV2({
            sealedDigest: createHash('sha256').update(sealed).digest(),
            nonce,
            channel: fields.channel,
            modelId: fields.modelId,
            workerId: fields.workerId,
            maxPriceNano: fields.maxCompletionPriceNano,
          })
        : submitSigningMessage(fields);
    const sig = sign(null, message, this.key);
    if (opts.badSignature) sig[0]! ^= 1;
    return v1.SubmitRequest.create({
      ...fields,
      clientKey: this.publicKey,
      signature: sig,
      ...(opts.voucher ? { voucher: opts.voucher } : {}),
    });
  }
}

export interface StreamResult {
  status: number;
  body?: { code: string; message: string };
  headers: Headers;
  frames: chrysalis.v1.StreamFrame[];
}

/** POSTs a SubmitRequest and collects the whole stream (or the error body). */
export async function post(
  url: string,
  sub: chrysalis.v1.SubmitRequest,
  opts: { onFrame?: (f: chrysalis.v1.StreamFrame) => void } = {},
): Promise<StreamResult> {
  const res = await fetch(`${url}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: Buffer.from(v1.SubmitRequest.encode(sub).finish()),
  });
  if (res.status !== 200)
    return {
      status: res.status,
      body: (await res.json()) as { code: string; message: string },
      headers: res.headers,
      frames: [],
    };
  const reader = new StreamFrameReader();
  const frames: chrysalis.v1.StreamFrame[] = [];
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      for (const f of reader.push(chunk)) {
        frames.push(f);
        opts.onFrame?.(f);
      }
    }
  } catch {
    // connection cut: return what arrived
  }
  return { status: 200, headers: res.headers, frames };
}

export interface Harness {
  broker: RunningBroker;
  ledger: LedgerRepository;
  channels: StaticChannels;
  log: ReturnType<typeof captureLogger>;
  links: BrokerLink[];
  connect(w: LinkWorker, opts?: Partial<BrokerLinkOptions>): BrokerLink;
  fund(c: Client, depositNano?: number): void;
  close(): Promise<void>;
}

export async function startHarness(opts: StartBrokerOptions = {}): Promise<Harness> {
  const log = captureLogger();
  const ledger = opts.ledger ?? new MemoryLedger();
  const channels = new StaticChannels();
  const broker = await startBroker({
    logger: log.logger,
    ledger,
    registry: registry(),
    bundleVerifier: fakeBundleVerifier,
    receipts: attestationReceiptVerifier(),
    channels,
    clock: fixedClock,
    ...opts,
    config: {
      port: 0,
      heartbeatIntervalMs: 60_000,
      heartbeatTimeoutMs: 120_000,
      defaultCreditNano: HARNESS_CREDIT_NANO,
      ...(opts.config ?? {}),
    },
  });
  const links: BrokerLink[] = [];
  return {
    broker,
    ledger,
    channels,
    log,
    links,
    connect(w, o = {}) {
      const l = connectBroker({
        url: broker.workerUrl,
        worker: w,
        maxConcurrency: 4,
        reconnect: { enabled: false },
        ...o,
      });
      links.push(l);
      return l;
    },
    fund(c, depositNano = 1_000_000) {
      channels.set(hex(c.publicKey), c.channel, depositNano);
    },
    async close() {
      await Promise.all(links.map((l) => l.close()));
      await broker.close();
      await ledger.close();
    },
  };
}
