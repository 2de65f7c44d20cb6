/**
 * Real TDX quotes through the Linux configfs-tsm report interface (Documentation/ABI/testing/configfs-tsm,
 * kernel >= 6.7): create an entry under /sys/kernel/config/tsm/report, write the 64-byte REPORTDATA to `inblob`,
 * read the quote from `outblob`, and compare `generation` before and after: the kernel bumps it on every write
 * to the entry, so any value other than before + 1 means another process wrote to the same entry between our
 * write and our read, and the outblob may not be ours (retry; TSM_BUSY when retries run out). EBUSY from the
 * kernel on outblob is retried the same way. The entry is removed afterwards. `provider` must read `tdx_guest`.
 */
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { WorkerError } from '../errors';
import type { TdxQuoteProvider } from './types';

export const CONFIGFS_TSM_REPORT_ROOT = '/sys/kernel/config/tsm/report';

/** The filesystem operations the provider uses (injectable so a fake kernel can stand behind a temp dir). */
export interface TsmFs {
  mkdir(path: string): Promise<unknown>;
  rmdir(path: string): Promise<unknown>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<unknown>;
  access(path: string): Promise<unknown>;
}

const realFs: TsmFs = {
  mkdir: (p) => nodeFs.mkdir(p),
  rmdir: (p) => nodeFs.rmdir(p),
  readFile: (p) => nodeFs.readFile(p),
  writeFile: (p, d) => nodeFs.writeFile(p, d),
  access: (p) => nodeFs.access(p),
};

export interface ConfigfsTsmOptions {
  readonly root?: string;
  readonly fs?: TsmFs;
  /** Attempts on a generation race or EBUSY (default 3). */
  readonly retries?: number;
  /** Expected `provider` value (default `tdx_guest`; null skips the check). */
  readonly expectProvider?: string | null;
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

export function createConfigfsTsmProvider(opts: ConfigfsTsmOptions = {}): TdxQuoteProvider {
  const root = opts.root ?? CONFIGFS_TSM_REPORT_ROOT;
  const fs = opts.fs ?? realFs;
  const retries = opts.retries ?? 3;
  const expectProvider = opts.expectProvider === undefined ? 'tdx_guest' : opts.expectProvider;

  async function generation(entry: string): Promise<number> {
    const text = Buffer.from(await fs.readFile(join(entry, 'generation')))
      .toString('latin1')
      .trim();
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n))
      throw new WorkerError('TSM_REPORT_INVALID', 'generation is not a number');
    return n;
  }

  async function once(entry: string, reportData: Uint8Array): Promise<Uint8Array | 'race'> {
    const before = await generation(entry);
    await fs.writeFile(join(entry, 'inblob'), reportData);
    let out: Uint8Array;
    try {
      out = await fs.readFile(join(entry, 'outblob'));
    } catch (e) {
      if (errno(e) === 'EBUSY' || errno(e) === 'EAGAIN') return 'race';
      throw e;
    }
    const after = await generation(entry);
    if (after !== before + 1) return 'race';
    if (expectProvider !== null) {
      const p = Buffer.from(await fs.readFile(join(entry, 'provider')))
        .toString('latin1')
        .trim();
      if (p !== expectProvider)
        throw new WorkerError('TSM_REPORT_INVALID', `TSM provider is ${p}, expected ${expectProvider}`);
    }
    if (out.length < 48) throw new WorkerError('TSM_REPORT_INVALID', 'outblob too short to be a quote');
    return new Uint8Array(out);
  }

  return {
    kind: 'configfs-tsm',
    async getQuote(reportData: Uint8Array): Promise<Uint8Array> {
      if (!(reportData instanceof Uint8Array) || reportData.length !== 64)
        throw new RangeError('reportData must be 64 bytes');
      try {
        await fs.access(root);
      } catch (cause) {
        throw new WorkerError('TSM_UNAVAILABLE', `configfs-tsm not available at ${root}`, { cause });
      }
      const entry = join(root, `chrysalis-${process.pid}-${randomBytes(6).toString('hex')}`);
      try {
        await fs.mkdir(entry);
      } catch (cause) {
        throw new WorkerError('TSM_UNAVAILABLE', 'cannot create a configfs-tsm report entry', { cause });
      }
      try {
        for (let attempt = 0; attempt < retries; attempt++) {
          const r = await once(entry, reportData);
          if (r !== 'race') return r;
        }
        throw new WorkerError('TSM_BUSY', 'configfs-tsm generation kept changing under us', { details: { retries } });
      } catch (err) {
        if (err instanceof WorkerError) throw err;
        throw new WorkerError('TSM_REPORT_INVALID', 'configfs-tsm report failed', { cause: err });
      } finally {
        await fs.rmdir(entry).catch(() => undefined);
      }
    },
  };
}
