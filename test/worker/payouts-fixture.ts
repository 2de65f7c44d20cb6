/**
 * Shared pieces of the worker payouts tests on the devnet sandbox chain: the keys, a chain with a funded broker, an
 * active payout wallet and two broker -> worker channels, voucher frames, a charging worker and the admission dance.
 */
import { type Address, toNano } from '@ton/core';
import type { KeyPair } from '@ton/crypto';
import { encodeVoucherBoc, signVoucher, TonChainClient, type Voucher } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { type BrokerLink, type LinkWorker } from '../../enclave-runtime/broker-link';
import { type KeptVoucher } from '../../enclave-runtime/payouts';
import { keyFromSeed, openChannelFromWallet } from '../broker-chain/helpers';
import { type FakeBroker, type Peer } from './fake-broker';

export const broker = keyFromSeed('po-broker');
export const operating = keyFromSeed('po-operating');
export const stranger = keyFromSeed('po-stranger');
export const owner = keyFromSeed('po-gpu-owner');
export const CHALLENGE = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

export interface PayoutChain {
  dev: DevnetChain;
  chain: TonChainClient;
  payout: Address;
  channel: Address;
  otherPayeeChannel: Address;
}

/** The devnet chain with the payout wallet active, a channel paying it and one paying a stranger. */
export async function startPayoutChain(): Promise<PayoutChain> {
  const dev = await startDevnetChain({ fundWallets: [broker.publicKey, operating.publicKey, owner.publicKey] });
  const chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
  const payout = dev.walletAddress(owner.publicKey);
  // The payout wallet must be active: the channel's Payout is bounceable, and a bounce from an uninit account would
  // restore the claim (the owner's first transfer deploys it).
  const ow = await chain.walletSender({ publicKey: owner.publicKey, secretKey: owner.secretKey });
  await ow.sender.send({ to: payout, value: toNano('0.01'), bounce: false });
  await ow.waitForSeqno(0, { intervalMs: 10, timeoutMs: 5000 });
  const code = dev.codes.paymentChannel;
  const channel = await openChannelFromWallet(chain, broker, {
    payee: payout,
    deposit: toNano('10'),
    closeDelay: 86_400,
    code,
  });
  const otherPayeeChannel = await openChannelFromWallet(chain, broker, {
    payee: dev.walletAddress(stranger.publicKey),
    deposit: toNano('1'),
    closeDelay: 86_400,
    nonce: 1n,
    code,
  });
  return { dev, chain, payout, channel, otherPayeeChannel };
}

export function frame(
  v: Voucher,
  key: KeyPair = broker,
): {
  channel: string;
  cumulativeNano: number;
  voucher: Uint8Array;
  signature: Uint8Array;
  earnedNano: number;
} {
  const sv = signVoucher(v, key.secretKey);
  return {
    channel: v.channel.toString(),
    cumulativeNano: Number(v.amount),
    voucher: encodeVoucherBoc(v),
    signature: sv.signature,
    earnedNano: Number(v.amount),
  };
}

/** A worker whose every request yields one receipt charging `chargeNano` (prompt 1 token at that price). */
export function chargingWorker(chargeNano: bigint): LinkWorker {
  return {
    bundle: async (c) => Uint8Array.from([0xb0, ...c]),
    handle: async function* () {
      yield { frame: new Uint8Array([1]) };
      yield {
        receipt: new Uint8Array([2]),
        signature: new Uint8Array(64),
        fields: { promptPriceNano: chargeNano, completionPriceNano: 0n, promptTokens: 1, completionTokens: 0 },
      };
    },
  };
}

export async function admit(fb: FakeBroker, link: BrokerLink): Promise<Peer> {
  const peer = await fb.nextPeer();
  await peer.next('hello');
  const admitted = link.admitted();
  peer.send({ challenge: { protocolVersion: 1, challenge: CHALLENGE } });
  await peer.next('bundle');
  peer.send({ admission: { ok: true, workerId: 'w-1', validUntilMs: 1, bundleDigest: new Uint8Array([9]) } });
  await admitted;
  return peer;
}

/** Sends a voucher frame and resolves with the link's verdict. */
export function deliver(
  peer: Peer,
  link: BrokerLink,
  f: ReturnType<typeof frame>,
): Promise<KeptVoucher | { code: string }> {
  return new Promise((resolve) => {
    const ok = (k: KeptVoucher): void => {
      link.off('voucher_refused', no);
      resolve(k);
    };
    const no = (e: { code: string }): void => {
      link.off('voucher', ok);
      resolve(e);
    };
    link.once('voucher', ok);
    link.once('voucher_refused', no);
    peer.send({ workerVoucher: f });
  });
}
