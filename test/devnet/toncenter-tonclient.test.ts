/**
 * The devnet chain API through a real @ton/ton TonClient (startDevnetChain): the methods TonClient and its HttpApi
 * call that the devnet lacked before issue 14 — estimateExternalMessageFee, tryLocateResultTx / tryLocateSourceTx,
 * getWorkchainShards, getShardTransactions — and, over plain JSON-RPC in toncenter's shapes, getBlockTransactions
 * paging, getWalletInformation and getConfigParam, so code tried on the devnet meets the same answers on testnet.
 */
import { Address, beginCell, Cell, internal, SendMode, toNano } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { TonClient, WalletContractV4, WalletContractV5R1 } from '@ton/ton';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { NETWORK_GLOBAL_ID } from '../../contracts';

// Pinned near the wall clock: wallet transfers carry valid_until = wall clock + 60 s.
const NOW = Math.floor(Date.now() / 1000);
const keys = keyPairFromSeed(Buffer.alloc(32, 7));
const wallet = WalletContractV4.create({ workchain: 0, publicKey: keys.publicKey });
const PAYEE = new Address(0, Buffer.alloc(32, 0x42));

let chain: DevnetChain;
let client: TonClient;

beforeAll(async () => {
  chain = await startDevnetChain({ now: NOW, fundWallets: [keys.publicKey] });
  client = new TonClient({ endpoint: chain.url });
  // The funding left the wallet uninit; a first transfer (with its StateInit) deploys it.
  await client.open(wallet).sendTransfer({
    seqno: 0,
    secretKey: keys.secretKey,
    messages: [internal({ to: PAYEE, value: toNano('0.1'), bounce: false })],
    sendMode: SendMode.PAY_GAS_SEPARATELY,
  });
}, 60_000);
afterAll(async () => {
  await chain.close();
});

interface RpcBody {
  ok: boolean;
  result?: unknown;
  error?: string;
  code?: number;
}

async function rpc(method: string, params: Record<string, unknown>): Promise<{ status: number; body: RpcBody }> {
  const res = await fetch(chain.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: '1', jsonrpc: '2.0', method, params }),
  });
  return { status: res.status, body: (await res.json()) as RpcBody };
}

function transfer(seqno: number, secretKey: Buffer = keys.secretKey): Cell {
  return wallet.createTransfer({
    seqno,
    secretKey,
    messages: [internal({ to: PAYEE, value: toNano('0.05'), bounce: false })],
    sendMode: SendMode.PAY_GAS_SEPARATELY,
  });
}

describe('estimateExternalMessageFee', () => {
  test('answers query.fees without changing the chain; the same message then costs the estimated gas', async () => {
    const seqno = await client.open(wallet).getSeqno();
    const before = (await client.getTransactions(wallet.address, { limit: 1 }))[0]!;
    const body = transfer(seqno);
    const est = await client.estimateExternalMessageFee(wallet.address, {
      body,
      initCode: null,
      initData: null,
      ignoreSignature: false,
    });
    expect(est['@type']).toBe('query.fees');
    expect(est.source_fees.gas_fee).toBeGreaterThan(0);
    expect(est.source_fees.in_fwd_fee).toBeGreaterThan(0);
    expect(est.source_fees.fwd_fee).toBeGreaterThan(0);
    // nothing was applied: same seqno, same last transaction
    expect(await client.open(wallet).getSeqno()).toBe(seqno);
    expect((await client.getTransactions(wallet.address, { limit: 1 }))[0]!.lt).toBe(before.lt);

    await client.sendExternalMessage(wallet, body);
    const tx = (await client.getTransactions(wallet.address, { limit: 1 }))[0]!;
    const d = tx.description;
    expect(d.type === 'generic' && d.computePhase.type === 'vm' && d.computePhase.gasFees).toBe(
      BigInt(est.source_fees.gas_fee),
    );
  });

  test('ignoreSignature: a zero signature is priced; without it the message is refused', async () => {
    const seqno = await client.open(wallet).getSeqno();
    const unsigned = transfer(seqno, Buffer.alloc(64));
    const est = await client.estimateExternalMessageFee(wallet.address, {
      body: unsigned,
      initCode: null,
      initData: null,
      ignoreSignature: true,
    });
    expect(est.source_fees.gas_fee).toBeGreaterThan(0);
    await expect(
      client.estimateExternalMessageFee(wallet.address, {
        body: unsigned,
        initCode: null,
        initData: null,
        ignoreSignature: false,
      }),
    ).rejects.toThrow(/status code 500/);
    const raw = await rpc('estimateFee', {
      address: wallet.address.toString(),
      body: unsigned.toBoc().toString('base64'),
    });
    expect(raw.body.error).toMatch(/^external message not accepted/);
  });

  test('a wallet not yet deployed: priced with its init code and data', async () => {
    const fresh = WalletContractV4.create({ workchain: 0, publicKey: keyPairFromSeed(Buffer.alloc(32, 9)).publicKey });
    await chain.fund(fresh.address, toNano('5'));
    const body = fresh.createTransfer({
      seqno: 0,
      secretKey: keyPairFromSeed(Buffer.alloc(32, 9)).secretKey,
      messages: [],
      sendMode: SendMode.PAY_GAS_SEPARATELY,
    });
    const est = await client.estimateExternalMessageFee(fresh.address, {
      body,
      initCode: fresh.init.code,
      initData: fresh.init.data,
      ignoreSignature: false,
    });
    expect(est.source_fees.gas_fee).toBeGreaterThan(0);
    expect(await client.isContractDeployed(fresh.address)).toBe(false);
  });

  test('bad body: 400', async () => {
    const r = await rpc('estimateFee', { address: wallet.address.toString(), body: '!!' });
    expect(r.status).toBe(400);
  });
});

