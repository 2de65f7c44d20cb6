/**
 * A hostile broker played by a test double that speaks the real client wire protocol (HTTP + protobuf stream frames
 * from the .proto schema) to a REAL ChrysalisClient, relaying to a REAL worker (chrysalis/worker on SIMULATED devnet
 * TDX evidence) whose dispatch it controls. What the broker lies about must not move the client's money: no prompt
 * leaves for an over-priced worker, no receipt outside what was accepted is paid, no account state is adopted
 * without the client's own signature; and toward the worker, no dispatch can change the committed prices or raise
 * the client's sealed cost cap.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Address } from '@ton/core';
import pino from 'pino';
import {
  ChrysalisClient,
  checkReceipt,
  tonVoucherSigner,
  type AttestedWorker,
  type ChrysalisClientOptions,
  type ModelPrice,
} from '../../sdk';
import {
  completionTokenLimit,
  createNoGpuProvider,
  createWorker,
  type InferenceEngine,
  type Worker,
} from '../../enclave-runtime';
import { createDevnetIntelPki, createSimulatedTdx, type DevnetIntelPki } from '../../devnet';
import { encodeVoucherBoc, signVoucher, NETWORK_GLOBAL_ID } from '../../contracts';
import { decode, ed25519Key, encode, hex, sha256, signedReceipt, type Msg } from './helpers-a2';

const NOW = new Date('2026-11-25T12:00:00Z');
const MODEL = sha256(Buffer.from('hostile-broker@1'));
const MODEL_HEX = hex(MODEL);
const REGISTRY: ModelPrice = { promptNano: 100n, completionNano: 200n };
const COMMITTED: ModelPrice = { promptNano: 7n, completionNano: 9n };
const GLOBAL_ID = NETWORK_GLOBAL_ID.devnet;
const CHANNEL = new Address(0, Buffer.alloc(32, 3)).toString();
const PROMPT_TOKENS = 3;
const WORDS = 40;

/** A deterministic engine that honours the worker's cost cap (finish `length` when the cap ends it). */
function engine(): InferenceEngine {
  return {
    kind: 'fake',
    modelId: new Uint8Array(MODEL),
    modelName: 'hostile-broker@1',
    async *generate(req) {
      const limit = req.costCap ? completionTokenLimit(req.costCap, PROMPT_TOKENS) : undefined;
      const n = Math.min(WORDS, limit ?? WORDS, req.maxTokens ?? WORDS);
      for (let i = 0; i < n; i++) yield { text: ` w${i}` };
      yield {
        usage: { promptTokens: PROMPT_TOKENS, completionTokens: n },
        finishReason: n < WORDS ? 'length' : 'stop',
      };
    },
    async close() {},
  };
}

type Lie =
  | 'none'
  | 'accept-other-prices'
  | 'accept-other-cost'
  | 'dispatch-other-prices'
  | 'dispatch-lower-reservation'
  | 'replay-old-receipt';

interface AccountAnswer {
  vouchedNano: string;
  voucher: { voucher: string; signature: string } | null;
  globalId?: number;
}

