/**
 * TonChainClient (the one chain code path for devnet, testnet and mainnet) against the SIMULATED toncenter server over
 * a fresh sandbox chain on loopback: account states, balances, transactions, the transaction watcher (from now, from an
 * lt, errors, stop), request failures mapped to CHAIN_REQUEST_FAILED, and wallet opening checks.
 */
import { Address, beginCell, external, storeMessage, toNano } from '@ton/core';
import { Blockchain, type SandboxContract, type TreasuryContract } from '@ton/sandbox';
import type { Transaction } from '@ton/core';
import { createChainClient, openWallet, TonChainClient } from '../../contracts/chain';
import { startToncenterServer, type ToncenterServer } from '../../devnet';
import { PaymentChannel, paymentChannelCode, paymentChannelCodeHash } from '../../contracts/wrappers/payment-channel';
import { MIN_CLOSE_DELAY } from '../../contracts/constants';

let bc: Blockchain;
let server: ToncenterServer;
let alice: SandboxContract<TreasuryContract>;
let bob: SandboxContract<TreasuryContract>;
let chain: TonChainClient;
const NOBODY = new Address(0, Buffer.alloc(32, 0x6d));

beforeAll(async () => {
  bc = await Blockchain.create();
  alice = await bc.treasury('alice');
  bob = await bc.treasury('bob');
  await alice.send({ to: bob.address, value: toNano('1') });
  server = await startToncenterServer(bc);
  chain = new TonChainClient({ network: 'devnet', endpoint: server.url, timeoutMs: 10_000 });
});
afterAll(async () => {
  await server.close();
});

