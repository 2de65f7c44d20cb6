/**
 * `npm run bench -- eventlog`: event-log parse+replay, runtime RTMR3 replay, MRTD and Authenticode, each against a
 * straightforward reference implementation measured in the same run (no published peer timings exist; reference
 * tdx-measurement.md §8). Inputs: the COS 113 CCEL (43 entries, 256 KiB area) and the synthetic aleph vectors.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  parseTcgEventLog,
  replayEventLog,
  replayRuntimeLog,
  configRuntimeEvent,
  modelRuntimeEvent,
  readyRuntimeEvent,
} from '../attestation/eventlog';
import { mrtdCandidates, authenticodeSha384 } from '../attestation/measure';
import { emit } from './report';

const VECTORS = resolve(
  process.env['CHRYSALIS_VECTORS_DIR'] ?? resolve(__dirname, '..', '..', '..', 'shared', 'vectors'),
);

/** Straightforward replay: Buffer slicing, no end-of-log shortcuts beyond the 0xFF/0x00 rules. */
function naiveReplay(buf: Buffer): Buffer[] {
  const rtmr = [0, 1, 2, 3].map(() => Buffer.alloc(48));
  let off = 32 + buf.readUInt32LE(28);
  while (off + 12 <= buf.length) {
    const idx = buf.readUInt32LE(off);
    const type = buf.readUInt32LE(off + 4);
    if (idx === 0xffffffff || type === 0xffffffff || (idx === 0 && type === 0)) break;
    const n = buf.readUInt32LE(off + 8);
    let p = off + 12;
    let d: Buffer | undefined;
    for (let i = 0; i < n; i++) {
      const alg = buf.readUInt16LE(p);
      const size = alg === 0x0c ? 48 : alg === 0x0b ? 32 : alg === 0x04 ? 20 : 64;
      if (alg === 0x0c) d = buf.subarray(p + 2, p + 2 + size);
      p += 2 + size;
    }
    const es = buf.readUInt32LE(p);
    if (type !== 3 && d)
      rtmr[idx - 1] = createHash('sha384')
        .update(Buffer.concat([rtmr[idx - 1]!, d]))
        .digest();
    off = p + 4 + es;
  }
  return rtmr;
}

function time(fn: () => unknown, minMs = 300): number {
  for (let i = 0; i < 3; i++) fn();
  let n = 0;
  const t0 = process.hrtime.bigint();
  let el = 0;
  while (el < minMs) {
    fn();
    n++;
    el = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return (el * 1000) / n; // µs per op
}

export async function run(): Promise<void> {
  const cos = join(VECTORS, 'eventlog', 'google-go-tdx-guest', 'testing', 'testdata', 'ccel', 'ccel_data.dat');
  if (!existsSync(cos)) {
    process.stdout.write(`vectors not found at ${VECTORS}: skipping\n`);
    return;
  }
  const log = readFileSync(cos);
  const u8 = new Uint8Array(log);
  const ours = replayEventLog(parseTcgEventLog(u8)).rtmr.map((r) => Buffer.from(r).toString('hex'));
  const ref = naiveReplay(log).map((r) => r.toString('hex'));
  if (ours.join() !== ref.join()) throw new Error('bench: implementations disagree');
  const fw = new Uint8Array(readFileSync(join(VECTORS, 'eventlog', 'aleph-vm', 'derived', 'synthetic-tdvf.bin')));
  const pe = new Uint8Array(readFileSync(join(VECTORS, 'eventlog', 'aleph-vm', 'derived', 'synthetic-pe.bin')));
  const events = [configRuntimeEvent(new Uint8Array(32)), modelRuntimeEvent(new Uint8Array(32)), readyRuntimeEvent()];
  const rows: Array<[string, string, number, string, number]> = [
    [
      'ccel_replay',
      'COS CCEL parse+replay+report (43 entries)',
      time(() => replayEventLog(parseTcgEventLog(u8))),
      'naive Buffer replay',
      time(() => naiveReplay(log)),
    ],
    [
      'rtmr3_replay',
      'runtime RTMR3 replay (3 records)',
      time(() => replayRuntimeLog(events)),
      'SHA-384 x6 only',
      time(() => {
        for (let i = 0; i < 6; i++) createHash('sha384').update(Buffer.alloc(96)).digest();
      }),
    ],
    [
      'mrtd_candidates',
      'MRTD, both candidates (12 KiB TDVF)',
      time(() => mrtdCandidates(fw)),
      'SHA-384 of the same bytes',
      time(() => createHash('sha384').update(fw).digest()),
    ],
    [
      'authenticode_sha384',
      'Authenticode SHA-384 (1 KiB PE)',
      time(() => authenticodeSha384(pe)),
      'plain SHA-384 of the file',
      time(() => createHash('sha384').update(pe).digest()),
    ],
  ];
  process.stdout.write(
    '| operation | chrysalis µs/op | peer | peer µs/op | ratio (chrysalis/peer) |\n|---|---:|---|---:|---:|\n',
  );
  for (const [key, a, x, b, y] of rows) {
    emit({ id: `eventlog.${key}`, value: x, unit: 'us', baseline: y });
    process.stdout.write(`| ${a} | ${x.toFixed(1)} | ${b} | ${y.toFixed(1)} | ${(x / y).toFixed(2)} |\n`);
  }
}