/** The hostile broker: lists what it likes, dispatches as it likes, answers the account as it likes. */
class HostileBroker {
  server!: Server;
  url = '';
  listed: { worker: Worker; prices?: ModelPrice }[] = [];
  lie: Lie = 'none';
  /** The reservation the broker dispatches with under 'dispatch-lower-reservation'. */
  lowerReservation = 0n;
  account: AccountAnswer = { vouchedNano: '0', voucher: null };
  readonly submits: Msg[] = [];
  readonly workerRefusals: string[] = [];
  readonly receipts: Msg[] = [];
  private seq = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((e: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ code: 'DOUBLE_FAILED', message: String(e) }));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method === 'GET' && path === '/v1/workers') return this.workers(res);
    if (req.method === 'POST' && path === '/v1/requests') return this.request(decode('SubmitRequest', body), res);
    if (req.method === 'POST' && path === '/v1/vouchers') {
      res.statusCode = 200;
      return void res.end(JSON.stringify({ ok: true }));
    }
    if (req.method === 'GET' && path.startsWith('/v1/accounts/')) {
      res.setHeader('content-type', 'application/json');
      return void res.end(
        JSON.stringify({
          channel: CHANNEL,
          depositNano: '1000000000',
          chargedNano: '0',
          availableNano: '1000000000',
          ...this.account,
        }),
      );
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'no route' }));
  }

  private async workers(res: ServerResponse): Promise<void> {
    const workers = await Promise.all(
      this.listed.map(async ({ worker, prices }) => {
        const b = await worker.bundle(new Uint8Array(32));
        const p = prices ?? worker.prices;
        return {
          workerId: hex(sha256(worker.keys.signingPublicKey)),
          modelId: worker.modelId,
          bundle: b.encoded,
          maxConcurrency: 4,
          queueDepth: 0,
          promptPriceNano: Number(p.promptNano),
          completionPriceNano: Number(p.completionNano),
        };
      }),
    );
    res.setHeader('content-type', 'application/x-protobuf');
    res.end(Buffer.from(encode('WorkerList', { workers, protocolVersion: 1 })));
  }

  private async request(sub: Msg, res: ServerResponse): Promise<void> {
    this.submits.push(sub);
    const entry = this.listed.find((l) => hex(sha256(l.worker.keys.signingPublicKey)) === sub.workerId);
    if (!entry) {
      res.statusCode = 404;
      return void res.end(JSON.stringify({ code: 'BROKER_NO_WORKER', message: 'none' }));
    }
    const w = entry.worker;
    const seq = BigInt(++this.seq);
    const requestId = `r${seq}`;
    const frame = (f: Msg): Buffer => {
      const bytes = encode('StreamFrame', f);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      return Buffer.concat([len, bytes]);
    };
    const accepted = {
      requestId,
      workerId: sub.workerId,
      seq: Number(seq),
      promptPriceNano: Number(w.prices.promptNano) + (this.lie === 'accept-other-prices' ? 1 : 0),
      completionPriceNano: Number(w.prices.completionNano),
      maxCostNano: Number(sub.maxCostNano) + (this.lie === 'accept-other-cost' ? 1000 : 0),
    };
    const dispatch = {
      requestId,
      channel: String(sub.channel),
      seq,
      promptPriceNano: w.prices.promptNano + (this.lie === 'dispatch-other-prices' ? 1n : 0n),
      completionPriceNano: w.prices.completionNano,
      maxCostNano: this.lie === 'dispatch-lower-reservation' ? this.lowerReservation : BigInt(Number(sub.maxCostNano)),
    };
    res.setHeader('content-type', 'application/x-chrysalis-stream');
    res.write(frame({ accepted }));
    try {
      for await (const out of w.handle(sub.sealed as Uint8Array, dispatch)) {
        if ('frame' in out) res.write(frame({ chunk: { requestId, frame: out.frame } }));
        else {
          const current = { requestId, receipt: out.receipt, signature: out.signature };
          const old = this.receipts.at(-1);
          this.receipts.push(current);
          res.write(frame({ receipt: this.lie === 'replay-old-receipt' && old ? old : current }));
        }
      }
    } catch (e) {
      const code = String((e as { code?: string }).code);
      this.workerRefusals.push(code);
      res.write(frame({ error: { code, message: 'worker refused', fatal: true } }));
    }
    res.end();
  }
}

