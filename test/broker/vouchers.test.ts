import { Address } from '@ton/core';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { BrokerError, type ClientChannel } from '../../broker';
import { type Client, hex, metricsText, startHarness, v1, type Harness } from './helpers';
import { GLOBAL_ID, channelClient, postVoucher, voucherMsg } from './voucher-helpers';

describe('POST /v1/vouchers: only vouchers the channel would pay, amount and seq both growing', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  /** Ledger state of a client's channel, to check a refusal changed nothing. */
  async function state(c: Client): Promise<unknown> {
    const a = await h.ledger.getAccount(hex(c.publicKey));
    const v = await h.ledger.latestVoucher(c.channel);
    return { vouched: a?.vouchedNano, latest: v ? [v.cumulativeNano, v.seq, hex(v.signature)] : null };
  }

  test('every refusal has its VOUCHER_* code and leaves the ledger unchanged (no-chain mode: static clients)', async () => {
    h = await startHarness({ config: { maxBodyBytes: 4096 } });
    const c = channelClient();
    h.fund(c, 10_000);
    const ok = await postVoucher(h.broker.url, voucherMsg(c, 1000, 5));
    expect(ok).toEqual({
      status: 200,
      body: { channel: c.channel, cumulativeNano: 1000, chargedNano: 0, owedNano: 0 },
    });
    expect(await h.ledger.latestVoucher(c.channel)).toMatchObject({ cumulativeNano: 1000, seq: 5 });
    const before = await state(c);
    const stranger = channelClient();
    const otherChannel = new Address(0, Buffer.alloc(32, 0xee)).toString();
    const malformedBoc = voucherMsg(c, 2000, 6);
    malformedBoc.voucher = Buffer.from(malformedBoc.voucher).subarray(0, 10);
    const cases: [string, ReturnType<typeof voucherMsg>, number, string][] = [
      ['replayed', voucherMsg(c, 1000, 5), 409, 'VOUCHER_STALE_SEQ'],
      ['same seq, higher amount', voucherMsg(c, 2000, 5), 409, 'VOUCHER_STALE_SEQ'],
      ['higher amount, lower seq', voucherMsg(c, 2000, 4), 409, 'VOUCHER_STALE_SEQ'],
      ['lower amount, higher seq', voucherMsg(c, 900, 6), 409, 'VOUCHER_NOT_MONOTONIC'],
      ['same amount, higher seq', voucherMsg(c, 1000, 6), 409, 'VOUCHER_NOT_MONOTONIC'],
      ['other channel', voucherMsg(c, 2000, 6, { channel: otherChannel }), 400, 'VOUCHER_WRONG_CHANNEL'],
      ['other network', voucherMsg(c, 2000, 6, { globalId: NETWORK_GLOBAL_ID.testnet }), 400, 'VOUCHER_WRONG_NETWORK'],
      [
        'devnet voucher on mainnet',
        voucherMsg(c, 2000, 6, { globalId: NETWORK_GLOBAL_ID.devnet }),
        400,
        'VOUCHER_WRONG_NETWORK',
      ],
      ['signed by another key', voucherMsg(c, 2000, 6, { signer: stranger }), 401, 'VOUCHER_BAD_SIGNATURE'],
      ['above the deposit', voucherMsg(c, 10_001, 6), 409, 'VOUCHER_ABOVE_DEPOSIT'],
      ['malformed BoC', malformedBoc, 400, 'VOUCHER_MALFORMED'],
      ['posted amount differs', voucherMsg(c, 2000, 6, { posted: 2001 }), 400, 'VOUCHER_MALFORMED'],
    ];
    for (const [what, msg, status, code] of cases) {
      const r = await postVoucher(h.broker.url, msg);
      expect([what, r.status, r.body.code]).toEqual([what, status, code]);
      expect(await state(c)).toEqual(before);
    }
    // A posted channel other than the voucher's own, a bad signature inside a good envelope, an unknown client.
    const moved = voucherMsg(c, 2000, 6);
    moved.channel = otherChannel;
    expect((await postVoucher(h.broker.url, moved)).body.code).toBe('VOUCHER_WRONG_CHANNEL');
    const flipped = voucherMsg(c, 2000, 6);
    flipped.signature = Buffer.from(flipped.signature).map((b, i) => (i === 3 ? b ^ 1 : b));
    expect((await postVoucher(h.broker.url, flipped)).body.code).toBe('VOUCHER_BAD_SIGNATURE');
    const unknown = await postVoucher(h.broker.url, voucherMsg(stranger, 10, 1));
    expect([unknown.status, unknown.body.code]).toEqual([403, 'BROKER_UNKNOWN_CLIENT']);
    // Oversized body: refused before decoding.
    const big = await postVoucher(h.broker.url, new Uint8Array(5000).fill(1));
    expect([big.status, big.body.code]).toEqual([413, 'BROKER_BODY_TOO_LARGE']);
    expect(await state(c)).toEqual(before);
    // Still accepting the next good one; the ledger keeps its seq.
    expect((await postVoucher(h.broker.url, voucherMsg(c, 2000, 6))).status).toBe(200);
    expect(await h.ledger.latestVoucher(c.channel)).toMatchObject({ cumulativeNano: 2000, seq: 6 });
    expect(await metricsText(h.broker.url)).toContain('chrysalis_broker_rejections_total{code="VOUCHER_STALE_SEQ"} 3');
  });

  test('the broker checks vouchers against its configured network (globalId)', async () => {
    h = await startHarness({ config: { globalId: NETWORK_GLOBAL_ID.devnet } });
    const c = channelClient();
    h.fund(c, 10_000);
    const mainnet = await postVoucher(h.broker.url, voucherMsg(c, 100, 1, { globalId: GLOBAL_ID }));
    expect(mainnet.body.code).toBe('VOUCHER_WRONG_NETWORK');
    expect(
      (await postVoucher(h.broker.url, voucherMsg(c, 100, 1, { globalId: NETWORK_GLOBAL_ID.devnet }))).status,
    ).toBe(200);
  });

  test('chain mode: checked against the on-chain view (claimed, lastSeq, deposit, status); a deposit above the cached one is re-read once', async () => {
    const c = channelClient();
    const address = Address.parse(c.channel);
    let deposit = 5000n;
    let status: 'open' | 'closing' | 'closed' = 'open';
    let reads = 0;
    const invalidated: string[] = [];
    let cached: ClientChannel | null = null;
    const read = (): ClientChannel => {
      reads++;
      return {
        channel: c.channel,
        depositNano: Number(deposit),
        view: {
          channel: address,
          globalId: 0, // the chain's; the broker checks against its own configured globalId
          payerKey: c.publicKey,
          deposit,
          claimed: 700n,
          lastSeq: 10n,
          status,
        },
      };
    };
    const channels = {
      async lookup(key: Uint8Array): Promise<ClientChannel | null> {
        if (hex(key) !== hex(c.publicKey)) return null;
        cached ??= read();
        return cached;
      },
      invalidate(key: Uint8Array): void {
        invalidated.push(hex(key));
        cached = null;
      },
    };
    h = await startHarness({ channels });
    // On-chain claimed 700 at seq 10: anything at or below is refused even though this broker holds nothing.
    expect((await postVoucher(h.broker.url, voucherMsg(c, 700, 11))).body.code).toBe('VOUCHER_NOT_MONOTONIC');
    expect((await postVoucher(h.broker.url, voucherMsg(c, 800, 10))).body.code).toBe('VOUCHER_STALE_SEQ');
    expect((await postVoucher(h.broker.url, voucherMsg(c, 800, 11))).status).toBe(200);
    // Above the cached deposit: re-read once; still above -> refused, nothing recorded.
    deposit = 6000n;
    reads = 0;
    expect((await postVoucher(h.broker.url, voucherMsg(c, 6500, 12))).body.code).toBe('VOUCHER_ABOVE_DEPOSIT');
    expect(invalidated).toEqual([hex(c.publicKey)]);
    expect(reads).toBe(1);
    // Topped up on-chain after the cache was filled: the re-read sees it.
    deposit = 7000n;
    expect((await postVoucher(h.broker.url, voucherMsg(c, 6500, 12))).status).toBe(200);
    expect((await h.ledger.getAccount(hex(c.publicKey)))!.depositNano).toBe(7000);
    // A closed channel pays nothing.
    status = 'closed';
    cached = null;
    expect((await postVoucher(h.broker.url, voucherMsg(c, 6600, 13))).body.code).toBe('VOUCHER_CHANNEL_CLOSED');
    expect(await h.ledger.latestVoucher(c.channel)).toMatchObject({ cumulativeNano: 6500, seq: 12 });
  });

  test("a channel the directory refuses (not a PaymentChannel) surfaces the directory's code", async () => {
    const c = channelClient();
    const channels = {
      async lookup(): Promise<ClientChannel | null> {
        throw new BrokerError('BROKER_CHANNEL_CODE_MISMATCH', 'not a PaymentChannel');
      },
    };
    h = await startHarness({ channels });
    const r = await postVoucher(h.broker.url, voucherMsg(c, 100, 1));
    expect([r.status, r.body.code]).toEqual([403, 'BROKER_CHANNEL_CODE_MISMATCH']);
    const sub = await fetch(`${h.broker.url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: Buffer.from(v1.SubmitRequest.encode(c.submit()).finish()),
    });
    expect([sub.status, ((await sub.json()) as { code: string }).code]).toEqual([403, 'BROKER_CHANNEL_CODE_MISMATCH']);
  });
});
