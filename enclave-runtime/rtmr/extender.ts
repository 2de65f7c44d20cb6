import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  runtimeEventDigest,
  replayRuntimeLog,
  encodeRuntimeEvent,
  runtimeEventToJson,
  type RuntimeEvent,
} from '../../attestation/eventlog';
import { RtmrError } from './errors';

/**
 * RTMR3 extension for chrysalis runtime events (reference tdx-measurement.md §5).
 *
 * - kernel: Linux >= 6.16 `tdx_guest` driver, `/sys/class/misc/tdx_guest/measurements/rtmr3:sha384`; writing exactly
 *   48 bytes at offset 0 extends RTMR3 via TDG.MR.RTMR.EXTEND; reading returns the current value. The kernel keeps no
 *   log, so the extender keeps the records (and, with `journalPath`, appends each one durably BEFORE extending: a
 *   record without an extend makes replay fail, which is safe; an extend without a record would make the worker
 *   unverifiable until reboot).
 * - simulated: SIMULATED in-memory register for the devnet; same records, same replay, no hardware.
 */
export const RTMR3_SYSFS_PATH = 'sys/class/misc/tdx_guest/measurements/rtmr3:sha384';

export interface Rtmr3Extender {
  readonly kind: 'kernel' | 'simulated';
  /** Record the event, then extend RTMR3 with its digest. Extends are serialised. @throws RtmrError */
  extend(event: RuntimeEvent): Promise<void>;
  /** The records so far, in extend order (ship these in the evidence bundle). */
  events(): RuntimeEvent[];
  /** RTMR3 as the records replay it (from 48 zero bytes). */
  value(): Uint8Array;
  /** kernel: the register as the driver reports it; simulated: same as value(). */
  readRegister(): Promise<Uint8Array>;
}

export interface Rtmr3ExtenderOptions {
  readonly kind: 'kernel' | 'simulated';
  /** Filesystem root holding `sys/` (default '/'); tests point it at a fake tree. */
  readonly root?: string;
  /**
   * kernel only: read RTMR3 before the first extend (must be zero) and after each extend (must equal the replay of
   * the records). Default true; a fake tree of plain files cannot emulate the extend, so tests turn it off.
   */
  readonly verifyReadback?: boolean;
  /** Append each record as one JSON line (fsync'd) before extending. */
  readonly journalPath?: string;
}

const ZERO = new Uint8Array(48);
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

async function journal(path: string, e: RuntimeEvent): Promise<void> {
  try {
    const fh = await open(path, 'a', 0o600);
    try {
      await fh.write(`${JSON.stringify(runtimeEventToJson(e))}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new RtmrError('RTMR_JOURNAL_FAILED', `cannot write the RTMR3 record journal: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** @throws RtmrError (from extend/readRegister), TypeError for bad options */
export function createRtmr3Extender(opts: Rtmr3ExtenderOptions): Rtmr3Extender {
  if (opts.kind !== 'kernel' && opts.kind !== 'simulated')
    throw new TypeError(`unknown RTMR3 extender kind ${String(opts.kind)}`);
  const records: RuntimeEvent[] = [];
  let broken = false;
  let queue: Promise<void> = Promise.resolve();
  const path = join(opts.root ?? '/', RTMR3_SYSFS_PATH);
  const readback = opts.kind === 'kernel' && (opts.verifyReadback ?? true);

  async function readKernel(): Promise<Uint8Array> {
    try {
      const b = new Uint8Array(await readFile(path));
      if (b.length < 48) throw new RtmrError('RTMR_INTERFACE_MISSING', `${path} returned ${b.length} bytes`);
      return b.subarray(0, 48);
    } catch (err) {
      if (err instanceof RtmrError) throw err;
      throw new RtmrError('RTMR_INTERFACE_MISSING', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  async function writeKernel(digest: Uint8Array): Promise<void> {
    let fh;
    try {
      fh = await open(path, 'r+');
    } catch (err) {
      throw new RtmrError('RTMR_INTERFACE_MISSING', `cannot open ${path}: ${(err as Error).message}`, { cause: err });
    }
    try {
      const { bytesWritten } = await fh.write(digest, 0, 48, 0);
      if (bytesWritten !== 48) throw new Error(`short write (${bytesWritten} bytes)`);
    } catch (err) {
      throw new RtmrError('RTMR_EXTEND_FAILED', `RTMR3 extend failed: ${(err as Error).message}`, { cause: err });
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  async function doExtend(e: RuntimeEvent): Promise<void> {
    if (broken) throw new RtmrError('RTMR_EXTENDER_BROKEN', 'a previous RTMR3 extend failed; restart the VM');
    encodeRuntimeEvent(e); // validates (RuntimeEventError) before anything is recorded
    const digest = runtimeEventDigest(e);
    if (opts.kind === 'kernel' && readback && records.length === 0) {
      const cur = await readKernel();
      if (!eq(cur, ZERO))
        throw new RtmrError('RTMR_ALREADY_EXTENDED', 'RTMR3 is not zero before the first chrysalis event');
    }
    if (opts.journalPath) await journal(opts.journalPath, e);
    records.push({ ...e, payload: e.payload.slice() });
    if (opts.kind === 'simulated') return;
    try {
      await writeKernel(digest);
      if (readback) {
        const cur = await readKernel();
        if (!eq(cur, replayRuntimeLog(records)))
          throw new RtmrError('RTMR_READBACK_MISMATCH', 'RTMR3 differs from the replay of the records');
      }
    } catch (err) {
      broken = true;
      throw err;
    }
  }

  return {
    kind: opts.kind,
    extend(e: RuntimeEvent): Promise<void> {
      const p = queue.then(() => doExtend(e));
      queue = p.catch(() => undefined);
      return p;
    },
    events: () => records.map((r) => ({ ...r, payload: r.payload.slice() })),
    value: () => replayRuntimeLog(records),
    async readRegister(): Promise<Uint8Array> {
      return opts.kind === 'kernel' ? (await readKernel()).slice() : replayRuntimeLog(records);
    },
  };
}
