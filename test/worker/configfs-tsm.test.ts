import { mkdtempSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createConfigfsTsmProvider, type TsmFs } from '../../enclave-runtime/evidence';

/**
 * A fake configfs-tsm "kernel" over a temp dir: mkdir populates the entry's attributes, every inblob write bumps
 * `generation`, and reading `outblob` returns a fake quote over the current inblob.
 */
function fakeKernel(
  opts: { racesOnAttempts?: number; provider?: string; busyReads?: number } = {},
): TsmFs & { writes: number } {
  let races = opts.racesOnAttempts ?? 0;
  let busy = opts.busyReads ?? 0;
  const gen = async (entry: string, delta: number): Promise<void> => {
    const g = Number(await fsp.readFile(join(entry, 'generation'), 'utf8'));
    await fsp.writeFile(join(entry, 'generation'), `${g + delta}\n`);
  };
  const k: TsmFs & { writes: number } = {
    writes: 0,
    access: (p) => fsp.access(p),
    async mkdir(p) {
      await fsp.mkdir(p);
      await fsp.writeFile(join(p, 'generation'), '0\n');
      await fsp.writeFile(join(p, 'provider'), `${opts.provider ?? 'tdx_guest'}\n`);
    },
    async rmdir(p) {
      await fsp.rm(p, { recursive: true });
    },
    async writeFile(p, d) {
      await fsp.writeFile(p, d);
      if (basename(p) === 'inblob') {
        k.writes++;
        await gen(dirname(p), 1);
      }
    },
    async readFile(p) {
      if (basename(p) === 'outblob') {
        if (busy > 0) {
          busy--;
          throw Object.assign(new Error('busy'), { code: 'EBUSY' });
        }
        if (races > 0) {
          races--;
          await gen(dirname(p), 1); // another writer touched the entry meanwhile
        }
        const inblob = await fsp.readFile(join(dirname(p), 'inblob'));
        return Buffer.concat([Buffer.from('FAKE-TDX-QUOTE-V4'.padEnd(48, '.')), inblob]);
      }
      return fsp.readFile(p);
    },
  };
  return k;
}

function root(): string {
  const r = join(mkdtempSync(join(tmpdir(), 'tsm-')), 'tsm', 'report');
  mkdirSync(r, { recursive: true });
  return r;
}
const reportData = new Uint8Array(64).map((_, i) => i);
const code = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

describe('configfs-tsm provider against a fake tree', () => {
  test('success: writes inblob, returns outblob, removes the entry', async () => {
    const r = root();
    const fs = fakeKernel();
    const q = await createConfigfsTsmProvider({ root: r, fs }).getQuote(reportData);
    expect(Buffer.from(q.subarray(48)).equals(Buffer.from(reportData))).toBe(true);
    expect(fs.writes).toBe(1);
    expect(readdirSync(r)).toEqual([]);
  });

  test('busy generation race is retried, then succeeds', async () => {
    const fs = fakeKernel({ racesOnAttempts: 2 });
    const q = await createConfigfsTsmProvider({ root: root(), fs, retries: 3 }).getQuote(reportData);
    expect(q.length).toBe(112);
    expect(fs.writes).toBe(3);
  });

  test('EBUSY on outblob is retried', async () => {
    const fs = fakeKernel({ busyReads: 1 });
    await createConfigfsTsmProvider({ root: root(), fs }).getQuote(reportData);
    expect(fs.writes).toBe(2);
  });

  test('a race on every attempt: TSM_BUSY, entry removed', async () => {
    const r = root();
    expect(
      await code(
        createConfigfsTsmProvider({ root: r, fs: fakeKernel({ racesOnAttempts: 99 }), retries: 3 }).getQuote(
          reportData,
        ),
      ),
    ).toBe('TSM_BUSY');
    expect(readdirSync(r)).toEqual([]);
  });

  test('missing configfs: TSM_UNAVAILABLE (with the real fs too)', async () => {
    const missing = join(tmpdir(), 'definitely-not-configfs', 'tsm', 'report');
    expect(existsSync(missing)).toBe(false);
    expect(await code(createConfigfsTsmProvider({ root: missing }).getQuote(reportData))).toBe('TSM_UNAVAILABLE');
    expect(await code(createConfigfsTsmProvider({ root: missing, fs: fakeKernel() }).getQuote(reportData))).toBe(
      'TSM_UNAVAILABLE',
    );
  });

  test('a plain directory that is not configfs (no attributes appear): TSM_REPORT_INVALID', async () => {
    expect(await code(createConfigfsTsmProvider({ root: root() }).getQuote(reportData))).toBe('TSM_REPORT_INVALID');
  });

  test('another TSM provider (e.g. sev_guest) is refused', async () => {
    expect(
      await code(
        createConfigfsTsmProvider({ root: root(), fs: fakeKernel({ provider: 'sev_guest' }) }).getQuote(reportData),
      ),
    ).toBe('TSM_REPORT_INVALID');
  });

  test('report data must be 64 bytes', async () => {
    await expect(
      createConfigfsTsmProvider({ root: root(), fs: fakeKernel() }).getQuote(new Uint8Array(32)),
    ).rejects.toThrow(RangeError);
  });
});
