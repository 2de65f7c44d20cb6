/**
 * SIMULATED TDX: a devnet TD whose quotes are signed by the devnet Intel-like PKI (`devnet/intel`), so the
 * one verifier runs unchanged and only the trust root differs (a policy must opt in to the devnet root).
 * It also plays the TD's RTMR3: `extend(event)` folds the runtime event's SHA-384 digest in, exactly as the
 * kernel's RTMR interface does on real hardware, and every quote carries the current value.
 */
import { createHash } from 'node:crypto';
import type { RuntimeEvent } from '../../attestation/eventlog';
import { replayRuntimeLog } from '../../attestation/eventlog';
import { simulateTdxQuote, type DevnetIntelPki, type TdReportFields } from '../intel';
import type { RtmrExtender, TdxQuoteProvider } from '../../enclave-runtime/evidence/types';

export interface SimulatedTdxOptions {
  readonly pki: DevnetIntelPki;
  /** Static TD measurements (MRTD, RTMR0..2, config ids...). Default: derived from `imageSeed`. */
  readonly fields?: Partial<Omit<TdReportFields, 'reportData' | 'rtmr3'>>;
  /** Seed for default measurements (default 'chrysalis-devnet-image'). */
  readonly imageSeed?: string;
  readonly quoteVersion?: 4 | 5;
}

export interface SimulatedTdx extends TdxQuoteProvider, RtmrExtender {
  readonly kind: 'simulated';
  readonly rtmr3: Uint8Array;
  readonly fields: Partial<TdReportFields>;
}

function mr(seed: string, label: string): Uint8Array {
  return new Uint8Array(createHash('sha384').update(`${seed}/${label}`).digest());
}

/** Default devnet measurements: deterministic SHA-384 values per register, debug off, SEPT_VE_DISABLE on. */
export function devnetTdFields(seed = 'chrysalis-devnet-image'): Partial<TdReportFields> {
  const tdAttributes = new Uint8Array(8);
  tdAttributes[3] = 0x10; // bit 28 SEPT_VE_DISABLE (little-endian u64); bit 0 DEBUG off
  return {
    mrtd: mr(seed, 'mrtd'),
    rtmr0: mr(seed, 'rtmr0'),
    rtmr1: mr(seed, 'rtmr1'),
    rtmr2: mr(seed, 'rtmr2'),
    mrconfigid: new Uint8Array(48),
    mrowner: new Uint8Array(48),
    mrownerconfig: new Uint8Array(48),
    tdAttributes,
  };
}

export function createSimulatedTdx(opts: SimulatedTdxOptions): SimulatedTdx {
  const fields = { ...devnetTdFields(opts.imageSeed), ...(opts.fields ?? {}) };
  const events: RuntimeEvent[] = [];
  let rtmr3: Uint8Array = new Uint8Array(48);
  return {
    kind: 'simulated',
    fields,
    get rtmr3() {
      return rtmr3;
    },
    async extend(event: RuntimeEvent): Promise<void> {
      events.push(event);
      rtmr3 = replayRuntimeLog(events);
    },
    async getQuote(reportData: Uint8Array): Promise<Uint8Array> {
      if (!(reportData instanceof Uint8Array) || reportData.length !== 64)
        throw new RangeError('reportData must be 64 bytes');
      return simulateTdxQuote(
        opts.pki,
        { ...fields, rtmr3, reportData },
        opts.quoteVersion ? { version: opts.quoteVersion } : {},
      );
    },
  };
}
