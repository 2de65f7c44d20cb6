import { HAVE_VECTORS, readVector, readVectorJson } from '../helpers/vectors';

export interface ManifestCase {
  id: string;
  event_log: {
    path: string;
    events: number;
    log_end_offset?: number;
    padding_after_log?: string;
    events_by_mr_index?: Record<string, number>;
    events_by_rtmr?: Record<string, number>;
  };
  acpi_table?: { path: string; cc_type: number; log_area_minimum_length: number; log_area_start_address: string };
  quote: { path: string; version: number; size: number; trailing_bytes: number } | null;
  expected: Record<string, string> | null;
  replayed: Record<string, string> | null;
  replay_matched: boolean | null;
  negative?: boolean;
  policy_expectation?: string;
}

export interface Manifest {
  cases: ManifestCase[];
  known_event_digests: Record<string, string>;
  predictions: Array<Record<string, any>>;
  synthetic_measurement_vectors: Array<Record<string, any>>;
  published_values_needing_downloads: Array<Record<string, any>>;
}

/** The MANIFEST, or an empty one when the vectors are absent (the suites then skip). */
export const manifest = (): Manifest =>
  HAVE_VECTORS
    ? readVectorJson<Manifest>('eventlog', 'MANIFEST.json')
    : {
        cases: [],
        known_event_digests: {},
        predictions: [],
        synthetic_measurement_vectors: [],
        published_values_needing_downloads: [],
      };

/** `file#field` → the bytes (binary) or the JSON field's text. */
export function loadLog(path: string): Uint8Array | string {
  const [file, field] = path.split('#') as [string, string | undefined];
  if (!field) return new Uint8Array(readVector('eventlog', file));
  const j = readVectorJson<Record<string, unknown>>('eventlog', file);
  const v = j[field];
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function loadQuote(path: string): Uint8Array {
  const [file, field] = path.split('#') as [string, string | undefined];
  if (!field) return new Uint8Array(readVector('eventlog', file));
  const j = readVectorJson<Record<string, unknown>>('eventlog', file);
  return new Uint8Array(Buffer.from(String(j[field]), 'hex'));
}

/** Test-only TD report slicing by the MANIFEST `quote_offsets` (parseQuote is the real parser). */
export function quoteRegisters(q: Uint8Array): Uint8Array[] {
  const version = q[0]! | (q[1]! << 8);
  const body = version === 5 ? 48 + 6 : 48;
  return [328, 376, 424, 472].map((o) => q.slice(body + o, body + o + 48));
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
