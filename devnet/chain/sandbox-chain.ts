/**
 * The devnet chain: `@ton/sandbox` with the chrysalis contracts deployed and populated, behind the
 * toncenter-v2-compatible HTTP server (devnet-server.ts). SIMULATED: an emulator, not a TON network.
 */
import { type Address, type Cell, toNano } from '@ton/core';
import { Blockchain, internal, type SandboxContract, type TreasuryContract } from '@ton/sandbox';
import { WalletContractV4 } from '@ton/ton';
import { compileAll } from '../../contracts/wrappers/compile';
import { configWithGlobalId, type Id256, toUint256 } from '../../contracts/wrappers/codec';
import { DEFAULT_PARAMS, Registry, type RegistryParams } from '../../contracts/wrappers/registry';
import { AttestationLog } from '../../contracts/wrappers/attestation-log';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { startToncenterServer } from './toncenter-server';

export interface DevnetBroker {
  /** Ed25519 public key. */
  readonly key: Id256;
  /** Wallet the broker sends from; default: the v4r2 wallet of `key` (funded by `fundWallets`). */
  readonly wallet?: Address;
  readonly endpoint: string;
}

export interface DevnetChainOptions {
  readonly port?: number;
  readonly host?: string;
  readonly images?: readonly Id256[];
  readonly platforms?: readonly Id256[];
  readonly models?: readonly { id: Id256; multiplier?: number }[];
  readonly brokers?: readonly DevnetBroker[];
  readonly params?: Partial<RegistryParams>;
  /** v4r2 wallets (by Ed25519 public key) to fund with `fundAmount` each (default 1000 TON). */
  readonly fundWallets?: readonly Uint8Array[];
  readonly fundAmount?: bigint;
  /** Pin the chain clock (unix seconds); default: the wall clock. */
  readonly now?: number;
  /** The chain's global id (config param 19) every voucher must name; default NETWORK_GLOBAL_ID.devnet (-4242). */
  readonly globalId?: number;
}

export interface OpenChannelOptions {
  /** The payer's Ed25519 public key (signs vouchers). */
  readonly payerKey: Uint8Array;
  /** Payer address; default: the v4r2 wallet of `payerKey`. The deposit comes from the devnet treasury either way. */
  readonly payer?: Address;
  readonly payee: Address;
  readonly deposit: bigint;
  /** Default: the registry's clientCloseDelay. */
  readonly closeDelay?: number;
  readonly nonce?: bigint;
}

export interface DevnetChain {
  /** toncenter v2 JSON-RPC endpoint (`new TonClient({ endpoint: url })`, `createChainClient({ network: 'devnet', endpoint: url })`). */
  readonly url: string;
  readonly blockchain: Blockchain;
  /** Owner of the registry; a sandbox treasury with ample TON. */
  readonly deployer: SandboxContract<TreasuryContract>;
  readonly registry: Address;
  /** Alias of `registry` (agreed interface name). */
  readonly registryAddress: Address;
  readonly attestationLog: Address;
  readonly codes: { registry: Cell; paymentChannel: Cell; attestationLog: Cell };
  /** Config param 19 of this chain (what `checkVoucher` compares a voucher's globalId with). */
  readonly globalId: number;
  /** Hash of the code of the account at `address`, or null when it is not active. */
  getCodeHash(address: Address): Promise<Uint8Array | null>;
  /** Deploys a channel whose payer is `payer` (or the payer key's v4 wallet) with `deposit`. */
  openChannel(o: OpenChannelOptions): Promise<Address>;
  /** Sends `amount` (default 1000 TON) from the treasury to `address` (non-bounceable). */
  fund(address: Address, amount?: bigint): Promise<void>;
  /** Address of the v4r2 wallet (workchain 0) of an Ed25519 public key. */
  walletAddress(publicKey: Uint8Array): Address;
  /** Fault injection: while down, the chain API answers 503 (a SIMULATED outage); returns the requests refused so far. */
  setOutage(down: boolean): number;
  close(): Promise<void>;
}

export function walletV4Address(publicKey: Uint8Array): Address {
  return WalletContractV4.create({ workchain: 0, publicKey: Buffer.from(publicKey) }).address;
}

