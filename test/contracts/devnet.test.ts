import { Address, toNano, type Transaction } from '@ton/core';
import { TonClient, WalletContractV4 } from '@ton/ton';
import { type DevnetChain, startDevnetChain } from '../../devnet/chain/sandbox-chain';
import { TonChainClient } from '../../contracts/chain/ton-client';
import { Registry } from '../../contracts/wrappers/registry';
import { PaymentChannel } from '../../contracts/wrappers/payment-channel';
import { admissionsFromTransactions, AttestationLog } from '../../contracts/wrappers/attestation-log';
import { signVoucher } from '../../contracts/voucher';
import { claimVoucher } from '../../contracts/settlement';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { hexId, keyFromSeed, T0 } from './helpers';

describe('devnet: @ton/ton TonClient against the toncenter-v2-compatible devnet server', () => {
  const broker = keyFromSeed('devnet-broker');
  const client = keyFromSeed('devnet-client');
  const ids = { imageId: hexId('img'), platformId: hexId('plt'), modelId: hexId('mdl') };
  let dev: DevnetChain;
  let tc: TonClient;
  let chain: TonChainClient;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [ids.imageId],
      platforms: [ids.platformId],
      models: [{ id: ids.modelId, multiplier: 12000 }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      fundWallets: [client.publicKey],
    });
    tc = new TonClient({ endpoint: dev.url });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
  });

  afterAll(async () => {
    await dev?.close();
  });

  it('serves masterchain info, balances and account states', async () => {
    const mc = await tc.getMasterchainInfo();
    expect(mc.latestSeqno).toBeGreaterThan(0);
    const clientWallet = WalletContractV4.create({ workchain: 0, publicKey: Buffer.from(client.publicKey) });
    expect(await tc.getBalance(clientWallet.address)).toBe(toNano('1000'));
    expect((await tc.getContractState(dev.registry)).state).toBe('active');
    expect(await chain.getAccountState(Address.parse('0:' + '00'.repeat(32)))).toBe('uninit');
  });

  it('reads the registry through TonClient (unchanged wrapper) and caches it on the version', async () => {
    const reg = tc.open(Registry.createFromAddress(dev.registry));
    expect(await reg.getModelMultiplier(ids.modelId)).toBe(12000);
    expect(await reg.getImageAllowed(ids.imageId)).toBe(true);
    const snap = await chain.readRegistry(dev.registry);
    expect(snap.images).toEqual([ids.imageId]);
    expect(snap.platforms).toEqual([ids.platformId]);
    expect(snap.brokers.map((b) => b.endpoint)).toEqual(['ws://127.0.0.1:9000']);
    expect(snap.attestationLog?.equals(dev.attestationLog)).toBe(true);
    expect(await chain.readRegistry(dev.registry)).toBe(snap); // same version: cached object
    const owner = dev.blockchain.openContract(Registry.createFromAddress(dev.registry));
    await owner.sendAddImage(dev.deployer.getSender(), { imageId: hexId('img-2') });
    const snap2 = await chain.readRegistry(dev.registry);
    expect(snap2.version).toBe(snap.version + 1);
    expect(snap2.images).toContain(hexId('img-2'));
  });

  it('a broker wallet submits an admission via TonClient; the log shows it by get-method and in transactions', async () => {
    const w = await chain.walletSender({ publicKey: broker.publicKey, secretKey: broker.secretKey });
    const seqno0 = await w.getSeqno();
    const reg = chain.open(Registry.createFromAddress(dev.registry));
    const admission = { workerKey: hexId('worker-key'), bundleDigest: hexId('bundle'), ...ids };
    await reg.sendSubmitAdmission(w.sender, { brokerKey: broker.publicKey, admission });
    await w.waitForSeqno(seqno0, { intervalMs: 10, timeoutMs: 5000 });
    const log = chain.open(AttestationLog.createFromAddress(dev.attestationLog));
    expect(await log.getAdmission(admission.workerKey)).toMatchObject({
      bundleDigest: hexId('bundle'),
      brokerKey: Buffer.from(broker.publicKey).toString('hex'),
    });
    const txs = await chain.getTransactions(dev.attestationLog, { limit: 10 });
    const history = admissionsFromTransactions(txs);
    expect(history.map((h) => h.workerKey)).toEqual([hexId('worker-key')]);
    // Transactions round-trip through toncenter JSON: TonClient.getTransaction finds one by lt + hash.
    const first = txs[0] as Transaction;
    const again = await tc.getTransaction(dev.attestationLog, first.lt.toString(), first.hash().toString('base64'));
    expect(again?.hash().equals(first.hash())).toBe(true);
  });

  it('a client wallet opens a channel via TonClient; the payee claims with claimVoucher; watchTransactions sees it', async () => {
    const payeeKp = keyFromSeed('devnet-payee');
    const payeeWallet = WalletContractV4.create({ workchain: 0, publicKey: Buffer.from(payeeKp.publicKey) });
    await dev.fund(payeeWallet.address, toNano('5'));
    const cw = await chain.walletSender({ publicKey: client.publicKey, secretKey: client.secretKey });
    const ch = PaymentChannel.createFromConfig(
      { payer: cw.address, payee: payeeWallet.address, payerKey: client.publicKey, closeDelay: 3600, nonce: 1n },
      dev.codes.paymentChannel,
    );
    const opened = chain.open(ch);
    let s = await cw.getSeqno();
    await opened.sendDeploy(cw.sender, { amount: toNano('3') });
    await cw.waitForSeqno(s, { intervalMs: 10, timeoutMs: 5000 });
    expect(await chain.getChannel(ch.address)).toMatchObject({ deposit: toNano('3'), status: 'open' });

    const seen: Transaction[] = [];
    const watcher = chain.watchTransactions(ch.address, (tx) => void seen.push(tx), { intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 100));

    const pw = await chain.walletSender({ publicKey: payeeKp.publicKey, secretKey: payeeKp.secretKey });
    const voucher = signVoucher(
      { channel: ch.address, globalId: NETWORK_GLOBAL_ID.devnet, amount: toNano('1.25'), seq: 1n },
      client.secretKey,
    );
    s = await pw.getSeqno().catch(() => 0);
    expect(await claimVoucher(chain, ch.address, voucher, pw.sender)).toEqual({ delta: toNano('1.25') });
    await pw.waitForSeqno(s, { intervalMs: 10, timeoutMs: 5000 });
    expect(await chain.getChannel(ch.address)).toMatchObject({ claimed: toNano('1.25'), lastSeq: 1n });
    // The same voucher again is refused off-chain, before any transaction.
    await expect(claimVoucher(chain, ch.address, voucher, pw.sender)).rejects.toMatchObject({
      code: 'VOUCHER_STALE_SEQ',
    });
    await expect(
      claimVoucher(
        chain,
        ch.address,
        signVoucher(
          { channel: ch.address, globalId: NETWORK_GLOBAL_ID.devnet, amount: toNano('9'), seq: 2n },
          client.secretKey,
        ),
        pw.sender,
      ),
    ).rejects.toMatchObject({ code: 'VOUCHER_ABOVE_DEPOSIT' });
    // A voucher for another network is refused off-chain too (the contract would refuse it: ERR_WRONG_NETWORK).
    await expect(
      claimVoucher(
        chain,
        ch.address,
        signVoucher(
          { channel: ch.address, globalId: NETWORK_GLOBAL_ID.mainnet, amount: toNano('2'), seq: 2n },
          client.secretKey,
        ),
        pw.sender,
      ),
    ).rejects.toMatchObject({ code: 'VOUCHER_WRONG_NETWORK' });

    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    watcher.stop();
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it('reports JSON-RPC errors for unknown methods and bad input as toncenter does (ok: false)', async () => {
    const res = await fetch(dev.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'nope', params: {} }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
    const bad = await fetch(dev.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(400);
    await expect(tc.sendFile(Buffer.from('not a boc'))).rejects.toThrow();
    const get = await fetch(dev.url.replace('/jsonRPC', `/getAddressBalance?address=${dev.registry.toString()}`));
    expect(((await get.json()) as { ok: boolean }).ok).toBe(true);
  });
});
