/**
 * A hostile client against a REAL broker (`chrysalis/broker`) wired to the devnet's sandbox chain, over raw HTTP.
 * Every refusal has its typed code and leaves the client's ledger as it was (read back with an authenticated
 * GET /v1/accounts); credit never exceeds what the client vouched for; a client cannot read another's account; a
 * lookalike channel contract is refused with BROKER_CHANNEL_CODE_MISMATCH.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beginCell, Cell, toNano } from '@ton/core';
import { internal } from '@ton/sandbox';
import { runTolkCompiler } from '@ton/tolk-js';
import { encodeVoucherBoc, MIN_CLOSE_DELAY, NETWORK_GLOBAL_ID, PaymentChannel, TOLK_DIR } from '../../contracts';
import {
  authHeader,
  hex,
  keyFromSeed,
  postVoucher,
  prng,
  readAccount,
  startChainHarness,
  submitRequest,
  voucherBody,
  voucherOf,
  type ChainClientParty,
  type ChainHarness,
  type HttpAnswer,
} from './helpers';

const MAX_BODY = 16 * 1024;

describe('hostile client vs a real broker on the devnet chain', () => {
  let h: ChainHarness;
  let gid: number;
  beforeAll(async () => {
    h = await startChainHarness({ maxBodyBytes: MAX_BODY });
    gid = h.dev.globalId;
  });
  afterAll(async () => {
    await h?.close();
  });

  const account = async (c: ChainClientParty): Promise<Record<string, unknown>> => {
    const r = await readAccount(h.broker.url, c.keys.publicKey, authHeader(c.keys));
    expect(r.status).toBe(200);
    return r.body;
  };
  const refused = (r: HttpAnswer, code: string, status: number): void => {
    expect([r.status, r.body.code]).toEqual([status, code]);
  };

  it('refuses replayed, out-of-order, lower, foreign-network, other-channel, forged, above-deposit, oversized and malformed vouchers, ledger unchanged', async () => {
    const a = await h.openClient('hc-alice', toNano('10'));
    const b = await h.openClient('hc-bob', toNano('10'));
    const mallory = keyFromSeed('hc-mallory');
    const url = h.broker.url;

    const v1 = voucherOf(a, { amount: toNano('1'), seq: 1n, globalId: gid });
    expect((await postVoucher(url, voucherBody(a, v1))).status).toBe(200);
    const v3 = voucherOf(a, { amount: toNano('2'), seq: 3n, globalId: gid });
    expect((await postVoucher(url, voucherBody(a, v3))).status).toBe(200);
    const before = await account(a);
    expect(before).toMatchObject({
      vouchedNano: Number(toNano('2')),
      globalId: NETWORK_GLOBAL_ID.devnet,
      voucher: { voucher: hex(encodeVoucherBoc(v3)), signature: hex(v3.signature) },
    });

    const attempts: [string, Record<string, unknown> | string, string, number][] = [
      ['replayed', voucherBody(a, v3), 'VOUCHER_STALE_SEQ', 409],
      ['replayed older', voucherBody(a, v1), 'VOUCHER_STALE_SEQ', 409],
      [
        'out of order (seq 2 after 3)',
        voucherBody(a, voucherOf(a, { amount: toNano('3'), seq: 2n, globalId: gid })),
        'VOUCHER_STALE_SEQ',
        409,
      ],
      [
        'lower amount',
        voucherBody(a, voucherOf(a, { amount: toNano('1.5'), seq: 4n, globalId: gid })),
        'VOUCHER_NOT_MONOTONIC',
        409,
      ],
      [
        'equal amount',
        voucherBody(a, voucherOf(a, { amount: toNano('2'), seq: 4n, globalId: gid })),
        'VOUCHER_NOT_MONOTONIC',
        409,
      ],
      [
        'mainnet id',
        voucherBody(a, voucherOf(a, { amount: toNano('3'), seq: 4n, globalId: NETWORK_GLOBAL_ID.mainnet })),
        'VOUCHER_WRONG_NETWORK',
        400,
      ],
      [
        'testnet id',
        voucherBody(a, voucherOf(a, { amount: toNano('3'), seq: 4n, globalId: NETWORK_GLOBAL_ID.testnet })),
        'VOUCHER_WRONG_NETWORK',
        400,
      ],
      // a's key, a's name as poster, but the voucher pays out of b's channel
      [
        'other channel',
        voucherBody(a, voucherOf(a, { channel: b.channel, amount: toNano('3'), seq: 4n, globalId: gid })),
        'VOUCHER_WRONG_CHANNEL',
        400,
      ],
      // posted as a's channel while the signed cell names b's
      [
        'posted channel differs',
        voucherBody(a, voucherOf(a, { channel: b.channel, amount: toNano('3'), seq: 4n, globalId: gid }), {
          channel: a.channel.toString(),
        }),
        'VOUCHER_WRONG_CHANNEL',
        400,
      ],
      [
        'signed by another key',
        voucherBody(a, voucherOf(a, { amount: toNano('3'), seq: 4n, globalId: gid }, mallory)),
        'VOUCHER_BAD_SIGNATURE',
        401,
      ],
      [
        'signature of another voucher',
        voucherBody(a, voucherOf(a, { amount: toNano('3'), seq: 4n, globalId: gid }), {
          signature: Buffer.from(v3.signature).toString('base64'),
        }),
        'VOUCHER_BAD_SIGNATURE',
        401,
      ],
      [
        'amount inflated beside the cell',
        voucherBody(a, voucherOf(a, { amount: toNano('3'), seq: 4n, globalId: gid }), {
          cumulativeNano: Number(toNano('9')),
        }),
        'VOUCHER_MALFORMED',
        400,
      ],
      [
        'above the deposit',
        voucherBody(a, voucherOf(a, { amount: toNano('10') + 1n, seq: 4n, globalId: gid })),
        'VOUCHER_ABOVE_DEPOSIT',
        409,
      ],
      [
        'seq beyond 2^53',
        voucherBody(a, voucherOf(a, { amount: toNano('3'), seq: 1n << 60n, globalId: gid })),
        'VOUCHER_MALFORMED',
        400,
      ],
      [
        'garbage BoC',
        voucherBody(a, v3, {
          voucher: Buffer.from('not a boc').toString('base64'),
          cumulativeNano: Number(toNano('3')),
        }),
        'VOUCHER_MALFORMED',
        400,
      ],
      [
        'a cell that is no voucher',
        voucherBody(a, v3, { voucher: beginCell().storeUint(0xdeadbeef, 32).endCell().toBoc().toString('base64') }),
        'VOUCHER_MALFORMED',
        400,
      ],
      [
        'voucher field oversized',
        voucherBody(a, v3, { voucher: Buffer.alloc(5000, 1).toString('base64') }),
        'BROKER_BAD_REQUEST',
        400,
      ],
      ['body oversized', voucherBody(a, v3, { pad: 'x'.repeat(MAX_BODY) }), 'BROKER_BODY_TOO_LARGE', 413],
      [
        'short signature',
        voucherBody(a, v3, { signature: Buffer.alloc(10).toString('base64') }),
        'BROKER_BAD_REQUEST',
        400,
      ],
      ['zero amount', voucherBody(a, v3, { cumulativeNano: 0 }), 'BROKER_BAD_REQUEST', 400],
      ['not JSON', '{"channel":', 'BROKER_BAD_REQUEST', 400],
    ];
    for (const [what, body, code, status] of attempts) {
      const r = await postVoucher(url, body);
      expect({ what, status: r.status, code: r.body.code }).toEqual({ what, status, code });
    }
    expect(await account(a)).toEqual(before);
    expect((await account(b)).vouchedNano).toBe(0);

    // After all that, the honest next voucher is still accepted: the refusals consumed no seq.
    const v4 = voucherOf(a, { amount: toNano('3'), seq: 4n, globalId: gid });
    expect((await postVoucher(url, voucherBody(a, v4))).status).toBe(200);
    expect((await account(a)).vouchedNano).toBe(Number(toNano('3')));
  });

  it('concurrent vouchers: what the broker accepts is one chain, every link claimable in order on-chain', async () => {
    const c = await h.openClient('hc-concurrent', toNano('10'));
    const rnd = prng(0xc0c0);
    const vouchers = Array.from({ length: 30 }, () =>
      voucherOf(c, {
        amount: BigInt(1 + Math.floor(rnd() * 1_000_000)),
        seq: BigInt(1 + Math.floor(rnd() * 40)),
        globalId: gid,
      }),
    );
    const answers = await Promise.all(vouchers.map((v) => postVoucher(h.broker.url, voucherBody(c, v))));
    const accepted = vouchers.filter((_, i) => answers[i]!.status === 200).sort((x, y) => Number(x.seq - y.seq));
    expect(accepted.length).toBeGreaterThan(0);
    for (const [i, a] of answers.entries())
      if (a.status !== 200)
        expect([i, a.body.code]).toEqual([i, expect.stringMatching(/^VOUCHER_(STALE_SEQ|NOT_MONOTONIC)$/)]);
    const top = accepted[accepted.length - 1]!;
    expect(await account(c)).toMatchObject({
      vouchedNano: Number(top.amount),
      voucher: { voucher: hex(encodeVoucherBoc(top)) },
    });
    // Each accepted voucher strictly raises seq and amount over the one before: the payee can claim them all in turn.
    const channel = h.dev.blockchain.openContract(PaymentChannel.createFromAddress(c.channel));
    for (const v of accepted) {
      await channel.sendClaim(h.payee.getSender(), { voucher: v });
      expect((await channel.getChannelData()).claimed).toBe(v.amount);
    }
  });

  it('refuses a request without a reservation, or beyond its vouched credit; a refused riding voucher records nothing', async () => {
    const c = await h.openClient('hc-carol', toNano('10'));
    const url = h.broker.url;
    refused(await submitRequest(url, c, { maxCostNano: 0 }), 'BROKER_RESERVATION_REQUIRED', 400);

    const noVoucher = await submitRequest(url, c, { maxCostNano: 1000 });
    refused(noVoucher, 'BROKER_VOUCHER_REQUIRED', 402);
    expect(noVoucher.body.details).toEqual({ requiredNano: 1000 });

    expect(
      (await postVoucher(url, voucherBody(c, voucherOf(c, { amount: 700n, seq: 1n, globalId: gid })))).status,
    ).toBe(200);
    const short = await submitRequest(url, c, { maxCostNano: 701 });
    refused(short, 'BROKER_VOUCHER_REQUIRED', 402);
    expect(short.body.details).toEqual({ requiredNano: 701 });
    // Exactly covered: past the money checks (no worker serves the model, so it ends there, reservation released).
    refused(await submitRequest(url, c, { maxCostNano: 700 }), 'BROKER_NO_WORKER', 404);
    expect(await account(c)).toMatchObject({ vouchedNano: 700, chargedNano: 0, reservedNano: 0 });

    // A forged voucher riding on the request: refused before anything, nothing recorded.
    const forged = voucherOf(c, { amount: 5000n, seq: 2n, globalId: gid }, keyFromSeed('hc-mallory'));
    refused(
      await submitRequest(url, c, { maxCostNano: 5000, voucher: voucherBody(c, forged) }),
      'VOUCHER_BAD_SIGNATURE',
      401,
    );
    const foreign = voucherOf(c, { amount: 5000n, seq: 2n, globalId: NETWORK_GLOBAL_ID.mainnet });
    refused(
      await submitRequest(url, c, { maxCostNano: 5000, voucher: voucherBody(c, foreign) }),
      'VOUCHER_WRONG_NETWORK',
      400,
    );
    expect(await account(c)).toMatchObject({ vouchedNano: 700, chargedNano: 0, reservedNano: 0 });

    // Beyond the on-chain deposit: no voucher can cover it.
    refused(await submitRequest(url, c, { maxCostNano: Number(toNano('10')) + 1 }), 'BROKER_UNFUNDED', 402);
    // Someone else's channel named in the request.
    const d = await h.openClient('hc-dave', toNano('10'));
    refused(
      await submitRequest(url, c, { maxCostNano: 100, channel: d.channel.toString() }),
      'BROKER_UNKNOWN_CLIENT',
      403,
    );
  });

  it("cannot read another client's account", async () => {
    const a = await h.openClient('hc-erin', toNano('10'));
    const b = keyFromSeed('hc-frank');
    const url = h.broker.url;
    refused(await readAccount(url, a.keys.publicKey, {}), 'BROKER_AUTH_REQUIRED', 401);
    refused(await readAccount(url, a.keys.publicKey, authHeader(b, a.keys.publicKey)), 'BROKER_BAD_SIGNATURE', 401);
    refused(await readAccount(url, a.keys.publicKey, authHeader(b)), 'BROKER_BAD_SIGNATURE', 401);
    const old = Math.floor(Date.now() / 1000) - 3600;
    refused(
      await readAccount(url, a.keys.publicKey, authHeader(a.keys, a.keys.publicKey, old)),
      'BROKER_AUTH_EXPIRED',
      401,
    );
    expect((await readAccount(url, a.keys.publicKey, authHeader(a.keys))).body).toMatchObject({
      channel: a.channel.toString(),
      depositNano: Number(toNano('10')),
    });
  });

  describe('lookalike channel contracts', () => {
    // The PaymentChannel source with the close-delay wait removed: same storage, same get-methods, same answers
    // to get_channel_data, but the payer can take its deposit back at once (every voucher unclaimable).
    let lookalikeCode: Cell;
    beforeAll(async () => {
      const wait = 'assert (blockchain.now() >= st.closeRequestedAt + st.closeDelay) throw ERR_TOO_EARLY;';
      const out = await runTolkCompiler({
        entrypointFileName: join(TOLK_DIR, 'payment_channel.tolk'),
        fsReadCallback: (path: string) => {
          const src = readFileSync(path, 'utf8');
          if (!path.endsWith('payment_channel.tolk')) return src;
          if (!src.includes(wait)) throw new Error('lookalike: patch point not found');
          return src.replace(wait, '');
        },
      });
      if (out.status !== 'ok') throw new Error(out.message);
      lookalikeCode = Cell.fromBoc(Buffer.from(out.codeBoc64, 'base64'))[0]!;
    });

    const deployLookalike = async (c: { publicKey: Buffer }): Promise<ChainClientParty['channel']> => {
      const payer = h.dev.walletAddress(c.publicKey);
      const ch = PaymentChannel.createFromConfig(
        { payer, payee: h.payee.address, payerKey: c.publicKey, closeDelay: MIN_CLOSE_DELAY, nonce: 0n },
        lookalikeCode,
      );
      await h.dev.blockchain.sendMessage(
        internal({
          from: payer,
          to: ch.address,
          value: PaymentChannel.topUpValue(toNano('50')),
          body: PaymentChannel.topUpBody(toNano('50')),
          bounce: false,
          stateInit: ch.init!,
        }),
      );
      // It really is a convincing channel: get_channel_data names this client, this payee, a 50 TON deposit.
      const looks = await h.dev.blockchain.openContract(PaymentChannel.createFromAddress(ch.address)).getChannelData();
      expect(looks).toMatchObject({ deposit: toNano('50'), status: 'open' });
      expect(looks.payee.equals(h.payee.address)).toBe(true);
      return ch.address;
    };

    it('refuses a channel address registered for the client whose code is not the PaymentChannel code', async () => {
      const m = keyFromSeed('hc-lookalike');
      const addr = await deployLookalike(m);
      expect(hex((await h.dev.getCodeHash(addr))!)).not.toBe(hex(h.dev.codes.paymentChannel.hash()));
      h.directory.register(m.publicKey, addr);
      const party: ChainClientParty = { keys: m, channel: addr, deposit: toNano('50') };
      const url = h.broker.url;
      const v = voucherOf(party, { amount: toNano('1'), seq: 1n, globalId: gid });
      refused(await postVoucher(url, voucherBody(party, v)), 'BROKER_CHANNEL_CODE_MISMATCH', 403);
      refused(
        await submitRequest(url, party, { maxCostNano: 100, voucher: voucherBody(party, v) }),
        'BROKER_CHANNEL_CODE_MISMATCH',
        403,
      );
      refused(await submitRequest(url, party, { maxCostNano: 100 }), 'BROKER_CHANNEL_CODE_MISMATCH', 403);
      refused(await readAccount(url, m.publicKey, authHeader(m)), 'BROKER_CHANNEL_CODE_MISMATCH', 403);
    });

    it('a client cannot point the broker at a lookalike it deployed itself: only the channel the broker finds counts', async () => {
      const c = await h.openClient('hc-grace', toNano('1'));
      const addr = await deployLookalike(keyFromSeed('hc-grace'));
      const party: ChainClientParty = { ...c, channel: addr };
      const v = voucherOf(party, { amount: toNano('20'), seq: 1n, globalId: gid });
      refused(await postVoucher(h.broker.url, voucherBody(party, v)), 'VOUCHER_WRONG_CHANNEL', 400);
      refused(await submitRequest(h.broker.url, party, { maxCostNano: 100 }), 'BROKER_UNKNOWN_CLIENT', 403);
      expect(await account(c)).toMatchObject({
        channel: c.channel.toString(),
        depositNano: Number(toNano('1')),
        vouchedNano: 0,
      });
    });
  });
});
