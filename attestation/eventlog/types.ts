/** Plain structs returned by the event-log parsers (structure only; nothing here is verified). */

export interface LogDigest {
  /** TCG algorithm id (0x000C = SHA-384). */
  readonly algorithmId: number;
  readonly digest: Uint8Array;
}

export interface LogEvent {
  /** 0-based position among the entries that follow the Spec ID header (or in the JSON list). */
  readonly seq: number;
  /** CC MR index as stored in a binary log (1..4 = RTMR0..3, 0 = MRTD); dstack JSON `imr` + 1. */
  readonly mrIndex: number;
  /** TCG event type (or 0x08000001 for dstack runtime events). */
  readonly type: number;
  /** Every digest the entry carries, in stored order. */
  readonly digests: readonly LogDigest[];
  /** The SHA-384 digest; undefined only for EV_NO_ACTION entries that carry none. */
  readonly sha384: Uint8Array | undefined;
  /** Event data (binary logs) or the decoded `event_payload` (dstack JSON). */
  readonly data: Uint8Array;
  /** dstack JSON `event` name ('' when absent). */
  readonly name: string;
  /** Byte offset of the entry in a binary log; -1 for JSON logs. */
  readonly offset: number;
  /** True when the SHA-384 digest was recomputed from name+payload (dstack runtime event with an empty digest). */
  readonly digestRecomputed: boolean;
}

export interface AlgorithmSize {
  readonly algorithmId: number;
  readonly digestSize: number;
}

/** TCG_EfiSpecIDEvent carried by the first (SHA-1 format) entry. */
export interface SpecIdHeader {
  readonly mrIndex: number;
  readonly platformClass: number;
  readonly specVersionMinor: number;
  readonly specVersionMajor: number;
  readonly specErrata: number;
  readonly uintnSize: number;
  readonly algorithms: readonly AlgorithmSize[];
  readonly vendorInfo: Uint8Array;
}

export type EventLogFormat = 'tcg' | 'dstack-json';

export interface EventLog {
  readonly format: EventLogFormat;
  /** Present for binary (TCG) logs. */
  readonly header: SpecIdHeader | undefined;
  readonly events: readonly LogEvent[];
  /** Binary logs: offset just past the last entry (the bundle should carry bytes [0, logEndOffset)). */
  readonly logEndOffset: number;
  /** Binary logs: 'none' | '0xff' | '0x00' | 'mixed' — what followed the log in the buffer. */
  readonly padding: 'none' | '0xff' | '0x00' | 'other';
}

/** CCEL ACPI table (ACPI 6.5 §5.2.34). */
export interface CcelTable {
  readonly revision: number;
  readonly checksum: number;
  readonly oemId: string;
  readonly oemTableId: string;
  readonly oemRevision: number;
  readonly creatorId: number;
  readonly creatorRevision: number;
  /** 1 = AMD SEV, 2 = Intel TDX. */
  readonly ccType: number;
  readonly ccSubtype: number;
  /** Log area minimum length (LAML). */
  readonly logAreaMinimumLength: bigint;
  /** Log area start address (LASA), guest physical. */
  readonly logAreaStartAddress: bigint;
}
