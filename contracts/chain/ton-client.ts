/**
 * `ChainClient` over @ton/ton's `TonClient` (toncenter API v2 JSON-RPC). One code path for testnet, mainnet
 * and the devnet (whose sandbox speaks the same API, see devnet-server.ts).
 */
import {
  type Address,
  Cell,
  type Contract,
  type ContractProvider,
  type OpenedContract,
  type Transaction,
} from '@ton/core';
import { TonClient, WalletContractV4, WalletContractV5R1 } from '@ton/ton';
import { ContractsError } from '../errors';
import { Registry } from '../wrappers/registry';
import { type ChannelData, PaymentChannel } from '../wrappers/payment-channel';
import {
  type ChainClient,
  type Network,
  type RegistrySnapshot,
  type WalletHandle,
  type WalletKeys,
  type WatchOptions,
  type Watcher,
} from './types';
import { pollUntil } from '../../core/retry';

export const TONCENTER_ENDPOINTS: Readonly<Record<Exclude<Network, 'devnet'>, string>> = {
  testnet: 'https://testnet.toncenter.com/api/v2/jsonRPC',
  mainnet: 'https://toncenter.com/api/v2/jsonRPC',
};

export interface TonChainClientOptions {
  readonly network: Network;
  /** toncenter v2 JSON-RPC endpoint; defaults to toncenter for testnet/mainnet; required for devnet. */
  readonly endpoint?: string;
  readonly apiKey?: string;
  readonly timeoutMs?: number;
}

export class TonChainClient implements ChainClient {
  readonly network: Network;
  readonly client: TonClient;
  private readonly registryCache = new Map<string, RegistrySnapshot>();

  constructor(opts: TonChainClientOptions) {
    this.network = opts.network;
    const endpoint = opts.endpoint ?? (opts.network === 'devnet' ? undefined : TONCENTER_ENDPOINTS[opts.network]);
    if (!endpoint) throw new TypeError('devnet needs an explicit endpoint (startDevnetChain().url)');
    this.client = new TonClient({
      endpoint,
      ...(opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {}),
      ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
    });
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ContractsError) throw err;
      throw new ContractsError('CHAIN_REQUEST_FAILED', `${what} failed`, { cause: err });
    }
  }

  open<T extends Contract>(contract: T): OpenedContract<T> {
    return this.client.open(contract);
  }

  provider(address: Address, init?: { code: Cell; data: Cell } | null): ContractProvider {
    return this.client.provider(address, init ?? null);
  }

  getBalance(address: Address): Promise<bigint> {
    return this.call('getBalance', () => this.client.getBalance(address));
  }

  async getAccountState(address: Address): Promise<'active' | 'uninit' | 'frozen'> {
    const s = await this.call('getContractState', () => this.client.getContractState(address));
    return s.state === 'active' ? 'active' : s.state === 'frozen' ? 'frozen' : 'uninit';
  }

  async getCodeHash(address: Address): Promise<Uint8Array | null> {
    const s = await this.call('getContractState', () => this.client.getContractState(address));
    if (s.state !== 'active' || !s.code) return null;
    return this.call('code BoC', async () => {
      const root = Cell.fromBoc(s.code as Buffer)[0];
      if (!root) throw new Error('empty code BoC');
      return Uint8Array.from(root.hash());
    });
  }

  async readRegistry(address: Address): Promise<RegistrySnapshot> {
    const reg = this.open(Registry.createFromAddress(address));
    const key = address.toRawString();
    const version = await this.call('registry get_version', () => reg.getVersion());
    const cached = this.registryCache.get(key);
    if (cached && cached.version === version) return cached;
    // One get_snapshot call: every field of the result comes from the same storage cell (one version),
    // which may already be newer than `version`.
    const state = await this.call('registry get_snapshot', () => reg.getState());
    const snap: RegistrySnapshot = Object.freeze({ ...state, address });
    this.registryCache.set(key, snap);
    return snap;
  }

  async getChannel(address: Address): Promise<ChannelData | null> {
    if ((await this.getAccountState(address)) !== 'active') return null;
    const ch = this.open(PaymentChannel.createFromAddress(address));
    return this.call('channel get_channel_data', () => ch.getChannelData());
  }

  getTransactions(address: Address, opts: { limit?: number } = {}): Promise<Transaction[]> {
    return this.call('getTransactions', () =>
      this.client.getTransactions(address, { limit: opts.limit ?? 20, archival: true }),
    );
  }

  watchTransactions(
    address: Address,
    onTransaction: (tx: Transaction) => void | Promise<void>,
    opts: WatchOptions = {},
  ): Watcher {
    let stopped = false;
    let lastLt: bigint | undefined = opts.sinceLt;
    const interval = opts.intervalMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    const poll = async (): Promise<void> => {
      try {
        const txs = await this.getTransactions(address, { limit: 50 });
        if (lastLt === undefined) {
          lastLt = txs[0]?.lt ?? 0n;
        } else {
          const fresh = txs.filter((t) => t.lt > (lastLt as bigint)).sort((a, b) => (a.lt < b.lt ? -1 : 1));
          for (const tx of fresh) {
            if (stopped) return;
            await onTransaction(tx);
            lastLt = tx.lt;
          }
        }
      } catch (err) {
        opts.onError?.(err);
      }
      if (!stopped) timer = setTimeout(() => void poll(), interval);
    };
    void poll();
    return {
      stop: () => {
        stopped = true;
        if (timer) clearTimeout(timer);
      },
    };
  }

  async sendExternal(message: Cell): Promise<void> {
    await this.call('sendBoc', () => this.client.sendFile(message.toBoc()));
  }

  async walletSender(keys: WalletKeys): Promise<WalletHandle> {
    return openWallet(this, keys);
  }
}

/** Opens a v4r2 (default) or v5r1 wallet for `keys` on `chain` (works with any ChainClient). */
export function openWallet(chain: ChainClient, keys: WalletKeys): WalletHandle {
  const publicKey = Buffer.from(keys.publicKey);
  const secretKey = Buffer.from(keys.secretKey);
  if (publicKey.length !== 32 || secretKey.length !== 64)
    throw new RangeError('wallet needs a 32-byte public and 64-byte secret key');
  const workchain = keys.workchain ?? 0;
  const wallet =
    keys.version === 'v5r1'
      ? WalletContractV5R1.create({
          publicKey,
          walletId: {
            networkGlobalId: chain.network === 'testnet' ? -3 : -239,
            context: { workchain, walletVersion: 'v5r1', subwalletNumber: 0 },
          },
        })
      : WalletContractV4.create({ workchain, publicKey });
  const opened = chain.open(wallet);
  const getSeqno = (): Promise<number> => opened.getSeqno();
  return {
    address: wallet.address,
    sender: opened.sender(secretKey),
    getSeqno,
    async waitForSeqno(seqno, o = {}) {
      const applied = await pollUntil(
        async () => ((await getSeqno().catch(() => -1)) > seqno ? true : undefined), // -1: not deployed yet
        { timeoutMs: o.timeoutMs ?? 60_000, intervalMs: o.intervalMs ?? 1000 },
      );
      if (!applied) throw new ContractsError('CHAIN_TIMEOUT', 'wallet transfer not applied in time');
    },
  };
}

/** Convenience: `new TonChainClient(opts)`. */
export function createChainClient(opts: TonChainClientOptions): ChainClient {
  return new TonChainClient(opts);
}
