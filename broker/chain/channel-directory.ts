/**
 * `ChannelDirectory` (broker/ports.ts) over PaymentChannel contracts: a client is known and funded iff the
 * channel's on-chain state says so (get_channel_data): deployed with the PaymentChannel code, payee = this broker's
 * wallet, payer key = the client's key, a close delay of at least MIN_CLOSE_DELAY, and not closed. Results (positive,
 * negative and typed refusals) are cached for `cacheMs`.
 *
 * Where the channel of a key is found: (1) an explicit registration (`register`, e.g. a client that told the broker
 * its channel, or the devnet), else (2) derivation: the channel address is a pure function of its init data, so with
 * the PaymentChannel code the broker computes the address of the channel the client's v4 wallet would open to it
 * (payer = v4 wallet of the key, payee = broker wallet, closeDelay = the registry's clientCloseDelay, nonce 0..n).
 *
 * SECURITY: an address proves nothing about the code now running there when it was registered rather than derived,
 * and a lookalike contract can answer get_channel_data with anything. So before a candidate counts, the hash of its
 * code must equal the PaymentChannel code hash (else BROKER_CHANNEL_CODE_MISMATCH); a channel of this client to this
 * broker whose close delay is below MIN_CLOSE_DELAY is refused (BROKER_CHANNEL_CLOSE_DELAY_TOO_SHORT: the payer could
 * close it before a claim lands). A refusal is thrown only when no other candidate is acceptable.
 *
 * `depositNano`: the deposit, so the broker's `available = deposit - charged` is right. While the payer is closing the
 * channel unilaterally the broker must not extend credit: it reports `claimed` as the deposit (available <= 0 ->
 * BROKER_UNFUNDED). A closed channel is unknown (null). `view` is the channel as the contract sees it (deposit, claimed,
 * lastSeq, status, payer key, this chain's global id): what `checkVoucherAgainst` checks a voucher against.
 */
import { Address, type Cell } from '@ton/core';
import {
  clientChannelAddress,
  paymentChannelCodeHash,
  type ChannelData,
} from '../../contracts/wrappers/payment-channel';
import { globalIdOf, MIN_CLOSE_DELAY } from '../../contracts/constants';
import type { ChainClient } from '../../contracts/chain/types';
import type { ChannelDirectory, ClientChannel } from '../ports';
import { BrokerError } from '../errors';
import { codeOf, silentLogger, type ChainLogger } from './errors';
import { systemClock, type Clock } from '../../core/clock';
import { toHex } from '../../core/bytes';

export interface ChainChannelDirectoryOptions {
  readonly chain: ChainClient;
  /** The broker's wallet: the payee every client channel must name. */
  readonly brokerWallet: Address;
  /** How long a lookup result is reused (default 5000 ms). */
  readonly cacheMs?: number;
  /** Derive channel addresses (see above). Omit to use registrations only. */
  readonly derive?: {
    readonly paymentChannelCode: Cell;
    /** Close delay the client channel was opened with (the registry's clientCloseDelay). */
    readonly closeDelay: number;
    /** Nonces to try, in order (default [0n]). */
    readonly nonces?: readonly bigint[];
  };
  /** Hash of the PaymentChannel code a channel must run (default `paymentChannelCodeHash()`). */
  readonly codeHash?: Uint8Array;
  /** The chain's global id put in `ClientChannel.view` (default `globalIdOf(chain.network)`). */
  readonly globalId?: number;
  /** How a channel address is written in `ClientChannel.channel` (default `address.toString()`). */
  readonly formatAddress?: (a: Address) => string;
  /** Time of cache checks (default systemClock). */
  readonly clock?: Clock;
  readonly logger?: ChainLogger;
}

export class ChainChannelDirectory implements ChannelDirectory {
  private readonly registered = new Map<string, Address>();
  private readonly cache = new Map<string, { atMs: number; value: ClientChannel | null; refusal?: BrokerError }>();
  private readonly now: () => number;
  private readonly logger: ChainLogger;
  private readonly format: (a: Address) => string;
  private readonly codeHash: Buffer;
  private readonly globalId: number;

  constructor(private readonly opts: ChainChannelDirectoryOptions) {
    const clock = opts.clock ?? systemClock;
    this.now = () => clock.now().getTime();
    this.logger = opts.logger ?? silentLogger;
    this.format = opts.formatAddress ?? ((a) => a.toString());
    this.codeHash = Buffer.from(opts.codeHash ?? paymentChannelCodeHash());
    this.globalId = opts.globalId ?? globalIdOf(opts.chain.network);
  }