const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('TonChainClient on the devnet toncenter server', () => {
  test('configuration: devnet needs an endpoint; testnet and mainnet default to toncenter', () => {
    expect(() => new TonChainClient({ network: 'devnet' })).toThrow(TypeError);
    expect(createChainClient({ network: 'testnet', apiKey: 'k' }).network).toBe('testnet');
    expect(new TonChainClient({ network: 'mainnet' }).network).toBe('mainnet');
  });

  test('account state and balance; a channel address nobody deployed reads as no channel', async () => {
    expect(await chain.getAccountState(alice.address)).toBe('active');
    expect(await chain.getAccountState(NOBODY)).toBe('uninit');
    expect(await chain.getBalance(alice.address)).toBeGreaterThan(0n);
    expect(await chain.getBalance(NOBODY)).toBe(0n);
    expect(await chain.getChannel(NOBODY)).toBeNull();
  });

  test('code hash: a deployed PaymentChannel hashes to paymentChannelCodeHash(), other code does not, none is null', async () => {
    const ch = bc.openContract(
      PaymentChannel.createFromConfig(
        { payer: alice.address, payee: bob.address, payerKey: Buffer.alloc(32, 7), closeDelay: MIN_CLOSE_DELAY },
        paymentChannelCode(),
      ),
    );
    await ch.sendDeploy(alice.getSender(), { amount: toNano('1') });
    const h = await chain.getCodeHash(ch.address);
    expect(h && Buffer.from(h).toString('hex')).toBe(Buffer.from(paymentChannelCodeHash()).toString('hex'));
    const wallet = await chain.getCodeHash(alice.address);
    expect(wallet).toHaveLength(32);
    expect(Buffer.from(wallet!).equals(Buffer.from(paymentChannelCodeHash()))).toBe(false);
    expect(await chain.getCodeHash(NOBODY)).toBeNull();
  });

  test('transactions of an account, newest first, with the default limit', async () => {
    const txs = await chain.getTransactions(bob.address);
    expect(txs.length).toBeGreaterThan(0);
    expect(txs.length).toBeLessThanOrEqual(20);
    expect((await chain.getTransactions(bob.address, { limit: 1 })).length).toBe(1);
  });

  test('an external message the chain refuses: CHAIN_REQUEST_FAILED', async () => {
    const ext = beginCell()
      .store(storeMessage(external({ to: NOBODY, body: beginCell().storeUint(1, 32).endCell() })))
      .endCell();
    expect(await code(chain.sendExternal(ext))).toBe('CHAIN_REQUEST_FAILED');
  });

  test('a server that is gone: CHAIN_REQUEST_FAILED', async () => {
    const s = await startToncenterServer(bc);
    const gone = new TonChainClient({ network: 'devnet', endpoint: s.url, timeoutMs: 2_000 });
    await s.close();
    expect(await code(gone.getBalance(alice.address))).toBe('CHAIN_REQUEST_FAILED');
    expect(await code(gone.getAccountState(alice.address))).toBe('CHAIN_REQUEST_FAILED');
  });

  test('the watcher starts at the newest transaction and delivers only later ones, oldest first', async () => {
    const seen: Transaction[] = [];
    const before = (await chain.getTransactions(bob.address))[0]!.lt;
    const w = chain.watchTransactions(bob.address, (tx) => void seen.push(tx), { intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 60));
    expect(seen).toEqual([]);
    await alice.send({ to: bob.address, value: toNano('0.5') });
    await alice.send({ to: bob.address, value: toNano('0.25') });
    await until(() => seen.length >= 2, 'two transactions');
    w.stop();
    expect(seen.every((t) => t.lt > before)).toBe(true);
    expect(seen[0]!.lt < seen[1]!.lt).toBe(true);
  });

  test('the watcher from an lt replays what came after it; stop() ends it between deliveries', async () => {
    const seen: bigint[] = [];
    let stop = (): void => undefined;
    const w = chain.watchTransactions(
      bob.address,
      (tx) => {
        seen.push(tx.lt);
        stop(); // stop after the first delivery: the rest of the batch is not delivered
      },
      { sinceLt: 0n, intervalMs: 10 },
    );
    stop = w.stop;
    await until(() => seen.length >= 1, 'a delivery');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(1);
    const lts = (await chain.getTransactions(bob.address, { limit: 100 })).map((t) => t.lt);
    expect(lts.length).toBeGreaterThan(1);
    expect(seen[0]).toBe(lts.reduce((a, b) => (a < b ? a : b)));
    w.stop();
  });

  test('watcher errors go to onError and polling continues', async () => {
    const s = await startToncenterServer(bc);
    const flaky = new TonChainClient({ network: 'devnet', endpoint: s.url, timeoutMs: 2_000 });
    await s.close();
    const errors: string[] = [];
    const w = flaky.watchTransactions(bob.address, () => undefined, {
      intervalMs: 10,
      onError: (e) => errors.push((e as { code?: string }).code ?? ''),
    });
    await until(() => errors.length >= 2, 'two errors');
    w.stop();
    expect(errors.every((c) => c === 'CHAIN_REQUEST_FAILED')).toBe(true);
    // without onError, failures are swallowed and the watcher keeps going until stopped
    const quiet = flaky.watchTransactions(bob.address, () => undefined, { intervalMs: 10 });
    await new Promise((r) => setTimeout(r, 30));
    quiet.stop();
  });
});

describe('openWallet', () => {
  const keys = { publicKey: new Uint8Array(32).fill(1), secretKey: new Uint8Array(64).fill(2) };

  test('v4r2 by default, v5r1 on request (addresses differ); keys of the wrong size are a RangeError', async () => {
    const v4 = openWallet(chain, keys);
    const v5 = openWallet(chain, { ...keys, version: 'v5r1' });
    const v5test = openWallet(new TonChainClient({ network: 'testnet' }), { ...keys, version: 'v5r1', workchain: -1 });
    expect(v4.address.equals(v5.address)).toBe(false);
    expect(v5test.address.workChain).toBe(-1);
    expect(() => openWallet(chain, { ...keys, secretKey: new Uint8Array(32) })).toThrow(RangeError);
    expect(() => openWallet(chain, { ...keys, publicKey: new Uint8Array(31) })).toThrow(RangeError);
    expect((await chain.walletSender(keys)).address.equals(v4.address)).toBe(true);
  });

  test('waiting for a seqno of an undeployed wallet times out: CHAIN_TIMEOUT', async () => {
    const w = openWallet(chain, keys);
    expect(await code(w.waitForSeqno(0, { timeoutMs: 50, intervalMs: 10 }))).toBe('CHAIN_TIMEOUT');
  });
});
