/**
 * The SIMULATED toncenter server over a fresh @ton/sandbox chain, called over loopback HTTP: every implemented method
 * in its JSON-RPC and GET forms, the error statuses (bad address, stack, boc, message kind, unknown method, malformed
 * or oversized bodies), transaction paging by lt/hash/to_lt, and get-method failures.
 */
import { Address, beginCell, Cell, external, storeMessage, toNano } from '@ton/core';
import { WalletContractV4 } from '@ton/ton';
import { Blockchain, type SandboxContract, type TreasuryContract } from '@ton/sandbox';
import { startDevnetChain, startToncenterServer, type ToncenterServer } from '../../devnet/chain';
import { configWithGlobalId, globalIdOfConfig, NETWORK_GLOBAL_ID } from '../../contracts';

let bc: Blockchain;
let server: ToncenterServer;
let alice: SandboxContract<TreasuryContract>;
let bob: SandboxContract<TreasuryContract>;
let wallet: WalletContractV4;
const NOBODY = new Address(0, Buffer.alloc(32, 0x5e));

beforeAll(async () => {
  bc = await Blockchain.create();
  alice = await bc.treasury('alice');
  bob = await bc.treasury('bob');
  await alice.send({ to: bob.address, value: toNano('1') });
  await alice.send({ to: bob.address, value: toNano('2') });
  wallet = WalletContractV4.create({ workchain: 0, publicKey: Buffer.alloc(32, 0x11) });
  await alice.send({ to: wallet.address, value: toNano('1'), init: wallet.init });
  server = await startToncenterServer(bc);
});
afterAll(async () => {
  await server.close();
});

interface RpcReply {
  status: number;
  body: { ok: boolean; result?: unknown; error?: string; code?: number; id?: unknown };
}

