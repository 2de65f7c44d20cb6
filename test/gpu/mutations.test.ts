import { describeVectors } from '../helpers/vectors';
import {
  createGpuVerifyCache,
  GpuParseError,
  GpuVerifyError,
  parseGpuReport,
  verifyGpuEvidence,
} from '../../attestation/gpu';
import { chain, E1, hex, report } from './helpers';

describeVectors('gpu')('E1 report mutations and truncations', () => {
  let bytes: Uint8Array;
  let certChain: Uint8Array[];
  const opts = {
    now: E1.now,
    nonce: hex(E1.nonce),
    ocspPolicy: 'allow-missing' as const,
    cache: createGpuVerifyCache(),
  };
  beforeAll(() => {
    bytes = report(E1.report);
    certChain = chain(E1.chain);
  });

  it('every truncation is a typed GpuParseError', () => {
    const codes = new Set<string>();
    for (let n = 0; n < bytes.length; n++) {
      try {
        parseGpuReport(bytes.subarray(0, n));
        throw new Error(`truncation to ${n} bytes parsed`);
      } catch (e) {
        expect(e).toBeInstanceOf(GpuParseError);
        codes.add((e as GpuParseError).code);
      }
    }
    expect(codes.has('GPU_REPORT_TRUNCATED')).toBe(true);
  });

  it('one-byte mutations of the report are rejected with a typed error (every header/opaque/signature byte, every 5th record byte)', () => {
    const tally: Record<string, number> = {};
    const RECORD_START = 45;
    const RECORD_END = 45 + 3520;
    const positions: number[] = [];
    for (let i = 0; i < bytes.length; i++)
      if (i < RECORD_START || i >= RECORD_END || (i - RECORD_START) % 5 === 0) positions.push(i);
    for (const i of positions) {
      const m = bytes.slice();
      m[i] = m[i]! ^ 0x01;
      try {
        verifyGpuEvidence({ report: m, certChain }, opts);
        throw new Error(`mutation at byte ${i} accepted`);
      } catch (e) {
        if (!(e instanceof GpuParseError || e instanceof GpuVerifyError)) throw e;
        tally[e.code] = (tally[e.code] ?? 0) + 1;
      }
    }
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(positions.length);
    expect(tally.GPU_REPORT_SIGNATURE_INVALID).toBeGreaterThan(positions.length / 2);
  });

  it('appending a byte is rejected (trailing data) and the untouched report still verifies', () => {
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => verifyGpuEvidence({ report: longer, certChain }, opts)).toThrow(GpuParseError);
    expect(verifyGpuEvidence({ report: bytes, certChain }, opts).driverVersion).toBe('550.90.07');
  });

  it('one-byte mutations of chain certificates are rejected with typed errors', () => {
    for (let c = 0; c < certChain.length; c++) {
      const stride = c === 0 ? 7 : 61;
      for (let pos = 0; pos < certChain[c]!.length; pos += stride) {
        const mutated = certChain.map((d) => d.slice());
        mutated[c]![pos] = mutated[c]![pos]! ^ 0x01;
        try {
          verifyGpuEvidence({ report: bytes, certChain: mutated }, opts);
          throw new Error(`mutation of certificate ${c} at ${pos} accepted`);
        } catch (e) {
          if (!(e instanceof GpuParseError || e instanceof GpuVerifyError)) throw e;
        }
      }
    }
  });
});
