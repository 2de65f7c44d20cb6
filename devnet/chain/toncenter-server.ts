/**
 * A toncenter API v2 compatible JSON-RPC server over an in-process `@ton/sandbox` Blockchain, so the SAME
 * chain code (`TonChainClient` = @ton/ton `TonClient`) serves the devnet and testnet/mainnet.
 *
 * SIMULATED: this is an emulator, not a TON node. Messages are applied immediately and synchronously when
 * `sendBoc` is called (a real node applies them a few seconds later); there are no blocks or proofs (block
 * ids are synthetic, one "block" per accepted external message); fees follow the sandbox's bundled config.
 *
 * Implemented methods (what @ton/ton's TonClient and HttpApi call, plus a few toncenter neighbours):
 * getAddressInformation, getAddressBalance, getAddressState, getWalletInformation, runGetMethod, sendBoc,
 * sendBocReturnHash, getTransactions, getMasterchainInfo, getConfigParam, estimateFee, shards,
 * getBlockTransactions, tryLocateResultTx (alias tryLocateTx), tryLocateSourceTx. Blocks are sealed by the server
 * (toncenter-blocks.ts); fees are emulated (toncenter-emulate.ts). POST `/jsonRPC` (also `/api/v2/jsonRPC`) with
 * `{id, jsonrpc, method, params}`, or GET `/<method>?param=...` (also under `/api/v2/`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Address, Cell, Dictionary, loadMessage } from '@ton/core';
import { type Blockchain, GetMethodError } from '@ton/sandbox';
import { parseStackIn, serializeStackOut, transactionJson } from '../../contracts/chain/toncenter-codec';
import { allTransactions, BlockError, BlockLedger, devnetBlockId } from './toncenter-blocks';
import { EmulateError, estimateFee, walletInformation } from './toncenter-emulate';

export interface ToncenterServer {
  /** JSON-RPC endpoint for `new TonClient({ endpoint })`. */
  readonly url: string;
  readonly port: number;
  /**
   * Fault injection: while down, every request gets 503 (a SIMULATED chain API outage; tests of resumption).
   * Returns how many requests have been refused so far, over all outages.
   */
  setOutage(down: boolean): number;
  close(): Promise<void>;
}

class RpcError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 1 << 20;

function nowOf(bc: Blockchain): number {
  return bc.now ?? Math.floor(Date.now() / 1000);
}

