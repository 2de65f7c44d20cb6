/**
 * Shared by the devnet tests that run the programs as separate processes: whether `dist/` is built (they run the
 * compiled package), the `describe` to use, and one devnet per suite in a temporary data directory, on free ports,
 * with its progress lines kept and everything closed and removed after the suite.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevnet, type DevnetOptions, type RunningDevnet } from '../../devnet';
import { voucherKey } from '../../sdk';
import { SqliteVoucherStore } from '../../sdk/node';
import type { VoucherAccountState } from '../../sdk';

const ROOT = join(__dirname, '..', '..');
export const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'index.js'));

/** `describe`, or `describe.skip` with a warning naming `what` when `dist/` is missing. */
export function describeBuilt(what: string): jest.Describe {
  if (!BUILT) console.warn(`dist/ not built (run \`npm run build\`) — skipping the ${what}`);
  return BUILT ? describe : describe.skip;
}

export interface SuiteDevnet {
  /** The running devnet (set once `beforeAll` has run). */
  readonly dev: RunningDevnet;
  /** Its data directory. */
  readonly dir: string;
  /** Every progress line it printed so far. */
  readonly lines: string[];
  /** The last lines each program wrote (`<data-dir>/logs/`), for a failure message. */
  logTails(): string;
}

/**
 * Starts a devnet in `beforeAll` (temporary data directory, free ports, 2 ONNX workers unless `opts` says otherwise)
 * and closes and removes it in `afterAll`. Call at the top of a `describe` body.
 */
export function useDevnet(prefix: string, opts: Partial<DevnetOptions> & { readonly seed: string }): SuiteDevnet {
  let dev: RunningDevnet | undefined;
  let dir = '';
  const lines: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `chrysalis-${prefix}-`));
    dev = await startDevnet(
      {
        dataDir: dir,
        host: '127.0.0.1',
        gatewayPort: 0,
        brokerPort: 0,
        chainPort: 0,
        workers: 2,
        engine: 'onnx',
        settleIntervalMs: 0,
        ...opts,
      },
      (l) => lines.push(l),
    );
  });
  afterAll(async () => {
    await dev?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dev(): RunningDevnet {
      if (!dev) throw new Error('the devnet has not started');
      return dev;
    },
    get dir(): string {
      return dir;
    },
    lines,
    logTails: () =>
      readdirSync(join(dir, 'logs'))
        .map(
          (f) =>
            `${f}:\n${readFileSync(join(dir, 'logs', f), 'utf8')
              .trim()
              .split('\n')
              .slice(-8)
              .join('\n')}`,
        )
        .join('\n'),
  };
}

/** The client's voucher state on `channel` (default: the first broker's), read from the devnet's voucher store file. */
export async function readVoucherState(
  dev: RunningDevnet,
  channel = dev.info.clientChannel,
): Promise<VoucherAccountState> {
  const store = new SqliteVoucherStore(dev.info.voucherStoreFile);
  return store.read(voucherKey(channel, dev.info.globalId)).finally(() => store.close());
}