  /** Names the channel of a client key (hex or bytes). Still verified on-chain at lookup. */
  register(clientKey: string | Uint8Array, channel: Address | string): void {
    const k = typeof clientKey === 'string' ? clientKey.toLowerCase() : toHex(clientKey);
    this.registered.set(k, typeof channel === 'string' ? Address.parse(channel) : channel);
    this.cache.delete(k);
  }

  /** Drops cached results (all, or one key). */
  invalidate(clientKey?: Uint8Array): void {
    if (clientKey) this.cache.delete(toHex(clientKey));
    else this.cache.clear();
  }

  /** Candidate channel addresses for a key, registered first. */
  candidates(clientKey: Uint8Array): Address[] {
    const out: Address[] = [];
    const reg = this.registered.get(toHex(clientKey));
    if (reg) out.push(reg);
    const d = this.opts.derive;
    if (d && clientKey.length === 32) {
      for (const nonce of d.nonces ?? [0n]) {
        const a = clientChannelAddress({
          payerKey: clientKey,
          payee: this.opts.brokerWallet,
          closeDelay: d.closeDelay,
          nonce,
          code: d.paymentChannelCode,
        });
        if (!out.some((x) => x.equals(a))) out.push(a);
      }
    }
    return out;
  }

  /**
   * The client's channel, or null when it has none to this broker.
   * @throws BrokerError BROKER_CHANNEL_CODE_MISMATCH / BROKER_CHANNEL_CLOSE_DELAY_TOO_SHORT when a candidate was refused
   *   and none was acceptable; the chain client's error when a candidate could not be read (not cached).
   */
  async lookup(clientKey: Uint8Array): Promise<ClientChannel | null> {
    const key = toHex(clientKey);
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.atMs < (this.opts.cacheMs ?? 5000)) {
      if (hit.refusal) throw hit.refusal;
      return hit.value;
    }
    let value: ClientChannel | null = null;
    let refusal: BrokerError | undefined;
    for (const addr of this.candidates(clientKey)) {
      try {
        value = await this.judge(clientKey, addr);
      } catch (err) {
        if (!(err instanceof BrokerError)) {
          // Not cached: a transient chain error must not make a funded client look unknown for cacheMs.
          this.logger.warn(
            { event: 'channel_lookup', ok: false, code: codeOf(err, 'CHAIN_REQUEST_FAILED') },
            'channel unreadable',
          );
          throw err;
        }
        this.logger.warn({ event: 'channel_lookup', ok: false, code: err.code }, 'channel refused');
        refusal ??= err;
      }
      if (value) break;
    }
    this.cache.set(key, { atMs: now, value, ...(value || !refusal ? {} : { refusal }) });
    if (this.cache.size > 100_000) this.cache.clear();
    if (!value && refusal) throw refusal;
    return value;
  }

  /** Known and funded per the contract's state, or null; a BrokerError when the channel is refused. */
  private async judge(clientKey: Uint8Array, addr: Address): Promise<ClientChannel | null> {
    const hash = await this.opts.chain.getCodeHash(addr);
    if (!hash) return null; // not deployed
    if (!this.codeHash.equals(Buffer.from(hash)))
      throw new BrokerError(
        'BROKER_CHANNEL_CODE_MISMATCH',
        'the contract at the channel address is not a PaymentChannel',
      );
    const d: ChannelData | null = await this.opts.chain.getChannel(addr);
    if (!d) return null;
    if (d.status === 'closed') return null;
    if (!d.payee.equals(this.opts.brokerWallet)) return null;
    if (d.payerKey !== BigInt('0x' + toHex(clientKey))) return null;
    if (d.closeDelay < MIN_CLOSE_DELAY)
      throw new BrokerError(
        'BROKER_CHANNEL_CLOSE_DELAY_TOO_SHORT',
        `channel close delay ${d.closeDelay} s is below the minimum ${MIN_CLOSE_DELAY} s`,
      );
    const deposit = d.status === 'closing' ? d.claimed : d.deposit;
    return {
      channel: this.format(addr),
      depositNano: deposit > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(deposit),
      view: {
        channel: addr,
        globalId: this.globalId,
        payerKey: Uint8Array.from(clientKey),
        deposit: d.deposit,
        claimed: d.claimed,
        lastSeq: d.lastSeq,
        status: d.status,
      },
    };
  }
}
