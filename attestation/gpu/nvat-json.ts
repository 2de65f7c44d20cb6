/**
 * NVIDIA evidence arrays as NVAT / nvtrust write them (and NRAS v3 requests carry them):
 * `[{ arch, nonce, evidence: base64(raw report), certificate: base64(PEM chain), [driver_version, vbios_version] }]`.
 * Some older payloads base64-encode the hex text of the report; both forms are accepted (sniffing ASCII `11e001ff`).
 */
import { GpuParseError } from './errors';
import { certChainFromPem } from './chain';
import { gpuReportFromHex, type GpuEvidence } from './parse';

export interface NvatEvidenceEntry {
  readonly arch: string;
  /** The nonce the entry claims (verify against your own expected nonce, not this one). */
  readonly nonce: Uint8Array;
  readonly evidence: GpuEvidence;
}

function bad(msg: string): never {
  throw new GpuParseError('GPU_REPORT_HEX_INVALID', msg);
}

/** Throws GpuParseError GPU_REPORT_HEX_INVALID (shape) or GPU_CERT_CHAIN_MALFORMED. */
export function parseNvatEvidenceJson(text: string | unknown): NvatEvidenceEntry[] {
  let v: unknown = text;
  if (typeof text === 'string') {
    try {
      v = JSON.parse(text);
    } catch {
      return bad('evidence JSON is not JSON');
    }
  }
  if (!Array.isArray(v)) bad('evidence JSON must be an array');
  return (v as unknown[]).map((e, i) => {
    if (typeof e !== 'object' || e === null) bad(`entry ${i} is not an object`);
    const o = e as Record<string, unknown>;
    if (typeof o['evidence'] !== 'string' || typeof o['certificate'] !== 'string' || typeof o['nonce'] !== 'string') {
      bad(`entry ${i} lacks evidence / certificate / nonce`);
    }
    let report: Uint8Array = new Uint8Array(Buffer.from(o['evidence'] as string, 'base64'));
    if (Buffer.from(report.subarray(0, 8)).toString('latin1') === '11e001ff')
      report = gpuReportFromHex(Buffer.from(report).toString('latin1'));
    const nonceHex = (o['nonce'] as string).replace(/^0x/i, '');
    if (!/^[0-9a-fA-F]{64}$/.test(nonceHex)) bad(`entry ${i} nonce is not 32 bytes of hex`);
    return {
      arch: typeof o['arch'] === 'string' ? o['arch'] : 'HOPPER',
      nonce: new Uint8Array(Buffer.from(nonceHex, 'hex')),
      evidence: {
        report,
        certChain: certChainFromPem(Buffer.from(o['certificate'] as string, 'base64').toString('utf8')),
      },
    };
  });
}
