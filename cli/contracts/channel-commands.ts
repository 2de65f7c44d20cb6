/** `chrysalis contracts channel open | top-up | close | finish | status`. */
import { randomBytes } from 'node:crypto';
import { fromNano } from '@ton/core';
import { compileAll } from '../../contracts/wrappers/compile';
import { DEFAULT_PARAMS } from '../../contracts/wrappers/registry';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { usageError } from '../exit';
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
    default:
      throw usageError(`unknown channel subcommand '${sub.join(' ')}'`);
  }
}