export function createDevnetRpc(bc: Blockchain): (method: string, params: Record<string, unknown>) => Promise<unknown> {
  const ledger = new BlockLedger(bc);
  const parseAddr = (v: unknown): Address => {
    try {
      return Address.parse(String(v));
    } catch {
      throw new RpcError(416, 'invalid address');
    }
  };

  async function addressInformation(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const address = parseAddr(params.address);
    const c = await bc.getContract(address);
    const st = c.accountState;
    let state = 'uninitialized';
    let code = '';
    let data = '';
    if (st?.type === 'active') {
      state = 'active';
      code = st.state.code ? st.state.code.toBoc().toString('base64') : '';
      data = st.state.data ? st.state.data.toBoc().toString('base64') : '';
    } else if (st?.type === 'frozen') {
      state = 'frozen';
    }
    const lt = c.lastTransactionLt;
    const hash = Buffer.from(c.lastTransactionHash.toString(16).padStart(64, '0'), 'hex');
    return {
      '@type': 'raw.fullAccountState',
      balance: c.balance.toString(),
      extra_currencies: [],
      code,
      data,
      state,
      frozen_hash: '',
      last_transaction_id: { '@type': 'internal.transactionId', lt: lt.toString(), hash: hash.toString('base64') },
      block_id: devnetBlockId(ledger.seqno, -1),
      sync_utime: nowOf(bc),
    };
  }

  const dispatch = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    switch (method) {
      case 'getAddressInformation':
        return addressInformation(params);
      case 'getAddressBalance':
        return (await addressInformation(params)).balance;
      case 'getAddressState':
        return (await addressInformation(params)).state;
      case 'getWalletInformation':
        return walletInformation(bc, parseAddr(params.address), await addressInformation(params));
      case 'estimateFee':
        return estimateFee(bc, parseAddr(params.address), params);
      case 'shards':
        return ledger.shards(params);
      case 'getBlockTransactions':
        return ledger.blockTransactions(params);
      case 'tryLocateTx':
      case 'tryLocateResultTx':
        return ledger.locate(params, 'result');
      case 'tryLocateSourceTx':
        return ledger.locate(params, 'source');
      case 'runGetMethod': {
        const address = parseAddr(params.address);
        const m = params.method;
        const method = typeof m === 'number' ? m : /^\d+$/.test(String(m)) ? Number(m) : String(m);
        let stack;
        try {
          stack = parseStackIn(params.stack);
        } catch {
          throw new RpcError(400, 'invalid stack');
        }
        const c = await bc.getContract(address);
        if (c.accountState?.type !== 'active')
          return { '@type': 'smc.runResult', gas_used: 0, exit_code: -13, stack: [] };
        try {
          const r = await bc.runGetMethod(address, method, stack);
          return {
            '@type': 'smc.runResult',
            gas_used: Number(r.gasUsed),
            exit_code: r.exitCode,
            stack: serializeStackOut(r.stack),
          };
        } catch (err) {
          if (err instanceof GetMethodError)
            return { '@type': 'smc.runResult', gas_used: Number(err.gasUsed), exit_code: err.exitCode, stack: [] };
          throw err;
        }
      }
      case 'sendBoc':
      case 'sendBocReturnHash': {
        let cell: Cell;
        try {
          const c = Cell.fromBase64(String(params.boc));
          cell = c;
        } catch {
          throw new RpcError(400, 'invalid boc');
        }
        const msg = loadMessage(cell.beginParse());
        if (msg.info.type !== 'external-in') throw new RpcError(400, 'only external-in messages can be sent');
        try {
          await bc.sendMessage(msg);
        } catch (err) {
          throw new RpcError(
            500,
            `cannot apply external message: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
          );
        }
        ledger.sync();
        return method === 'sendBoc'
          ? { '@type': 'ok' }
          : { '@type': 'raw.extMessageInfo', hash: cell.hash().toString('base64') };
      }
      case 'getTransactions': {
        const address = parseAddr(params.address);
        const limit = Math.max(1, Math.min(1000, Number(params.limit ?? 10) || 10));
        const account = BigInt('0x' + address.hash.toString('hex'));
        let txs = allTransactions(bc)
          .filter((t) => t.address === account)
          .slice()
          .sort((a, b) => (a.lt < b.lt ? 1 : -1));
        if (params.lt !== undefined && params.lt !== null && params.lt !== '') {
          const lt = BigInt(String(params.lt));
          txs = txs.filter((t) => t.lt <= lt);
          if (params.hash) {
            const h = String(params.hash);
            const hex = /^[0-9a-fA-F]{64}$/.test(h) ? h.toLowerCase() : Buffer.from(h, 'base64').toString('hex');
            const first = txs[0];
            if (!first || first.lt !== lt || first.hash().toString('hex') !== hex)
              throw new RpcError(500, 'transaction not found');
          }
        }
        if (params.to_lt !== undefined && params.to_lt !== null && String(params.to_lt) !== '0') {
          const toLt = BigInt(String(params.to_lt));
          txs = txs.filter((t) => t.lt > toLt);
        }
        return txs.slice(0, limit).map(transactionJson);
      }
      case 'getConfigParam': {
        const id = Number(params.config_id);
        if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) throw new RpcError(400, 'invalid config_id');
        const dict = Dictionary.loadDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell(), bc.config);
        const p = dict.get(id);
        if (!p) throw new RpcError(404, `config param ${id} not found`);
        return { '@type': 'configInfo', config: { '@type': 'tvm.cell', bytes: p.toBoc().toString('base64') } };
      }
      case 'getMasterchainInfo':
        return {
          '@type': 'blocks.masterchainInfo',
          last: devnetBlockId(ledger.seqno, -1),
          init: devnetBlockId(0, -1),
          state_root_hash: Buffer.alloc(32).toString('base64'),
        };
      default:
        throw new RpcError(404, `method ${method} is not implemented by the devnet (SIMULATED toncenter subset)`);
    }
  };
  return async (method, params) => {
    // Transactions made straight on the sandbox (devnet funding, channel opens) become a block before any answer.
    ledger.sync();
    try {
      return await dispatch(method, params);
    } catch (err) {
      if (err instanceof BlockError || err instanceof EmulateError) throw new RpcError(err.status, err.message);
      throw err;
    }
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new RpcError(413, 'request too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the toncenter-compatible server on `host:port` (default 127.0.0.1, a free port). */
export async function startToncenterServer(
  bc: Blockchain,
  opts: { host?: string; port?: number } = {},
): Promise<ToncenterServer> {
  const rpc = createDevnetRpc(bc);
  const host = opts.host ?? '127.0.0.1';
  // One request at a time: the sandbox mutates shared state.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  let outage = false;
  let refused = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      let id: unknown = '1';
      try {
        if (outage) {
          refused++;
          throw new RpcError(503, 'chain API outage (SIMULATED by the devnet)');
        }
        const url = new URL(req.url ?? '/', 'http://devnet');
        const path = url.pathname.replace(/^\/api\/v2/, '');
        let method: string;
        let params: Record<string, unknown>;
        if (req.method === 'POST' && (path === '/jsonRPC' || path === '/')) {
          const body = JSON.parse(await readBody(req)) as { id?: unknown; method?: unknown; params?: unknown };
          id = body.id ?? '1';
          if (typeof body.method !== 'string') throw new RpcError(400, 'method missing');
          method = body.method;
          params = (body.params && typeof body.params === 'object' ? body.params : {}) as Record<string, unknown>;
        } else if (req.method === 'GET' && path.length > 1) {
          method = path.slice(1);
          params = Object.fromEntries(url.searchParams.entries());
        } else {
          throw new RpcError(404, 'not found');
        }
        const result = await serial(() => rpc(method, params));
        reply(res, 200, { ok: true, result, id, jsonrpc: '2.0' });
      } catch (err) {
        const status = err instanceof RpcError ? err.status : err instanceof SyntaxError ? 400 : 500;
        const message = err instanceof Error ? err.message : String(err);
        reply(res, [400, 404, 413, 416, 503].includes(status) ? status : 500, {
          ok: false,
          error: message,
          code: status,
          id,
          jsonrpc: '2.0',
        });
      }
    })();
  });
  // Idle keep-alive sockets outlive the clients' (Node's global agent and axios drop theirs after 5 s): a server that
  // closed first would race a client reusing the socket and reset its request (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostForUrl}:${port}/jsonRPC`,
    port,
    setOutage: (down) => {
      outage = down;
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
