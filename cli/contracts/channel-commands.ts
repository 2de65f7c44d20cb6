/** `chrysalis contracts channel open | top-up | close | finish | status | claim`. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fromNano } from '@ton/core';
import { decodeVoucherBoc, type SignedVoucher } from '../../contracts/voucher';
import { claimVoucher } from '../../contracts/settlement';
import { compileAll } from '../../contracts/wrappers/compile';
import { DEFAULT_PARAMS } from '../../contracts/wrappers/registry';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { CliError, inputError, usageError } from '../exit';
import { addr, closeDelayFlag, int, need, out, ton } from './args';
import { currentParams, type Ctx } from './context';
import type { Values } from './options';

type WithValue = { readonly value?: bigint };

/** Deploys a PaymentChannel from the wallet to --payee with --deposit, and prints it. */
async function openChannel(ctx: Ctx, v: Values, withValue: WithValue): Promise<number> {
  const { w, publicKey } = await ctx.wallet();
  const payee = addr(v, 'payee');
  const deposit = ton(need(v, 'deposit'), 'deposit');
  let closeDelay = closeDelayFlag(v['close-delay'], 'close-delay');
  if (closeDelay === undefined && v['registry-address'])
    closeDelay = (await currentParams(ctx, addr(v, 'registry-address'))).clientCloseDelay;
  closeDelay ??= DEFAULT_PARAMS.clientCloseDelay;
  const nonce =
    v.nonce !== undefined
      ? BigInt(int(v.nonce, 'nonce', Number.MAX_SAFE_INTEGER) ?? 0)
      : randomBytes(6).readUIntBE(0, 6);
  const codes = await compileAll();
  const ch = ctx.chain.open(
    PaymentChannel.createFromConfig(
      {
        payer: w.address,
        payee,
        payerKey: publicKey,
        closeDelay,
        nonce: BigInt(nonce),
      },
      codes.paymentChannel,
    ),
  );
  const rc = await ctx.send(ch.address, (ww) => ch.sendDeploy(ww.sender, { amount: deposit, ...withValue }));
  if (rc === 0)
    out({
      channel: ch.address,
      payer: w.address,
      payee,
      deposit: fromNano(deposit),
      closeDelay,
      nonce: String(nonce),
    });
  return rc;
}

/** Prints the channel's state as JSON; exits 1 when it is not deployed. */
async function channelStatus(ctx: Ctx, v: Values): Promise<number> {
  const channel = addr(v, 'channel');
  const data = await ctx.chain.getChannel(channel);
  if (!data) {
    process.stderr.write('channel not deployed\n');
    return 1;
  }
  out({
    channel,
    ...data,
    deposit: fromNano(data.deposit),
    claimed: fromNano(data.claimed),
    balance: fromNano(await ctx.chain.getBalance(channel)),
  });
  return 0;
}

/** `--voucher FILE|HEX`: hex digits, or a file holding the BoC (binary, or as hex / base64 text). */
function voucherBytes(arg: string): Uint8Array {
  const hex = /^(0x)?([0-9a-fA-F]{2})+$/;
  if (hex.test(arg) && !existsSync(arg)) return Buffer.from(arg.replace(/^0x/, ''), 'hex');
  let raw: Buffer;
  try {
    raw = readFileSync(arg);
  } catch (e) {
    throw inputError(`cannot read --voucher ${arg}`, e);
  }
  const text = raw.toString('utf8').trim();
  if (hex.test(text)) return Buffer.from(text.replace(/^0x/, ''), 'hex');
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) return Buffer.from(text, 'base64');
  return raw;
}

/**
 * Claims a payer-signed voucher on --channel from this wallet (any wallet may: the channel pays its payee exactly the
 * voucher's amount above what was claimed, and returns the unspent attached value to this wallet). Checked off-chain
 * first against the channel's on-chain state; prints the claim as JSON.
 */
async function claimChannel(ctx: Ctx, v: Values, withValue: WithValue): Promise<number> {
  const channel = addr(v, 'channel');
  const sigHex = need(v, 'signature').replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{128}$/.test(sigHex)) throw usageError('--signature: expected 128 hex digits (Ed25519)');
  let voucher: SignedVoucher;
  try {
    voucher = { ...decodeVoucherBoc(voucherBytes(need(v, 'voucher'))), signature: Buffer.from(sigHex, 'hex') };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw usageError('--voucher: not a chrysalis voucher BoC');
  }
  const data = await ctx.chain.getChannel(channel);
  let delta = 0n;
  const rc = await ctx.send(channel, async (w) => {
    delta = (await claimVoucher(ctx.chain, channel, voucher, w.sender, withValue)).delta;
  });
  if (rc === 0)
    out({
      channel,
      payee: data?.payee ?? null,
      amount: fromNano(voucher.amount),
      delta: fromNano(delta),
      seq: voucher.seq.toString(),
    });
  return rc;
}

export async function channelCommand(ctx: Ctx, sub: string[], v: Values, value: bigint | undefined): Promise<number> {
  const withValue = value !== undefined ? { value } : {};
  switch (sub[0]) {
    case 'open':
      return openChannel(ctx, v, withValue);
    case 'top-up': {
      const channel = addr(v, 'channel');
      const amount = ton(need(v, 'amount'), 'amount');
      return ctx.send(channel, (w) =>
        ctx.chain.open(PaymentChannel.createFromAddress(channel)).sendTopUp(w.sender, { amount, ...withValue }),
      );
    }
    case 'close': {
      const channel = addr(v, 'channel');
      return ctx.send(channel, (w) =>
        ctx.chain.open(PaymentChannel.createFromAddress(channel)).sendStartClose(w.sender, withValue),
      );
    }
    case 'finish': {
      const channel = addr(v, 'channel');
      return ctx.send(channel, (w) =>
        ctx.chain.open(PaymentChannel.createFromAddress(channel)).sendFinishClose(w.sender, withValue),
      );
    }
    case 'status':
      return channelStatus(ctx, v);
    case 'claim':
      return claimChannel(ctx, v, withValue);
    default:
      throw usageError(`unknown channel subcommand '${sub.join(' ')}'`);
  }
}
