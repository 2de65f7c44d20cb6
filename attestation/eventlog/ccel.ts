import { EventLogParseError } from './errors';
import type { CcelTable } from './types';
import { view } from './bytes';

/**
 * CCEL ACPI table, ACPI 6.5 §5.2.34 (go-eventlog `ccel/cceventlog.go`): 56 bytes, little-endian.
 *   0 signature "CCEL" | 4 length | 8 revision | 9 checksum | 10 OEM ID[6] | 16 OEM table ID[8] | 24 OEM revision
 *   28 creator ID | 32 creator revision | 36 CC type | 37 CC subtype | 38 reserved[2] | 40 LAML u64 | 48 LASA u64
 */
const CCEL_LENGTH = 56;
const OFF_LENGTH = 4;
const OFF_REVISION = 8;
const OFF_CHECKSUM = 9;
const OFF_OEM_ID = 10;
const OFF_OEM_TABLE_ID = 16;
const OFF_OEM_REVISION = 24;
const OFF_CREATOR_ID = 28;
const OFF_CREATOR_REVISION = 32;
const OFF_CC_TYPE = 36;
const OFF_CC_SUBTYPE = 37;
const OFF_LAML = 40;
const OFF_LASA = 48;
export const CC_TYPE_SEV = 1;
export const CC_TYPE_TDX = 2;

export interface ParseCcelOptions {
  /** Require CC type 2 (Intel TDX). Default true. */
  readonly requireTdx?: boolean;
}

/**
 * Parse a CCEL ACPI table (`/sys/firmware/acpi/tables/CCEL`).
 * @throws EventLogParseError EVENTLOG_TRUNCATED | EVENTLOG_BAD_CCEL_TABLE
 */
export function parseCcelTable(bytes: Uint8Array, opts: ParseCcelOptions = {}): CcelTable {
  if (bytes.length < CCEL_LENGTH) {
    throw new EventLogParseError('EVENTLOG_TRUNCATED', `CCEL table is ${bytes.length} bytes, need ${CCEL_LENGTH}`);
  }
  const sig = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  if (sig !== 'CCEL') throw new EventLogParseError('EVENTLOG_BAD_CCEL_TABLE', `bad ACPI signature '${sig}'`);
  const dv = view(bytes);
  const length = dv.getUint32(OFF_LENGTH, true);
  if (length !== CCEL_LENGTH || bytes.length !== CCEL_LENGTH) {
    throw new EventLogParseError(
      'EVENTLOG_BAD_CCEL_TABLE',
      `CCEL length field ${length}, buffer ${bytes.length}; expected 56`,
    );
  }
  let sum = 0;
  for (let i = 0; i < CCEL_LENGTH; i++) sum = (sum + (bytes[i] as number)) & 0xff;
  if (sum !== 0) throw new EventLogParseError('EVENTLOG_BAD_CCEL_TABLE', 'CCEL checksum does not sum to zero');
  const ccType = bytes[OFF_CC_TYPE] as number;
  if ((opts.requireTdx ?? true) && ccType !== CC_TYPE_TDX) {
    throw new EventLogParseError('EVENTLOG_BAD_CCEL_TABLE', `CCEL CC type ${ccType} is not Intel TDX (2)`);
  }
  return {
    revision: bytes[OFF_REVISION] as number,
    checksum: bytes[OFF_CHECKSUM] as number,
    oemId: Buffer.from(bytes.subarray(OFF_OEM_ID, OFF_OEM_ID + 6)).toString('latin1'),
    oemTableId: Buffer.from(bytes.subarray(OFF_OEM_TABLE_ID, OFF_OEM_TABLE_ID + 8)).toString('latin1'),
    oemRevision: dv.getUint32(OFF_OEM_REVISION, true),
    creatorId: dv.getUint32(OFF_CREATOR_ID, true),
    creatorRevision: dv.getUint32(OFF_CREATOR_REVISION, true),
    ccType,
    ccSubtype: bytes[OFF_CC_SUBTYPE] as number,
    logAreaMinimumLength: dv.getBigUint64(OFF_LAML, true),
    logAreaStartAddress: dv.getBigUint64(OFF_LASA, true),
  };
}
