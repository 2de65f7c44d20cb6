/**
 * A hostile broker played by a test double that speaks the real client wire protocol (HTTP + protobuf stream frames
 * from the .proto schema) to a REAL ChrysalisClient, relaying to a REAL worker (chrysalis/worker on SIMULATED devnet
 * TDX evidence) whose dispatch it controls. What the broker lies about must not move the client's money: no prompt
 * leaves for an over-priced worker, no receipt outside what was accepted is paid, no account state is adopted
 * without the client's own signature; and toward the worker, no dispatch can change the committed prices or raise
 * the client's sealed cost cap.
 */
import { createHash, randomBytes } from 'node:crypto';
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
import { createNoGpuProvider, createWorker, type Worker } from '../../enclave-runtime';
import { createDevnetIntelPki, createSimulatedTdx, type DevnetIntelPki } from '../../devnet';
import { encodeVoucherBoc, signVoucher, NETWORK_GLOBAL_ID } from '../../contracts';
import { ed25519Key, hex, sha256, signedReceipt } from './helpers-a2';
import {
  NOW,
  MODEL,
  MODEL_HEX,
  REGISTRY,
  COMMITTED,
  GLOBAL_ID,
  CHANNEL,
  engine,
  HostileBroker,
} from './hostile-broker-double';

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