describe('hostile broker vs real client (and real worker)', () => {
  let pki: DevnetIntelPki;
  let worker: Worker;
  let pricey: Worker;
  let hb: HostileBroker;
  const seed = new Uint8Array(randomBytes(32));

  const registry = (): {
    imageIds: string[];
    platformIds: string[];
    modelIds: string[];
    modelPrices: Record<string, ModelPrice>;
  } => ({
    imageIds: [hex(worker.imageId)],
    platformIds: [hex(worker.platformId)],
    modelIds: [MODEL_HEX],
    modelPrices: { [MODEL_HEX]: REGISTRY },
  });
  function client(extra: Partial<ChrysalisClientOptions> = {}): ChrysalisClient {
    return new ChrysalisClient({
      broker: hb.url,
      channel: CHANNEL,
      channelKey: seed,
      verify: {
        trust: { intel: { intelRootCaDer: [pki.rootCaDer] } },
        policy: { minGpus: 0, quote: { allowedRoots: [createHash('sha256').update(pki.rootCaDer).digest('hex')] } },
        registry: registry(),
        collateral: pki.collateral,
      },
      voucherSigner: tonVoucherSigner(seed, { globalId: GLOBAL_ID }),
      globalId: GLOBAL_ID,
      now: () => NOW,
      listingTtlMs: 0,
      ...extra,
    });
  }
  const ask = (c: ChrysalisClient, maxTokens = 8): ReturnType<ChrysalisClient['chat']> =>
    c.chat({ model: MODEL_HEX, messages: [{ role: 'user', content: 'hi' }], max_tokens: maxTokens });
  const codeOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (e) {
      return String((e as { code?: string }).code);
    }
    return 'RESOLVED';
  };

  beforeAll(async () => {
    pki = createDevnetIntelPki({ seed: 'hostile-broker', issuedAt: new Date(NOW.getTime() - 86_400_000) });
    // one simulated TD per worker: each extends its own RTMR3
    const base = (): Omit<Parameters<typeof createWorker>[0], 'prices'> => ({
      engine: engine(),
      tdx: createSimulatedTdx({ pki }),
      gpu: createNoGpuProvider(),
      clock: { now: () => NOW },
      reattestIntervalMs: 0,
      logger: pino({ level: 'silent' }),
    });
    worker = await createWorker({ ...base(), prices: COMMITTED });
    // the same image, committing to prices above the registry's
    pricey = await createWorker({
      ...base(),
      prices: { promptNano: REGISTRY.promptNano + 1n, completionNano: 1n },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await pricey?.close();
  });
  beforeEach(async () => {
    hb = new HostileBroker();
    await hb.start();
    hb.listed = [{ worker }];
  });
  afterEach(async () => {
    await hb.close();
  });

  test('control: an honest relay is paid exactly the receipt, within the reservation', async () => {
    const c = client();
    const r = await ask(c);
    expect(r.receipt.promptPriceNano).toBe(COMMITTED.promptNano);
    expect(r.costNano).toBe(7n * 3n + 9n * 8n);
    expect(r.costNano <= r.maxCostNano).toBe(true);
    expect((await c.voucherState())!.owedNano).toBe(r.costNano);
  });

  test('a worker listed above the registry price gets no prompt: refused before any submit', async () => {
    hb.listed = [{ worker: pricey }];
    expect(await codeOf(ask(client()))).toBe('SDK_PRICE_ABOVE_REGISTRY');
    expect(hb.submits).toHaveLength(0);
  });

  test('a listing whose prices differ from the attested claims gets no prompt', async () => {
    hb.listed = [
      { worker, prices: { promptNano: COMMITTED.promptNano + 1n, completionNano: COMMITTED.completionNano } },
    ];
    expect(await codeOf(ask(client()))).toBe('SDK_BUNDLE_KEY_MISMATCH');
    expect(hb.submits).toHaveLength(0);
  });

  test.each([
    ['at prices other than the attested ones', 'accept-other-prices'],
    ['with another reservation', 'accept-other-cost'],
  ] as const)('an acceptance %s is refused and nothing is owed', async (_what, lie) => {
    hb.lie = lie;
    const c = client();
    expect(await codeOf(ask(c))).toBe('SDK_BROKER_RESPONSE_INVALID');
    expect((await c.voucherState())!.owedNano).toBe(0n);
  });

  test('a replayed receipt of an earlier, larger request is refused and not paid', async () => {
    const c = client();
    await ask(c, 30);
    const owed = (await c.voucherState())!.owedNano;
    hb.lie = 'replay-old-receipt';
    expect(await codeOf(ask(c, 2))).toBe('SDK_RECEIPT_MISMATCH');
    expect((await c.voucherState())!.owedNano).toBe(owed);
  });

  describe('receipts signed by the attested key but outside what was accepted (checkReceipt)', () => {
    const key = ed25519Key();
    const attested: AttestedWorker = {
      workerId: 'w',
      workerKey: hex(key.publicKey),
      hpkePublicKey: new Uint8Array(32),
      signingPublicKey: key.publicKey,
      imageId: '',
      platformId: '',
      modelId: MODEL_HEX,
      prices: COMMITTED,
      bundleDigest: '',
    };
    const sealed = new Uint8Array(randomBytes(64));
    const frames = [new Uint8Array(randomBytes(50))];
    const base = {
      sealed,
      responseDigest: sha256(frames[0]!),
      modelId: MODEL,
      promptTokens: 3,
      completionTokens: 5,
      prices: COMMITTED,
      seq: 4n,
      channel: CHANNEL,
    };
    const exp = {
      worker: attested,
      requestDigest: sha256(sealed),
      sealed,
      frames,
      channel: CHANNEL,
      seq: 4n,
      prices: COMMITTED,
      maxCostNano: 7n * 3n + 9n * 5n,
    };
    const fieldOf = async (r: { receipt: Uint8Array; signature: Uint8Array }, e = exp): Promise<unknown> => {
      try {
        await checkReceipt(r.receipt, r.signature, e);
        return 'ACCEPTED';
      } catch (err) {
        return [(err as { code?: string }).code, (err as { details?: { field?: string } }).details?.field];
      }
    };

    test('control: the exact receipt is accepted', async () => {
      expect(await fieldOf(signedReceipt(key, base))).toBe('ACCEPTED');
    });
    test('at another prompt or completion price', async () => {
      const up = { promptNano: 8n, completionNano: 9n };
      expect(await fieldOf(signedReceipt(key, { ...base, prices: up }))).toEqual([
        'SDK_RECEIPT_MISMATCH',
        'promptPriceNano',
      ]);
      const down = { promptNano: 7n, completionNano: 8n };
      expect(await fieldOf(signedReceipt(key, { ...base, prices: down }))).toEqual([
        'SDK_RECEIPT_MISMATCH',
        'completionPriceNano',
      ]);
    });
    test('above the reservation', async () => {
      expect(await fieldOf(signedReceipt(key, base), { ...exp, maxCostNano: exp.maxCostNano - 1n })).toEqual([
        'SDK_RECEIPT_MISMATCH',
        'amountNano',
      ]);
    });
    test('with an amount that is not prices x tokens', async () => {
      expect(await fieldOf(signedReceipt(key, { ...base, amountNano: 1n }))).toEqual([
        'SDK_RECEIPT_INVALID',
        undefined,
      ]);
    });
  });

  describe('syncAccount against invented account state', () => {
    const voucher = (
      o: { secret?: Uint8Array; channel?: string; globalId?: number; amount?: bigint; seq?: bigint } = {},
    ): { voucher: string; signature: string } => {
      const v = {
        channel: Address.parse(o.channel ?? CHANNEL),
        globalId: o.globalId ?? GLOBAL_ID,
        amount: o.amount ?? 500n,
        seq: o.seq ?? 1n,
      };
      const sv = signVoucher(v, o.secret ?? seed);
      return { voucher: hex(encodeVoucherBoc(v)), signature: hex(sv.signature) };
    };

    test('control: the client adopts its own voucher', async () => {
      hb.account = { vouchedNano: '500', voucher: voucher(), globalId: GLOBAL_ID };
      const c = client();
      expect(await c.syncAccount()).toBe(500n);
      expect((await c.voucherState())!.seq).toBe(1n);
    });

    test('a vouched amount without a signed voucher is SDK_ACCOUNT_UNSIGNED', async () => {
      hb.account = { vouchedNano: '123456789', voucher: null, globalId: GLOBAL_ID };
      const c = client();
      expect(await codeOf(c.syncAccount())).toBe('SDK_ACCOUNT_UNSIGNED');
      expect((await c.voucherState())!.vouchedNano).toBe(0n);
    });

    test('a large invented past balance above the voucher it holds is SDK_ACCOUNT_UNSIGNED', async () => {
      hb.account = { vouchedNano: String(10n ** 12n), voucher: voucher(), globalId: GLOBAL_ID };
      const c = client();
      expect(await codeOf(c.syncAccount())).toBe('SDK_ACCOUNT_UNSIGNED');
      expect((await c.voucherState())!.vouchedNano).toBe(0n);
    });

    test.each([
      ['signed by another key', { secret: new Uint8Array(32).fill(5) }],
      ['for another channel', { channel: new Address(0, Buffer.alloc(32, 4)).toString() }],
      ['for another network', { globalId: NETWORK_GLOBAL_ID.testnet }],
    ])('a voucher %s is SDK_ACCOUNT_INVALID and not adopted', async (_what, o) => {
      hb.account = { vouchedNano: '500', voucher: voucher(o), globalId: GLOBAL_ID };
      const c = client();
      expect(await codeOf(c.syncAccount())).toBe('SDK_ACCOUNT_INVALID');
      const s = (await c.voucherState())!;
      expect([s.vouchedNano, s.seq, s.owedNano]).toEqual([0n, 0n, 0n]);
    });
  });

  describe('toward the real worker', () => {
    test('a dispatch at another price than committed is refused with WORKER_PRICE_MISMATCH (no receipt)', async () => {
      hb.lie = 'dispatch-other-prices';
      const c = client();
      expect(await codeOf(ask(c))).toBe('SDK_WORKER_FAILED');
      expect(hb.workerRefusals).toEqual(['WORKER_PRICE_MISMATCH']);
      expect(hb.receipts).toHaveLength(0);
      expect((await c.voucherState())!.owedNano).toBe(0n);
    });

    test('a dispatch reservation lower than the sealed one bounds the receipt by the lower', async () => {
      hb.lie = 'dispatch-lower-reservation';
      hb.lowerReservation = 7n * 3n + 9n * 4n + 5n; // room for 4 completion tokens
      const c = client();
      const r = await ask(c, 30);
      expect(r.receipt.completionTokens).toBe(4);
      expect(r.finishReason).toBe('length');
      expect(r.costNano <= hb.lowerReservation).toBe(true);
      expect(r.costNano < r.maxCostNano).toBe(true);
    });
  });
});
