/**
 * Voucher stores: the reservation rule (sign only when owed + every reservation outgrows what is signed, for exactly
 * that target, at seq + 1), sweeping of a crashed process's reservations, adoption of a broker-held voucher, and the
 * SQLite store shared by several stores in one process and by several processes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryVoucherStore, voucherKey, type SignAt, type VoucherStore } from '../../sdk/voucher-state';
import {
  SqliteVoucherStore,
  VOUCHER_STORE_FILE,
  defaultDataDir,
  openVoucherStore,
  voucherStorePath,
} from '../../sdk/voucher-store';
import { CHANNEL, GLOBAL_ID } from './fixtures';

const KEY = voucherKey(CHANNEL, GLOBAL_ID);
const at = (id: string, amountNano: bigint, nowMs = 1_000) => ({ id, amountNano, nowMs, staleAfterMs: 60_000 });

function recordingSigner(): { sign: SignAt; signed: { amount: bigint; seq: bigint }[] } {
  const signed: { amount: bigint; seq: bigint }[] = [];
  return {
    signed,
    sign: async (amount, seq) => {
      signed.push({ amount, seq });
      return { voucher: Uint8Array.of(Number(seq % 256n)), signature: new Uint8Array(64).fill(Number(amount % 256n)) };
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chrysalis-vstore-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['MemoryVoucherStore', (): VoucherStore => new MemoryVoucherStore()],
  ['SqliteVoucherStore', (): VoucherStore => new SqliteVoucherStore(join(dir, 'v.sqlite'))],
])('%s', (_name, open) => {
  it('signs exactly owed + reservations at seq + 1, and only when that outgrows what is signed', async () => {
    const store = open();
    const s = recordingSigner();
    const a = await store.reserve(KEY, at('a', 10n), s.sign);
    expect(a.signed).toMatchObject({ amountNano: 10n, seq: 1n });
    const b = await store.reserve(KEY, at('b', 20n), s.sign);
    expect(b.signed).toMatchObject({ amountNano: 30n, seq: 2n });
    expect(b.state).toMatchObject({ vouchedNano: 30n, seq: 2n, owedNano: 0n, reservedNano: 30n });
    expect((await store.settle(KEY, 'a', 4n)).owedNano).toBe(4n);
    // 4 owed + 20 (b) + 10 (c) = 34 > 30: a new voucher for exactly 34.
    const c = await store.reserve(KEY, at('c', 10n), s.sign);
    expect(c.signed).toMatchObject({ amountNano: 34n, seq: 3n });
    await store.release(KEY, 'b');
    // 4 + 10 (c) + 5 (d) = 19 <= 34: covered, nothing signed.
    const d = await store.reserve(KEY, at('d', 5n), s.sign);
    expect(d.signed).toBeUndefined();
    expect(d.state).toMatchObject({ vouchedNano: 34n, seq: 3n, owedNano: 4n, reservedNano: 15n });
    expect(d.state.lastVoucher).toMatchObject({ amountNano: 34n, seq: 3n });
    expect(s.signed).toEqual([
      { amount: 10n, seq: 1n },
      { amount: 30n, seq: 2n },
      { amount: 34n, seq: 3n },
    ]);
    // Another network is another account.
    expect(await store.read(voucherKey(CHANNEL, -239))).toMatchObject({ vouchedNano: 0n, seq: 0n, reservedNano: 0n });
    store.close?.();
  });

  it('keeps nothing when signing fails', async () => {
    const store = open();
    await expect(
      store.reserve(KEY, at('a', 10n), async () => {
        throw new Error('no key');
      }),
    ).rejects.toThrow('no key');
    expect(await store.read(KEY)).toEqual({ vouchedNano: 0n, seq: 0n, owedNano: 0n, reservedNano: 0n });
    store.close?.();
  });

  it("sweeps reservations older than the stale limit (a crashed process's) before computing the target", async () => {
    const store = open();
    const s = recordingSigner();
    await store.reserve(KEY, { id: 'dead', amountNano: 50n, nowMs: 0, staleAfterMs: 1_000 }, s.sign);
    const r = await store.reserve(KEY, { id: 'live', amountNano: 10n, nowMs: 5_000, staleAfterMs: 1_000 }, s.sign);
    expect(r.signed).toBeUndefined();
    expect(r.state.reservedNano).toBe(10n);
    store.close?.();
  });

  it('adopts a voucher signed earlier: vouched and seq move forward only, owed rises to the vouched amount', async () => {
    const store = open();
    const v = { voucher: Uint8Array.of(1), signature: new Uint8Array(64), amountNano: 70n, seq: 9n };
    expect(await store.adopt(KEY, v)).toMatchObject({ vouchedNano: 70n, seq: 9n, owedNano: 70n, lastVoucher: v });
    const older = { ...v, amountNano: 60n, seq: 8n };
    expect(await store.adopt(KEY, older)).toMatchObject({ vouchedNano: 70n, seq: 9n, owedNano: 70n });
    const s = recordingSigner();
    expect((await store.reserve(KEY, at('a', 5n), s.sign)).signed).toMatchObject({ amountNano: 75n, seq: 10n });
    store.close?.();
  });

  it('adopting the voucher it already holds keeps owed at the receipts: a sync gives no prepaid credit away', async () => {
    const store = open();
    const s = recordingSigner();
    const r = await store.reserve(KEY, at('a', 100n), s.sign); // prepays 100
    await store.settle(KEY, 'a', 30n); // the receipt says 30
    const held = r.signed!;
    expect(await store.adopt(KEY, held)).toMatchObject({ vouchedNano: 100n, owedNano: 30n });
    // The 70 prepaid and not spent still covers the next reservation: nothing new is signed for 50.
    expect((await store.reserve(KEY, at('b', 50n), s.sign)).signed).toBeUndefined();
    store.close?.();
  });

  it('serialises concurrent reservations: seqs never repeat and amounts only grow', async () => {
    const store = open();
    const s = recordingSigner();
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const id = `r${i}`;
        await store.reserve(KEY, at(id, BigInt(10 + i)), s.sign);
        await store.settle(KEY, id, BigInt(i));
      }),
    );
    const seqs = s.signed.map((x) => x.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    for (let i = 1; i < s.signed.length; i++) {
      expect(s.signed[i]!.seq).toBe(s.signed[i - 1]!.seq + 1n);
      expect(s.signed[i]!.amount > s.signed[i - 1]!.amount).toBe(true);
    }
    const st = await store.read(KEY);
    expect(st).toMatchObject({ owedNano: 66n, reservedNano: 0n, seq: BigInt(s.signed.length) });
    expect(st.vouchedNano >= st.owedNano).toBe(true);
    store.close?.();
  });
});

describe('SqliteVoucherStore file sharing', () => {
  it('defaults to <data dir>/vouchers.sqlite with the data dir from CHRYSALIS_DATA_DIR, else ~/.chrysalis', () => {
    expect(defaultDataDir({ CHRYSALIS_DATA_DIR: dir })).toBe(dir);
    expect(defaultDataDir({})).toMatch(/\.chrysalis$/);
    expect(voucherStorePath(dir)).toBe(join(dir, VOUCHER_STORE_FILE));
    const s = openVoucherStore(join(dir, 'nested'));
    expect(s.path).toBe(join(dir, 'nested', VOUCHER_STORE_FILE));
    s.close();
  });

  it('two stores on one file in one process share the state and never reuse a seq', async () => {
    const path = join(dir, 'shared.sqlite');
    const a = new SqliteVoucherStore(path);
    const b = new SqliteVoucherStore(path);
    const s = recordingSigner();
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const store = i % 2 === 0 ? a : b;
        await store.reserve(KEY, at(`x${i}`, 7n), s.sign);
        await store.settle(KEY, `x${i}`, 3n);
      }),
    );
    const seqs = s.signed.map((x) => x.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(await a.read(KEY)).toEqual(await b.read(KEY));
    expect((await b.read(KEY)).owedNano).toBe(30n);
    a.close();
    b.close();
  });

  it('two processes on one file never reuse a seq; cumulative amounts grow with seq', async () => {
    const path = join(dir, 'procs.sqlite');
    const script = join(dir, 'child.js');
    const storeTs = require.resolve('../../sdk/voucher-store.ts');
    const stateTs = require.resolve('../../sdk/voucher-state.ts');
    // A child Node process loading the TypeScript store through a transpile-only require hook.
    writeFileSync(
      script,
      `const ts = require(${JSON.stringify(require.resolve('typescript'))});
const fs = require('node:fs');
require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, f);
const { SqliteVoucherStore } = require(${JSON.stringify(storeTs)});
const { voucherKey } = require(${JSON.stringify(stateTs)});
(async () => {
  const [path, tag, n] = process.argv.slice(2);
  const store = new SqliteVoucherStore(path);
  const key = voucherKey(${JSON.stringify(CHANNEL)}, ${GLOBAL_ID});
  for (let i = 0; i < Number(n); i++) {
    const id = tag + i;
    await store.reserve(key, { id, amountNano: 9n, nowMs: Date.now(), staleAfterMs: 600000 }, async (amount, seq) => {
      await new Promise((r) => setTimeout(r, 1));
      process.stdout.write(JSON.stringify({ amount: amount.toString(), seq: seq.toString() }) + '\\n');
      return { voucher: Uint8Array.of(1), signature: new Uint8Array(64) };
    });
    await store.settle(key, id, 4n);
  }
  store.close();
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    const run = (tag: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const p = spawn(process.execPath, [script, path, tag, '15'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child ${tag} exited ${code}: ${err}`))));
      });
    const outs = await Promise.all([run('p'), run('q')]);
    const signed = outs
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { amount: string; seq: string })
      .map((x) => ({ amount: BigInt(x.amount), seq: BigInt(x.seq) }))
      .sort((x, y) => (x.seq < y.seq ? -1 : 1));
    expect(new Set(signed.map((x) => x.seq)).size).toBe(signed.length);
    signed.forEach((x, i) => {
      expect(x.seq).toBe(BigInt(i + 1));
      if (i > 0) expect(x.amount > signed[i - 1]!.amount).toBe(true);
    });
    const store = new SqliteVoucherStore(path);
    const st = await store.read(KEY);
    expect(st).toMatchObject({ owedNano: 120n, reservedNano: 0n, seq: BigInt(signed.length) });
    expect(st.vouchedNano).toBe(signed[signed.length - 1]!.amount);
    store.close();
  }, 60_000);
});
