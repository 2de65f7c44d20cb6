/**
 * SDK units without a broker: byte helpers, the bundle cache, receipt checks against what the client observed,
 * worker selection, the chat-request encoding, TON vouchers and the HTTP broker client's error mapping (fake fetch).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { beginCell } from '@ton/core';
import { ed25519RawPublicKey, requestDigest, signReceipt, type Receipt } from '../../attestation/receipt';
import { chrysalis } from '../../proto/generated/chrysalis';
import { ed25519SignerFromSeed, ed25519Verify, fromBase64, fromUtf8, toBase64, utf8 } from '../../sdk/bytes';
import { BundleCache } from '../../sdk/bundle-cache';
import { checkReceipt, sameChannel, type ReceiptExpectations } from '../../sdk/receipt-check';
import { decodeTonVoucher, tonVoucherSigner } from '../../sdk/ton-voucher';
import { decodeStream, HttpBrokerApi, type FetchLike } from '../../sdk/broker-api';
import type { AttestedWorker } from '../../sdk/types';
import { codeOf, codeOfAsync } from '../helpers/codes';

describe('byte helpers', () => {
  it('base64 (standard and URL-safe), strict UTF-8', () => {
    const b = Uint8Array.from([0xfb, 0xff, 0xbf, 0, 1]);
    expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
    expect(fromBase64(Buffer.from(b).toString('base64url'))).toEqual(b);
    expect(() => fromBase64('a*b')).toThrow(TypeError);
    expect(() => fromBase64('a')).toThrow(TypeError);
    expect(fromUtf8(utf8('héllo'))).toBe('héllo');
    // TextDecoder's TypeError comes from another realm under jest: compare by name.
    let err: unknown;
    try {
      fromUtf8(Uint8Array.of(0xc3));
    } catch (e) {
      err = e;
    }
    expect((err as Error | undefined)?.name).toBe('TypeError');
  });

  it('Ed25519 from a seed signs; verify rejects wrong lengths and wrong signatures', async () => {
    const seed = new Uint8Array(32).fill(9);
    const s = await ed25519SignerFromSeed(seed);
    const msg = utf8('message');
    const sig = await s.sign(msg);
    expect(await ed25519Verify(s.publicKey, msg, sig)).toBe(true);
    expect(await ed25519Verify(s.publicKey, utf8('other'), sig)).toBe(false);
    expect(await ed25519Verify(s.publicKey.subarray(1), msg, sig)).toBe(false);
    expect(await ed25519Verify(s.publicKey, msg, sig.subarray(1))).toBe(false);
    await expect(ed25519SignerFromSeed(new Uint8Array(31))).rejects.toThrow(RangeError);
  });
});

describe('BundleCache', () => {
  it('expires entries after the TTL and on clock skew; delete, clear and size', () => {
    const c = new BundleCache<number>({ ttlMs: 1000, maxEntries: 2 });
    const t0 = new Date(10_000);
    c.set('a', 1, t0);
    c.set('b', 2, t0);
    expect(c.size).toBe(2);
    expect(c.get('a', new Date(10_500))).toBe(1);
    expect(c.get('a', new Date(11_000))).toBeUndefined();
    expect(c.get('b', new Date(9_000))).toBeUndefined();
    c.set('c', 3, t0);
    c.delete('c');
    expect(c.get('c', t0)).toBeUndefined();
    c.set('d', 4, t0);
    c.clear();
    expect(c.size).toBe(0);
    expect(() => new BundleCache({ ttlMs: 0 })).toThrow(RangeError);
    expect(() => new BundleCache({ maxEntries: 0 })).toThrow(RangeError);
    expect(new BundleCache().size).toBe(0);
  });
});

describe('checkReceipt', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const workerKey = ed25519RawPublicKey(privateKey);
  const modelId = new Uint8Array(createHash('sha256').update('model').digest());
  const frames = [Uint8Array.of(1, 2), Uint8Array.of(3)];
  const sealed = Uint8Array.of(9, 9, 9);
  const channelHex = 'cd'.repeat(32);
  const receipt: Receipt = {
    requestDigest: requestDigest(sealed),
    responseDigest: new Uint8Array(
      createHash('sha256')
        .update(Buffer.from([1, 2, 3]))
        .digest(),
    ),
    modelId,
    promptTokens: 10,
    completionTokens: 20,
    promptPriceNano: 5n,
    completionPriceNano: 6n,
    channel: Buffer.from(channelHex, 'hex'),
    seq: 7n,
    workerKey,
  };
  const { bytes, signature } = signReceipt(receipt, privateKey);
  const worker = {
    workerId: 'w1',
    signingPublicKey: workerKey,
    modelId: Buffer.from(modelId).toString('hex'),
  } as unknown as AttestedWorker;
  const exp: ReceiptExpectations = {
    worker,
    requestDigest: requestDigest(sealed),
    sealed,
    frames,
    seq: 7n,
    channel: channelHex,
    prices: { promptNano: 5n, completionNano: 6n },
    // 10 x 5 + 20 x 6 = 170: exactly the cap.
    maxCostNano: 170n,
    usage: { promptTokens: 10, completionTokens: 20 },
    maxTokens: 20,
  };
  const field = async (e: Partial<ReceiptExpectations>): Promise<unknown> => {
    try {
      await checkReceipt(bytes, signature, { ...exp, ...e } as ReceiptExpectations);
      return 'accepted';
    } catch (err) {
      return [(err as { code?: string }).code, (err as { details?: { field?: string } }).details?.field];
    }
  };

  it('accepts a receipt matching what the client observed', async () => {
    const r = await checkReceipt(bytes, signature, exp);
    expect(r.completionTokens).toBe(20);
    expect(r).toMatchObject({ promptPriceNano: 5n, completionPriceNano: 6n, amountNano: 170n });
    expect(r.modelId).toBe(worker.modelId);
  });

  it('names the first field that differs', async () => {
    expect(await field({ requestDigest: new Uint8Array(32) })).toEqual(['SDK_RECEIPT_MISMATCH', 'requestDigest']);
    expect(await field({ frames: [Uint8Array.of(1)] })).toEqual(['SDK_RECEIPT_MISMATCH', 'responseDigest']);
    expect(await field({ worker: { ...worker, modelId: '00'.repeat(32) } })).toEqual([
      'SDK_RECEIPT_MISMATCH',
      'modelId',
    ]);
    expect(await field({ usage: { promptTokens: 10, completionTokens: 19 } })).toEqual([
      'SDK_RECEIPT_MISMATCH',
      'tokens',
    ]);
    expect(await field({ maxTokens: 19 })).toEqual(['SDK_RECEIPT_MISMATCH', 'completionTokens']);
    expect(await field({ prices: { promptNano: 4n, completionNano: 6n } })).toEqual([
      'SDK_RECEIPT_MISMATCH',
      'promptPriceNano',
    ]);
    expect(await field({ prices: { promptNano: 5n, completionNano: 7n } })).toEqual([
      'SDK_RECEIPT_MISMATCH',
      'completionPriceNano',
    ]);
    expect(await field({ maxCostNano: 169n })).toEqual(['SDK_RECEIPT_MISMATCH', 'amountNano']);
    expect(await field({ seq: 8n })).toEqual(['SDK_RECEIPT_MISMATCH', 'seq']);
    expect(await field({ channel: 'ab'.repeat(32) })).toEqual(['SDK_RECEIPT_MISMATCH', 'channel']);
    expect(await field({ worker: { ...worker, signingPublicKey: new Uint8Array(32) } })).toEqual([
      'SDK_RECEIPT_INVALID',
      undefined,
    ]);
  });

  it('sameChannel compares raw bytes with hex and TON addresses in any form', () => {
    const raw = Buffer.from(channelHex, 'hex');
    expect(sameChannel(raw, channelHex.toUpperCase())).toBe(true);
    expect(sameChannel(raw, `0:${channelHex}`)).toBe(false);
    expect(sameChannel(`0:${channelHex}`, `0:${channelHex}`)).toBe(true);
    expect(sameChannel(`0:${channelHex}`, 'not an address')).toBe(false);
  });
});

describe('TON vouchers', () => {
  const channel = `0:${'ab'.repeat(32)}`;
  it('signs at the seq it is given (never a clock) and decodes what it signs', async () => {
    const signer = tonVoucherSigner(new Uint8Array(64).fill(3), { globalId: -3 });
    const a = await signer.sign({ channel, cumulativeNano: 10n, seq: 1n });
    const b = await signer.sign({ channel, cumulativeNano: 20n, seq: 2n });
    const da = decodeTonVoucher(a.voucher);
    const db = decodeTonVoucher(b.voucher);
    expect([da.amount, db.amount]).toEqual([10n, 20n]);
    expect([da.seq, db.seq]).toEqual([1n, 2n]);
    expect(da.globalId).toBe(-3);
    expect(da.channel.toRawString()).toBe(channel);
  });

  it('rejects bad keys, bad channels and foreign cells', async () => {
    expect(codeOf(() => tonVoucherSigner(new Uint8Array(16), { globalId: -3 }))).toBe('SDK_CONFIG_INVALID');
    const signer = tonVoucherSigner(new Uint8Array(32).fill(1), { globalId: -3 });
    expect(await codeOfAsync(signer.sign({ channel: 'nope', cumulativeNano: 1n, seq: 1n }))).toBe('SDK_VOUCHER_FAILED');
    const foreign = beginCell().storeUint(1, 32).endCell().toBoc({ idx: false, crc32: false });
    expect(codeOf(() => decodeTonVoucher(new Uint8Array(foreign)))).toBe('SDK_VOUCHER_FAILED');
    expect(codeOf(() => decodeTonVoucher(Uint8Array.of(1, 2, 3)))).toBe('SDK_VOUCHER_FAILED');
  });
});

describe('HttpBrokerApi error mapping (fake fetch)', () => {
  const reply =
    (status: number, body: string | Uint8Array | null, headers: Record<string, string> = {}): FetchLike =>
    async () =>
      new Response(body, { status, headers });
  const key = 'ab'.repeat(32);

  it('rejects bad URLs and protocols', () => {
    expect(codeOf(() => new HttpBrokerApi('not a url', { fetch: reply(200, '') }))).toBe('SDK_CONFIG_INVALID');
    expect(codeOf(() => new HttpBrokerApi('ftp://broker', { fetch: reply(200, '') }))).toBe('SDK_CONFIG_INVALID');
  });

  it('maps statuses, error bodies, rate limits and unreachable brokers', async () => {
    const api = (f: FetchLike) => new HttpBrokerApi('http://broker.test/', { fetch: f });
    expect(
      await codeOfAsync(
        api(reply(500, JSON.stringify({ error: { code: 'X', message: 'm' } }))).getAccount(key, 'auth'),
      ),
    ).toBe('SDK_BROKER_ERROR');
    expect(await codeOfAsync(api(reply(404, 'plain text')).getAccount(key, 'auth'))).toBe('SDK_BROKER_ERROR');
    expect(
      await codeOfAsync(
        api(reply(429, '{"code":"RATE","message":"slow"}', { 'retry-after': '3' })).getAccount(key, 'auth'),
      ),
    ).toBe('SDK_RATE_LIMITED');
    expect(await codeOfAsync(api(async () => Promise.reject(new Error('ECONNREFUSED'))).getAccount(key, 'auth'))).toBe(
      'SDK_BROKER_UNREACHABLE',
    );
    const ac = new AbortController();
    ac.abort();
    expect(
      await codeOfAsync(api(async () => Promise.reject(new Error('aborted'))).getAccount(key, 'auth', ac.signal)),
    ).toBe('SDK_ABORTED');
    expect(await codeOfAsync(api(reply(200, '{}')).getAccount('XY', 'auth'))).toBe('SDK_REQUEST_INVALID');
    expect(await codeOfAsync(api(reply(200, 'not json')).getAccount(key, 'auth'))).toBe('SDK_BROKER_RESPONSE_INVALID');
    expect(await codeOfAsync(api(reply(200, '{"depositNano":-1}')).getAccount(key, 'auth'))).toBe(
      'SDK_BROKER_RESPONSE_INVALID',
    );
  });

  it('reads accounts (numbers or decimal strings) and worker lists', async () => {
    const account = await new HttpBrokerApi('http://broker.test', {
      fetch: reply(200, JSON.stringify({ depositNano: '100', chargedNano: 5, vouchedNano: 0, availableNano: '95' })),
    }).getAccount(key, 'auth');
    expect(account).toEqual({
      channel: '',
      depositNano: 100n,
      chargedNano: 5n,
      vouchedNano: 0n,
      availableNano: 95n,
      voucher: null,
    });
    let auth: string | null = null;
    const amounts = { depositNano: 1, chargedNano: 0, vouchedNano: 0, availableNano: 1 };
    const withVoucher = await new HttpBrokerApi('http://broker.test', {
      fetch: async (_u, init) => {
        auth = new Headers(init?.headers).get('chrysalis-auth');
        const body = { ...amounts, voucher: { voucher: 'ab01', signature: 'cd'.repeat(64) }, globalId: -3 };
        return new Response(JSON.stringify(body), { status: 200 });
      },
    }).getAccount(key, '12.34');
    expect(auth).toBe('12.34');
    expect(withVoucher).toMatchObject({ voucher: { voucher: Uint8Array.of(0xab, 1) }, globalId: -3 });
    for (const bad of [{ voucher: 'xyz', signature: 'cd'.repeat(64) }, { voucher: 'ab' }, 'ab']) {
      const f = reply(200, JSON.stringify({ ...amounts, voucher: bad }));
      expect(await codeOfAsync(new HttpBrokerApi('http://broker.test', { fetch: f }).getAccount(key, 'a'))).toBe(
        'SDK_BROKER_RESPONSE_INVALID',
      );
    }
    const list = chrysalis.v1.WorkerList.encode(
      chrysalis.v1.WorkerList.create({
        workers: [{ workerId: 'w1', modelId: new Uint8Array(32), queueDepth: 4, maxConcurrency: 2 }, {}],
      }),
    ).finish();
    let seen = '';
    const workers = await new HttpBrokerApi('http://broker.test', {
      fetch: async (u) => {
        seen = u;
        return new Response(list, { status: 200 });
      },
    }).listWorkers({ modelId: 'aa bb' });
    expect(seen).toBe('http://broker.test/v1/workers?model=aa%20bb');
    expect(workers.map((w) => [w.workerId, w.load, w.model.length])).toEqual([
      ['w1', 2, 64],
      ['', 0, 0],
    ]);
    expect(
      await codeOfAsync(
        new HttpBrokerApi('http://broker.test', { fetch: reply(200, Uint8Array.of(0xff, 0xff)) }).listWorkers(),
      ),
    ).toBe('SDK_BROKER_RESPONSE_INVALID');
  });

  it('rejects amounts beyond 2^53 before sending', async () => {
    const api = new HttpBrokerApi('http://broker.test', { fetch: reply(200, '') });
    expect(
      await codeOfAsync(
        api.postVoucher({
          channel: 'c',
          cumulativeNano: 1n << 60n,
          voucher: new Uint8Array(0),
          signature: new Uint8Array(0),
          clientKey: new Uint8Array(0),
        } as never),
      ),
    ).toBe('SDK_REQUEST_INVALID');
  });
});

describe('decodeStream', () => {
  const frame = (f: chrysalis.v1.IStreamFrame): Uint8Array => {
    const body = chrysalis.v1.StreamFrame.encode(chrysalis.v1.StreamFrame.create(f)).finish();
    const out = new Uint8Array(4 + body.length);
    new DataView(out.buffer).setUint32(0, body.length, false);
    out.set(body, 4);
    return out;
  };
  async function* pieces(...ps: Uint8Array[]): AsyncGenerator<Uint8Array> {
    for (const p of ps) yield p;
  }
  const collect = async (it: AsyncIterable<unknown>): Promise<unknown[]> => {
    const out: unknown[] = [];
    for await (const e of it) out.push(e);
    return out;
  };

  it('decodes every frame kind with defaults for absent fields, across split pieces', async () => {
    const all = [
      frame({
        accepted: {
          requestId: 'r',
          workerId: 'w',
          promptPriceNano: 3,
          completionPriceNano: 5,
          maxCostNano: 99,
          seq: 4,
        },
      }),
      frame({ chunk: {} }),
      frame({ receipt: {} }),
      frame({ error: { code: 'E', fatal: false } }),
      frame({ error: { fatal: true } }),
    ];
    const joined = Buffer.concat(all);
    const events = await collect(decodeStream(pieces(joined.subarray(0, 3), new Uint8Array(0), joined.subarray(3))));
    expect(events).toEqual([
      {
        kind: 'accepted',
        requestId: 'r',
        workerId: 'w',
        promptPriceNano: 3n,
        completionPriceNano: 5n,
        maxCostNano: 99n,
        seq: 4n,
      },
      { kind: 'chunk', frame: new Uint8Array(0) },
      { kind: 'receipt', receipt: new Uint8Array(0), signature: new Uint8Array(0) },
      { kind: 'error', code: 'E', message: '', fatal: false },
      { kind: 'error', code: '', message: '', fatal: true },
    ]);
  });

  it('empty, undecodable, truncated and broken streams carry their codes', async () => {
    expect(await codeOfAsync(collect(decodeStream(pieces(frame({})))))).toBe('SDK_STREAM_CORRUPT');
    expect(await codeOfAsync(collect(decodeStream(pieces(Uint8Array.of(0, 0, 0, 2, 0xff, 0xff)))))).toBe(
      'SDK_STREAM_CORRUPT',
    );
    expect(await codeOfAsync(collect(decodeStream(pieces(Uint8Array.of(0, 0, 0, 9, 1)))))).toBe('SDK_STREAM_TRUNCATED');
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield frame({ chunk: { frame: Uint8Array.of(1) } });
      throw new Error('socket reset');
    }
    expect(await codeOfAsync(collect(decodeStream(broken())))).toBe('SDK_STREAM_TRUNCATED');
    const ac = new AbortController();
    ac.abort();
    expect(await codeOfAsync(collect(decodeStream(broken(), ac.signal)))).toBe('SDK_ABORTED');
  });
});
