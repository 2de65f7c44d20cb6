/**
 * One call that wires a broker to TON: registry view, on-chain admission log, channel directory (whose on-chain
 * channel view the broker checks every voucher against) and the settler, sharing one serialized broker wallet.
 * Spread `deps` into `startBroker` (its `globalId` must be the chain's: `globalIdOf(chain.network)`):
 *
 *   const bc = await startBrokerChain({ chain, registry, brokerKey, ledger });
 *   const broker = await startBroker({ config, ...bc.deps });
 *   ...
 *   await bc.settler.flush();          // claim now (devnet, tests)
 *   await broker.close(); await bc.stop();
 */
import type { Address, Cell } from '@ton/core';
import type * as CompileLib from '../../contracts/wrappers/compile';
import type { ChainClient } from '../../contracts/chain/types';
import type { LedgerRepository } from '../ledger/types';
import {
  systemClock,
  type AdmissionLogger,
  type ChannelDirectory,
  type Clock,
  type RegistryView,
  type WorkerPayoutSink,
} from '../ports';
import { ChainAdmissionLogger, type ChainAdmissionLoggerOptions } from './admission-logger';
import { ChainChannelDirectory } from './channel-directory';
import { silentLogger, type ChainLogger } from './errors';
import { ChainRegistryView } from './registry-view';
import { startSettler, type Settler, type SettlerOptions, type WorkerPayments } from './settler';
import {
  openBrokerWallet,
  type BrokerKeys,
  type BrokerWallet,
  type BrokerWalletOptions,
  type BrokerWalletVersion,
} from './wallet';
import { WorkerPayoutBook } from './settler-workers';

export interface BrokerChainOptions {
  readonly chain: ChainClient;
  readonly registry: Address;
  readonly brokerKey: BrokerKeys;
  /** The broker's ledger; the broker must be given `deps.ledger` (the settler's wrapper of it). */
  readonly ledger: LedgerRepository;
  /** Default: compiled here (`compileContract('payment_channel')`); client channels must run this code. */
  readonly paymentChannelCode?: Cell;
  /** The chain's global id (config param 19); default `globalIdOf(chain.network)`. */
  readonly globalId?: number;
  /** Close delay of client channels for address derivation; default the registry's clientCloseDelay. */
  readonly clientCloseDelay?: number;
  /** Channel nonces to try when deriving a client's channel (default [0n]). */
  readonly channelNonces?: readonly bigint[];
  /**
   * Settler options (policy, intervalMs, workers, onClaim, clock...). `workers.brokerFeeBps` fixes the broker fee;
   * unset, each receipt counts under the registry's `brokerFeeBps` in force when it is recorded (the registry view,
   * version-checked every `registryVersionCheckMs`).
   */
  readonly settlement?: Omit<Partial<SettlerOptions>, 'chain' | 'ledger' | 'brokerKey' | 'wallet'>;
  readonly admissionLog?: Omit<Partial<ChainAdmissionLoggerOptions>, 'chain' | 'registry' | 'wallet'>;
  /**
   * Pay admitted workers: each worker's channel to its Hello payout address is opened (and topped up) with
   * `depositNano` from the broker wallet, and vouchers go out as `worker_voucher` frames. Replaces
   * `settlement.workers`; the broker then refuses workers without a valid payout address.
   */
  readonly payWorkers?: {
    readonly depositNano: bigint;
    readonly topUpMarginNano?: bigint;
    /** Close delay of worker channels; default the registry's workerCloseDelay. */
    readonly closeDelay?: number;
    readonly nonce?: bigint;
  };
  readonly registryVersionCheckMs?: number;
  readonly channelCacheMs?: number;
  /** Wallet seqno wait after each send (default 60000 ms) and polling interval (default 1000 ms; use ~50 on the devnet). */
  readonly confirmTimeoutMs?: number;
  readonly pollMs?: number;
  /** The broker wallet's contract (default v4r2). */
  readonly walletVersion?: BrokerWalletVersion;
  /** Highload wallet settings (`walletVersion: 'highload-v3'`), e.g. `queryIds` from the replicas' database. */
  readonly highload?: BrokerWalletOptions['highload'];
  readonly logger?: ChainLogger;
  /** Time of the registry and channel caches and of settlement (default systemClock). */
  readonly clock?: Clock;
}

export interface BrokerChain {
  /** Spread into `startBroker({ config, ...deps })`. */
  readonly deps: {
    readonly registry: RegistryView;
    readonly admissionLogger: AdmissionLogger;
    readonly channels: ChannelDirectory;
    readonly ledger: LedgerRepository;
    /** Present with `payWorkers`. */
    readonly workerPayouts?: WorkerPayoutSink;
  };
  readonly registryView: ChainRegistryView;
  readonly admissionLogger: ChainAdmissionLogger;
  readonly channels: ChainChannelDirectory;
  readonly settler: Settler;
  readonly wallet: BrokerWallet;
  /** Present with `payWorkers`. */
  readonly workerPayouts?: WorkerPayoutBook;
  /** Settler stop (a last policy pass, no dust claims, unless claimOnStop: false), then the admission logger stops. */
  stop(): Promise<void>;
}