/** Starts the devnet chain: deploys Registry and AttestationLog, populates the registry, funds wallets, serves HTTP. */
export async function startDevnetChain(opts: DevnetChainOptions = {}): Promise<DevnetChain> {
  const codes = await compileAll();
  const blockchain = await Blockchain.create();
  const globalId = opts.globalId ?? NETWORK_GLOBAL_ID.devnet;
  blockchain.setConfig(configWithGlobalId(blockchain.config, globalId));
  if (opts.now !== undefined) blockchain.now = opts.now;
  const deployer = await blockchain.treasury('chrysalis-devnet-deployer', { balance: toNano('1000000000') });
  const params: RegistryParams = { ...DEFAULT_PARAMS, ...(opts.params ?? {}) };

  const registry = blockchain.openContract(
    Registry.createFromConfig(
      {
        owner: deployer.address,
        params,
        images: opts.images ?? [],
        platforms: opts.platforms ?? [],
        models: (opts.models ?? []).map((m) => ({ id: m.id, multiplier: m.multiplier ?? 10000 })),
        brokers: (opts.brokers ?? []).map((b) => ({
          key: b.key,
          wallet: b.wallet ?? walletV4Address(Buffer.from(toUint256(b.key).toString(16).padStart(64, '0'), 'hex')),
          endpoint: b.endpoint,
        })),
      },
      codes.registry,
    ),
  );
  await registry.sendDeploy(deployer.getSender(), toNano('10'));
  const log = blockchain.openContract(
    AttestationLog.createFromConfig({ registry: registry.address }, codes.attestationLog),
  );
  await log.sendDeploy(deployer.getSender(), toNano('10'));
  await registry.sendSetAttestationLog(deployer.getSender(), { log: log.address });

  const fund = async (address: Address, amount: bigint = toNano('1000')): Promise<void> => {
    await deployer.send({ to: address, value: amount, bounce: false });
  };
  for (const pk of opts.fundWallets ?? []) await fund(walletV4Address(pk), opts.fundAmount ?? toNano('1000'));
  for (const b of opts.brokers ?? [])
    if (!b.wallet) {
      const pk = Buffer.from(toUint256(b.key).toString(16).padStart(64, '0'), 'hex');
      await fund(walletV4Address(pk), opts.fundAmount ?? toNano('1000'));
    }

  const server = await startToncenterServer(blockchain, {
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  });

  return {
    url: server.url,
    blockchain,
    deployer,
    registry: registry.address,
    registryAddress: registry.address,
    attestationLog: log.address,
    codes,
    globalId,
    async getCodeHash(address) {
      const st = (await blockchain.getContract(address)).accountState;
      return st?.type === 'active' && st.state.code ? new Uint8Array(st.state.code.hash()) : null;
    },
    async openChannel(o) {
      const payer = o.payer ?? walletV4Address(o.payerKey);
      const ch = blockchain.openContract(
        PaymentChannel.createFromConfig(
          {
            payer,
            payee: o.payee,
            payerKey: o.payerKey,
            closeDelay: o.closeDelay ?? params.clientCloseDelay,
            nonce: o.nonce ?? 0n,
          },
          codes.paymentChannel,
        ),
      );
      // SIMULATED convenience: the TopUp must come from the payer, so the devnet injects it *as* the payer
      // (the value is minted, not debited from the payer's wallet). Real clients open channels from their own
      // wallet (`chrysalis contracts channel open`, `openChannelFromWallet`, `PaymentChannel.sendDeploy`).
      // The message is built here rather than through `blockchain.sender(payer)`: that sandbox sender drops the
      // StateInit, so the channel was never deployed. The StateInit rides along only while the account is not
      // active (a second TopUp to an existing channel just adds to its deposit).
      const state = (await blockchain.getContract(ch.address)).accountState?.type;
      const tx = await blockchain.sendMessage(
        internal({
          from: payer,
          to: ch.address,
          value: PaymentChannel.topUpValue(o.deposit),
          body: PaymentChannel.topUpBody(o.deposit),
          bounce: state === 'active',
          ...(state === 'active' ? {} : { stateInit: ch.init! }),
        }),
      );
      const first = tx.transactions[0];
      const ok =
        first?.description.type === 'generic' &&
        first.description.computePhase.type === 'vm' &&
        first.description.computePhase.success;
      if (!ok || (await blockchain.getContract(ch.address)).accountState?.type !== 'active') {
        throw new Error('devnet: channel deploy failed');
      }
      const data = await ch.getChannelData();
      if (data.deposit < o.deposit) throw new Error('devnet: channel deposit failed');
      return ch.address;
    },
    fund,
    walletAddress: walletV4Address,
    setOutage: (down) => server.setOutage(down),
    close: () => server.close(),
  };
}