describe('tryLocateResultTx / tryLocateSourceTx', () => {
  test('find the two ends of a transfer by its created_lt; an unknown one is refused', async () => {
    const txs = await client.getTransactions(wallet.address, { limit: 5 });
    const sent = txs.find((t) => t.outMessages.size > 0)!;
    const out = sent.outMessages.get(0)!;
    if (out.info.type !== 'internal') throw new Error('expected an internal message');
    const lt = out.info.createdLt.toString();
    const result = await client.tryLocateResultTx(wallet.address, PAYEE, lt);
    expect(result.inMessage?.info.type === 'internal' && result.inMessage.info.createdLt).toBe(out.info.createdLt);
    expect(result.address).toBe(BigInt('0x' + PAYEE.hash.toString('hex')));
    const source = await client.tryLocateSourceTx(wallet.address, PAYEE, lt);
    expect(source.hash().equals(sent.hash())).toBe(true);
    await expect(client.tryLocateResultTx(wallet.address, PAYEE, '1')).rejects.toThrow(/status code 404/);
    await expect(client.tryLocateSourceTx(wallet.address, PAYEE, '1')).rejects.toThrow(/status code 404/);
    const none = { source: wallet.address.toString(), destination: PAYEE.toString(), created_lt: '1' };
    expect((await rpc('tryLocateSourceTx', none)).body.error).toBe('cannot locate source transaction');
    expect(
      (await rpc('tryLocateTx', { source: wallet.address.toString(), destination: PAYEE.toString(), created_lt: lt }))
        .status,
    ).toBe(200);
    expect(
      (await rpc('tryLocateResultTx', { source: 'x', destination: PAYEE.toString(), created_lt: lt })).status,
    ).toBe(416);
    expect(
      (
        await rpc('tryLocateResultTx', {
          source: wallet.address.toString(),
          destination: PAYEE.toString(),
          created_lt: 'x',
        })
      ).status,
    ).toBe(400);
  });
});