async function rpc(method: unknown, params?: unknown, path = '/jsonRPC', id: unknown = 7): Promise<RpcReply> {
  const res = await fetch(`${server.url.replace(/\/jsonRPC$/, '')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, jsonrpc: '2.0', method, params }),
  });
  return { status: res.status, body: (await res.json()) as RpcReply['body'] };
}

async function get(path: string): Promise<RpcReply> {
  const res = await fetch(`${server.url.replace(/\/jsonRPC$/, '')}${path}`);
  return { status: res.status, body: (await res.json()) as RpcReply['body'] };
}

describe('toncenter devnet server: account methods', () => {
  test('an active wallet: balance, state, code and data; the same over GET and under /api/v2', async () => {
    const r = await rpc('getAddressInformation', { address: alice.address.toString() });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(7);
    const info = r.body.result as Record<string, unknown>;
    expect(info.state).toBe('active');
    expect(String(info.code).length).toBeGreaterThan(0);
    // `code` is the BoC of the account's code: its root hash is what ChainClient.getCodeHash compares.
    const st = (await bc.getContract(alice.address)).accountState;
    expect(st?.type === 'active' && st.state.code?.hash()).toEqual(Cell.fromBase64(String(info.code)).hash());
    expect(BigInt(info.balance as string)).toBeGreaterThan(0n);
    const g = await get(`/api/v2/getAddressBalance?address=${encodeURIComponent(alice.address.toString())}`);
    expect(g.body.result).toBe(info.balance);
    expect(
      (await rpc('getAddressState', { address: alice.address.toRawString() }, '/api/v2/jsonRPC')).body.result,
    ).toBe('active');
  });

  test('an address nobody deployed is uninitialised; wallet information carries balance and state', async () => {
    const w = await rpc('getWalletInformation', { address: NOBODY.toString() });
    expect(w.body.result).toMatchObject({ wallet: false, balance: '0', account_state: 'uninitialized' });
    const info = (await rpc('getAddressInformation', { address: NOBODY.toString() })).body.result as Record<
      string,
      unknown
    >;
    expect([info.code, info.data]).toEqual(['', '']);
  });

  test('a malformed address: 416', async () => {
    const r = await rpc('getAddressInformation', { address: 'not-an-address' });
    expect(r.status).toBe(416);
    expect(r.body.ok).toBe(false);
  });

  test('get methods: by name and by number, a missing method, an inactive account, a bad stack', async () => {
    const seqno = await rpc('runGetMethod', { address: wallet.address.toString(), method: 'seqno', stack: [] });
    expect(seqno.body.result).toMatchObject({ '@type': 'smc.runResult', exit_code: 0 });
    expect((seqno.body.result as { stack: unknown[] }).stack).toHaveLength(1);
    const byId = await rpc('runGetMethod', { address: wallet.address.toString(), method: '85143', stack: [] });
    expect((byId.body.result as { exit_code: number }).exit_code).toBe(0);
    const missing = await rpc('runGetMethod', {
      address: alice.address.toString(),
      method: 'no_such_method',
      stack: [],
    });
    expect((missing.body.result as { exit_code: number }).exit_code).not.toBe(0);
    const inactive = await rpc('runGetMethod', { address: NOBODY.toString(), method: 'seqno', stack: [] });
    expect((inactive.body.result as { exit_code: number }).exit_code).toBe(-13);
    const bad = await rpc('runGetMethod', { address: alice.address.toString(), method: 'seqno', stack: [[1, 2]] });
    expect(bad.status).toBe(400);
  });

  test('getMasterchainInfo answers a synthetic block id', async () => {
    const r = await get('/getMasterchainInfo');
    expect(r.body.result).toMatchObject({ '@type': 'blocks.masterchainInfo' });
  });

  test('getConfigParam: param 19 is the global id; a missing param 404, a bad id 400', async () => {
    const param19 = async (): Promise<number> => {
      const r = await get('/getConfigParam?config_id=19');
      expect(r.status).toBe(200);
      const cfg = (r.body.result as { config: { bytes: string } }).config;
      return Cell.fromBase64(cfg.bytes).beginParse().loadInt(32);
    };
    expect(await param19()).toBe(globalIdOfConfig(bc.config));
    const saved = bc.config;
    try {
      bc.setConfig(configWithGlobalId(saved, NETWORK_GLOBAL_ID.devnet));
      expect(await param19()).toBe(NETWORK_GLOBAL_ID.devnet);
      expect(globalIdOfConfig(bc.config)).toBe(NETWORK_GLOBAL_ID.devnet);
    } finally {
      bc.setConfig(saved);
    }
    expect((await rpc('getConfigParam', { config_id: 999_999 })).status).toBe(404);
    expect((await rpc('getConfigParam', { config_id: 'x' })).status).toBe(400);
  });
});

describe('startDevnetChain', () => {
  test('sets config param 19 to the devnet global id (or the one asked for) and answers code hashes', async () => {
    const dev = await startDevnetChain({});
    const other = await startDevnetChain({ globalId: NETWORK_GLOBAL_ID.testnet });
    try {
      expect(dev.globalId).toBe(NETWORK_GLOBAL_ID.devnet);
      expect(globalIdOfConfig(dev.blockchain.config)).toBe(NETWORK_GLOBAL_ID.devnet);
      expect(globalIdOfConfig(other.blockchain.config)).toBe(NETWORK_GLOBAL_ID.testnet);
      expect(await dev.getCodeHash(dev.registry)).toEqual(new Uint8Array(dev.codes.registry.hash()));
      expect(await dev.getCodeHash(NOBODY)).toBeNull();
    } finally {
      await other.close();
      await dev.close();
    }
  });
});

describe('toncenter devnet server: transactions', () => {
  test('newest first, limited; paging from an lt with its hash (hex or base64), and down to to_lt', async () => {
    const all = (await rpc('getTransactions', { address: bob.address.toString(), limit: 10 })).body.result as {
      transaction_id: { lt: string; hash: string };
    }[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    const lts = all.map((t) => BigInt(t.transaction_id.lt));
    expect([...lts].sort((a, b) => (a < b ? 1 : -1))).toEqual(lts);
    expect(
      ((await rpc('getTransactions', { address: bob.address.toString(), limit: 1 })).body.result as unknown[]).length,
    ).toBe(1);
    const second = all[1]!.transaction_id;
    const from = (await rpc('getTransactions', { address: bob.address.toString(), lt: second.lt, hash: second.hash }))
      .body.result as { transaction_id: { lt: string } }[];
    expect(from[0]!.transaction_id.lt).toBe(second.lt);
    const hex = Buffer.from(second.hash, 'base64').toString('hex');
    expect((await rpc('getTransactions', { address: bob.address.toString(), lt: second.lt, hash: hex })).status).toBe(
      200,
    );
    const newer = (await rpc('getTransactions', { address: bob.address.toString(), to_lt: second.lt })).body.result as {
      transaction_id: { lt: string };
    }[];
    expect(newer.every((t) => BigInt(t.transaction_id.lt) > BigInt(second.lt))).toBe(true);
    expect(newer.length).toBe(1);
    const noHash = (
      await get(`/getTransactions?address=${encodeURIComponent(bob.address.toString())}&lt=${second.lt}&to_lt=0`)
    ).body.result as unknown[];
    expect(noHash.length).toBe(all.length - 1);
  });

  test('an lt with a hash that does not match: 500 transaction not found', async () => {
    const all = (await rpc('getTransactions', { address: bob.address.toString() })).body.result as {
      transaction_id: { lt: string };
    }[];
    const r = await rpc('getTransactions', {
      address: bob.address.toString(),
      lt: all[0]!.transaction_id.lt,
      hash: '00'.repeat(32),
    });
    expect(r.status).toBe(500);
    expect(r.body.error).toBe('transaction not found');
  });
});

describe('toncenter devnet server: sendBoc and request errors', () => {
  const boc = (cell: Cell): string => cell.toBoc().toString('base64');

  test('a boc that does not parse: 400; an internal message: 400; a message the chain refuses: 500', async () => {
    expect((await rpc('sendBoc', { boc: 'not base64 boc' })).status).toBe(400);
    const int = beginCell()
      .store(
        storeMessage({
          info: {
            type: 'internal',
            src: alice.address,
            dest: bob.address,
            value: { coins: 1n },
            bounce: false,
            bounced: false,
            ihrDisabled: true,
            ihrFee: 0n,
            forwardFee: 0n,
            createdLt: 0n,
            createdAt: 0,
          },
          body: Cell.EMPTY,
        }),
      )
      .endCell();
    expect((await rpc('sendBoc', { boc: boc(int) })).status).toBe(400);
    const ext = beginCell()
      .store(storeMessage(external({ to: NOBODY, body: beginCell().storeUint(1, 32).endCell() })))
      .endCell();
    const refused = await rpc('sendBocReturnHash', { boc: boc(ext) });
    expect(refused.status).toBe(500);
    expect(refused.body.error).toMatch(/^cannot apply external message/);
  });

  test.each<[string, () => Promise<RpcReply>, number]>([
    ['an unknown method', () => rpc('getBlockHeader', {}), 404],
    ['no method', () => rpc(undefined, {}), 400],
    ['params that are not an object (treated as none): a missing address', () => rpc('getAddressState', 'x'), 416],
    ['GET at the root', () => get('/'), 404],
  ])('%s: %s', async (_name, call, status) => {
    const r = await call();
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ ok: false, code: status });
  });

  test('a body that is not JSON: 400; a body over 1 MiB: 413; a PUT: 404', async () => {
    const base = server.url.replace(/\/jsonRPC$/, '');
    const notJson = await fetch(`${base}/jsonRPC`, { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    const big = await fetch(`${base}/jsonRPC`, { method: 'POST', body: 'x'.repeat((1 << 20) + 10) }).then(
      (r) => r.status,
      () => 'connection cut',
    );
    expect([413, 'connection cut']).toContain(big);
    const put = await fetch(`${base}/jsonRPC`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(404);
    // the server still answers afterwards
    expect((await get('/getMasterchainInfo')).status).toBe(200);
  });
});

describe('toncenter devnet server: a SIMULATED outage', () => {
  afterEach(() => {
    server.setOutage(false);
  });

  test('while down every request (POST and GET) gets 503 with a JSON error and is counted; up again it answers', async () => {
    const before = server.setOutage(true);
    const post = await rpc('getAddressBalance', { address: alice.address.toString() });
    expect(post.status).toBe(503);
    expect(post.body).toMatchObject({ ok: false, code: 503 });
    expect(post.body.error).toMatch(/outage/);
    const g = await get(`/getAddressBalance?address=${encodeURIComponent(alice.address.toString())}`);
    expect(g.status).toBe(503);
    expect(g.body.ok).toBe(false);
    // Even a request that would be malformed is refused before it is read.
    expect((await rpc(42)).status).toBe(503);
    expect(server.setOutage(true)).toBe(before + 3);
    expect(server.setOutage(false)).toBe(before + 3);
    const ok = await rpc('getAddressBalance', { address: alice.address.toString() });
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(BigInt(ok.body.result as string)).toBeGreaterThan(0n);
    // Requests served while up are not counted.
    expect(server.setOutage(false)).toBe(before + 3);
  });
});