/** Reads the registry once (fails with BROKER_CHAIN_REGISTRY_UNAVAILABLE if it cannot), then wires everything. */
export async function startBrokerChain(o: BrokerChainOptions): Promise<BrokerChain> {
  const logger = o.logger ?? silentLogger;
  const clock = o.clock ?? systemClock;
  const timing = {
    ...(o.confirmTimeoutMs !== undefined ? { confirmTimeoutMs: o.confirmTimeoutMs } : {}),
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
  };
  const wallet = openBrokerWallet(o.chain, o.brokerKey, {
    ...timing,
    ...(o.walletVersion ? { version: o.walletVersion } : {}),
    ...(o.highload ? { highload: o.highload } : {}),
  });
  const registryView = new ChainRegistryView({
    chain: o.chain,
    registry: o.registry,
    logger,
    clock,
    ...(o.registryVersionCheckMs !== undefined ? { versionCheckMs: o.registryVersionCheckMs } : {}),
  });
  const snap = await registryView.snapshot();
  // Loaded lazily: the Tolk compiler is heavy and not needed when the code is passed in.
  const code =
    o.paymentChannelCode ??
    (await (require('../../contracts/wrappers/compile') as typeof CompileLib).compileContract('payment_channel'));
  const channels = new ChainChannelDirectory({
    chain: o.chain,
    brokerWallet: wallet.address,
    codeHash: code.hash(),
    ...(o.globalId !== undefined ? { globalId: o.globalId } : {}),
    logger,
    clock,
    ...(o.channelCacheMs !== undefined ? { cacheMs: o.channelCacheMs } : {}),
    derive: {
      paymentChannelCode: code,
      closeDelay: o.clientCloseDelay ?? snap.params.clientCloseDelay,
      ...(o.channelNonces ? { nonces: o.channelNonces } : {}),
    },
  });
  const admissionLogger = new ChainAdmissionLogger({
    chain: o.chain,
    registry: o.registry,
    wallet,
    logger,
    ...timing,
    ...(o.admissionLog ?? {}),
  });
  const s = o.settlement ?? {};
  const book = o.payWorkers
    ? new WorkerPayoutBook({
        chain: o.chain,
        wallet,
        code,
        closeDelay: o.payWorkers.closeDelay ?? snap.params.workerCloseDelay,
        depositNano: o.payWorkers.depositNano,
        ...(o.payWorkers.topUpMarginNano !== undefined ? { topUpMarginNano: o.payWorkers.topUpMarginNano } : {}),
        ...(o.payWorkers.nonce !== undefined ? { nonce: o.payWorkers.nonce } : {}),
        ...timing,
        logger: s.logger ?? logger,
      })
    : undefined;
  const workers = book ?? s.workers;
  const settler = startSettler({
    ...timing,
    ...s,
    chain: o.chain,
    ledger: o.ledger,
    brokerKey: o.brokerKey,
    ...(o.globalId !== undefined ? { globalId: o.globalId } : {}),
    wallet,
    logger: s.logger ?? logger,
    clock: s.clock ?? clock,
    ...(workers ? { workers: withFee(workers, s.workers?.brokerFeeBps, registryView, snap.params.brokerFeeBps) } : {}),
  });
  // The registry view learns a fee change on its version check; keep it checking even without admissions.
  const checkMs = o.registryVersionCheckMs ?? 5000;
  const feeTimer =
    workers && s.workers?.brokerFeeBps === undefined && checkMs > 0
      ? setInterval(() => void registryView.snapshot().catch(() => undefined), checkMs)
      : undefined;
  feeTimer?.unref();
  return {
    deps: {
      registry: registryView,
      admissionLogger,
      channels,
      ledger: settler.ledger,
      ...(book ? { workerPayouts: book } : {}),
    },
    ...(book ? { workerPayouts: book } : {}),
    registryView,
    admissionLogger,
    channels,
    settler,
    wallet,
    async stop() {
      if (feeTimer) clearInterval(feeTimer);
      await settler.stop();
      await admissionLogger.stop(); // finishes the entry in flight; drops (and logs) the rest
    },
  };
}

/** The settler's view of `w`: a fixed fee when one is stated, else the registry view's fee at each receipt. */
function withFee(
  w: WorkerPayments,
  fixedBps: number | undefined,
  view: ChainRegistryView,
  startBps: number,
): WorkerPayments {
  return {
    channelOf: (id) => w.channelOf(id),
    brokerFeeBps: fixedBps ?? startBps,
    ...(fixedBps === undefined ? { feeBpsNow: () => view.current?.params.brokerFeeBps ?? startBps } : {}),
    ...(w.onVoucher
      ? {
          onVoucher: (...args: Parameters<NonNullable<WorkerPayments['onVoucher']>>) => w.onVoucher!(...args),
        }
      : {}),
  };
}