describe('blocks: getWorkchainShards, getShardTransactions, getBlockTransactions', () => {
  test('each accepted message seals a block holding its transactions', async () => {
    const seqno = await client.open(wallet).getSeqno();
    await client.sendExternalMessage(wallet, transfer(seqno));
    const info = await client.getMasterchainInfo();
    expect(info.workchain).toBe(-1);
    const shards = await client.getWorkchainShards(info.latestSeqno);
    expect(shards).toEqual([{ workchain: 0, shard: '-9223372036854775808', seqno: info.latestSeqno }]);
    const txs = await client.getShardTransactions(0, info.latestSeqno, shards[0]!.shard);
    const accounts = txs.map((t) => t.account.toString());
    expect(accounts).toContain(wallet.address.toString());
    expect(accounts).toContain(PAYEE.toString());
    const last = (await client.getTransactions(wallet.address, { limit: 1 }))[0]!;
    expect(txs.find((t) => t.account.equals(wallet.address))).toMatchObject({
      lt: last.lt.toString(),
      hash: last.hash().toString('base64'),
    });
    // no masterchain transactions on the devnet; a block to come is not there yet
    expect(await client.getShardTransactions(-1, info.latestSeqno, '-9223372036854775808')).toEqual([]);
    await expect(client.getWorkchainShards(info.latestSeqno + 100)).rejects.toThrow(/status code 404/);
    expect((await rpc('shards', { seqno: info.latestSeqno + 100 })).body.error).toMatch(/^block \d+ not found/);
  });

  test('paging by count and after_lt/after_hash; the block hashes must match when given', async () => {
    const seqno = (await client.getMasterchainInfo()).latestSeqno;
    const q = { workchain: 0, shard: '-9223372036854775808', seqno };
    const all = (await rpc('getBlockTransactions', q)).body.result as {
      id: { root_hash: string };
      transactions: { account: string; lt: string }[];
      incomplete: boolean;
      req_count: number;
    };
    expect(all).toMatchObject({ '@type': 'blocks.transactions', incomplete: false, req_count: 40 });
    expect(all.transactions.length).toBeGreaterThanOrEqual(2);
    const first = (await rpc('getBlockTransactions', { ...q, count: 1 })).body.result as typeof all;
    expect(first.incomplete).toBe(true);
    expect(first.transactions).toEqual([all.transactions[0]]);
    const after = first.transactions[0]!;
    const rest = (
      await rpc('getBlockTransactions', {
        ...q,
        after_lt: after.lt,
        after_hash: Address.parseRaw(after.account).hash.toString('base64'),
      })
    ).body.result as typeof all;
    expect(rest.transactions).toEqual(all.transactions.slice(1));
    expect((await rpc('getBlockTransactions', { ...q, root_hash: all.id.root_hash })).status).toBe(200);
    expect((await rpc('getBlockTransactions', { ...q, root_hash: 'AA==' })).status).toBe(404);
    expect((await rpc('getBlockTransactions', { ...q, shard: '1' })).status).toBe(404);
    expect((await rpc('getBlockTransactions', { ...q, workchain: 5 })).status).toBe(400);
    expect((await rpc('shards', { seqno: -1 })).status).toBe(400);
  });

  test('transactions made on the sandbox directly (funding) land in a block too', async () => {
    const before = (await client.getMasterchainInfo()).latestSeqno;
    await chain.fund(PAYEE, toNano('1'));
    const now = (await client.getMasterchainInfo()).latestSeqno;
    expect(now).toBe(before + 1);
    const txs = await client.getShardTransactions(0, now, '-9223372036854775808');
    expect(txs.some((t) => t.account.equals(PAYEE))).toBe(true);
  });
});

describe('getWalletInformation and getConfigParam', () => {
  test('a v4r2 wallet: type, seqno and wallet id; a v5r1 wallet; a contract that is no wallet', async () => {
    const seqno = await client.open(wallet).getSeqno();
    const v4 = await rpc('getWalletInformation', { address: wallet.address.toString() });
    expect(v4.body.result).toMatchObject({
      wallet: true,
      wallet_type: 'wallet v4 r2',
      seqno,
      wallet_id: 698983191,
      account_state: 'active',
    });
    const v5 = WalletContractV5R1.create({ workchain: 0, publicKey: keys.publicKey });
    await chain.deployer.send({ to: v5.address, value: toNano('1'), init: v5.init, body: beginCell().endCell() });
    const r5 = (await rpc('getWalletInformation', { address: v5.address.toString() })).body.result as Record<
      string,
      unknown
    >;
    expect(r5).toMatchObject({ wallet: true, wallet_type: 'wallet v5 r1', seqno: 0 });
    expect(typeof r5.wallet_id).toBe('number');
    const reg = await rpc('getWalletInformation', { address: chain.registry.toString() });
    expect(reg.body.result).toMatchObject({ wallet: false, account_state: 'active' });
    expect(reg.body.result).not.toHaveProperty('wallet_type');
  });

  test('getConfigParam 19 answers the devnet global id in a tvm.cell', async () => {
    const r = await rpc('getConfigParam', { config_id: 19 });
    expect(r.body.result).toMatchObject({ '@type': 'configInfo', config: { '@type': 'tvm.cell' } });
    const cell = Cell.fromBase64((r.body.result as { config: { bytes: string } }).config.bytes);
    expect(cell.beginParse().loadInt(32)).toBe(NETWORK_GLOBAL_ID.devnet);
  });
});
