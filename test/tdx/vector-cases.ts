/** Loads the TDX cases of ../shared/vectors/tdx/MANIFEST.json (read in place, never copied into the repo). */
import { collateralFromJson, collateralFromPcsParts, type Collateral } from '../../attestation/collateral';
import { certsFromBytes } from '../../attestation/collateral/pem';
import { HAVE_VECTORS, readVector } from '../helpers/vectors';

export interface VectorCase {
  id: string;
  quote: { path: string; version: number; size: number; trailing_bytes?: number; fmspc?: string };
  collateral: Record<string, unknown> & { format: string };
  validity_window?: { not_before: string; not_after: string; bound_by: { start: string[]; end: string[] } };
  suggested_now: string;
  expected_intel_qvl_semantics: {
    result: 'ok' | 'error';
    status?: string;
    advisoryIDs?: string[];
    qe_status?: string;
    tdx_module?: string | null;
    tdx_module_status?: string | null;
    error?: string;
  };
}

export const tdx = (p: string | undefined): Buffer => readVector('tdx', String(p));

export function manifestCases(): VectorCase[] {
  if (!HAVE_VECTORS) return [];
  return (JSON.parse(tdx('MANIFEST.json').toString('utf8')) as { cases: VectorCase[] }).cases;
}

export function vectorCase(id: string): VectorCase {
  const c = manifestCases().find((x) => x.id === id);
  if (!c) throw new Error(`no vector case ${id}`);
  return c;
}

const chain = (paths: unknown): Uint8Array[] =>
  ((paths as string[] | null) ?? []).flatMap((p) => certsFromBytes(tdx(p), p));

/** The case's collateral in our normalised form (dcap-qvl JSON, PCS files, or Intel's synthetic sample data). */
export function loadCollateral(c: VectorCase): Collateral {
  const k = c.collateral as Record<string, string> & { format: string };
  if (k.format === 'dcap-qvl-json') return collateralFromJson(tdx(k['file']).toString('utf8'));
  if (k.format === 'pcs-files') {
    return collateralFromPcsParts({
      tcbInfoBody: tdx(k['tcb_info']).toString('utf8'),
      qeIdentityBody: tdx(k['qe_identity']).toString('utf8'),
      pckCrl: tdx(k['pck_crl']),
      rootCaCrl: tdx(k['root_ca_crl']),
      tcbInfoIssuerChain: chain(k['tcb_info_issuer_chain']),
      qeIdentityIssuerChain: chain(k['qe_identity_issuer_chain']),
      pckCrlIssuerChain: chain(k['pck_crl_issuer_chain']),
    });
  }
  // intel-qvl-sampledata (synthetic PKI)
  return collateralFromPcsParts({
    tcbInfoBody: tdx(k['tcb_info']).toString('utf8'),
    qeIdentityBody: tdx(k['qe_identity']).toString('utf8'),
    pckCrl: tdx(k['pck_crl']),
    rootCaCrl: tdx(k['root_ca_crl']),
    tcbInfoIssuerChain: chain(k['tcb_info_issuer_chain']),
    qeIdentityIssuerChain: chain(k['tcb_info_issuer_chain']),
    pckCrlIssuerChain: chain([k['pck_sign_chain']]),
  });
}

export function quoteOf(c: VectorCase): Uint8Array {
  return new Uint8Array(tdx(c.quote.path));
}
