/**
 * X.509 constraint checks of the DCAP verifier (BasicConstraints, KeyUsage, pathLenConstraint, Intel CNs per
 * position), on SIMULATED non-conforming devnet PKIs (attestation/pki `certOverrides`). Always run (no vectors).
 */
import { createDevnetIntelPki, simulateTdxQuote, type DevnetIntelPkiOptions } from '../../devnet/intel';
import { verifyQuote } from '../../attestation/tdx';
import { KU, parseCert } from '../../attestation/tdx/x509';

const NOW = new Date('2025-06-10T00:00:00Z');
const RD = new Uint8Array(64).fill(7);
const CODE = 'TDX_CERT_CONSTRAINTS_INVALID';

function codeOf(overrides: DevnetIntelPkiOptions['certOverrides'], extra: Partial<DevnetIntelPkiOptions> = {}): string {
  const p = createDevnetIntelPki({
    seed: 'x-constraints',
    issuedAt: new Date('2025-06-01T00:00:00Z'),
    ...extra,
    ...(overrides ? { certOverrides: overrides } : {}),
  });
  try {
    verifyQuote(simulateTdxQuote(p, { reportData: RD }), p.collateral, {
      now: NOW,
      trust: { intelRootCaDer: [p.rootCaDer] },
    });
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded ${String(e)}`;
  }
  return 'accepted';
}

describe('DCAP X.509 constraints (devnet PKI)', () => {
  it('the conforming devnet PKI verifies (platform and processor CA) and parses with Intel profile fields', () => {
    expect(codeOf(undefined)).toBe('accepted');
    expect(codeOf(undefined, { pckCaType: 'processor' })).toBe('accepted');
    const p = createDevnetIntelPki({ seed: 'x-constraints' });
    const root = parseCert(p.rootCaDer);
    expect(root.basicConstraints).toEqual({ cA: true, pathLen: 1 });
    expect(root.keyUsage).toBe(KU.keyCertSign | KU.cRLSign);
    expect(root.subjectCn).toBe('Intel SGX Root CA');
    const leaf = parseCert(p.pckLeafDer);
    expect(leaf.basicConstraints).toEqual({ cA: false, pathLen: undefined });
    expect((leaf.keyUsage ?? 0) & KU.digitalSignature).toBeTruthy();
    expect(parseCert(p.tcbSigningDer).subjectCn).toBe('Intel SGX TCB Signing');
  });

  it('absent KeyUsage / BasicConstraints on end-entity certificates are accepted', () => {
    expect(
      codeOf({
        pckLeaf: { basicConstraints: null, keyUsage: null },
        tcbSigning: { basicConstraints: null, keyUsage: null },
      }),
    ).toBe('accepted');
  });

  it('a leaf with cA=TRUE used as PCK certificate is rejected', () => {
    expect(codeOf({ pckLeaf: { basicConstraints: { cA: true } } })).toBe(CODE);
    expect(codeOf({ pckLeaf: { basicConstraints: { cA: true, pathLen: 0 }, keyUsage: [0, 5] } })).toBe(CODE);
  });

  it('a PCK leaf whose KeyUsage lacks digitalSignature is rejected', () => {
    expect(codeOf({ pckLeaf: { keyUsage: [1] } })).toBe(CODE);
  });

  it('an intermediate without cA is rejected', () => {
    expect(codeOf({ pckCa: { basicConstraints: null } })).toBe(CODE);
    expect(codeOf({ pckCa: { basicConstraints: { cA: false } } })).toBe(CODE);
  });

  it('issuers whose KeyUsage lacks keyCertSign (or cRLSign for CRL issuers) are rejected', () => {
    expect(codeOf({ pckCa: { keyUsage: [6] } })).toBe(CODE);
    expect(codeOf({ pckCa: { keyUsage: [5] } })).toBe(CODE); // issues the PCK CRL
    expect(codeOf({ root: { keyUsage: [6] } })).toBe(CODE);
    expect(codeOf({ root: { keyUsage: [5] } })).toBe(CODE); // issues the root CA CRL
    expect(codeOf({ pckCa: { keyUsage: null } })).toBe('accepted'); // absent KeyUsage: no restriction
  });

  it('a pathLenConstraint below the chain depth is rejected', () => {
    expect(codeOf({ root: { basicConstraints: { cA: true, pathLen: 0 } } })).toBe(CODE);
    expect(codeOf({ root: { basicConstraints: { cA: true } } })).toBe('accepted'); // no limit
  });

  it('wrong subject CNs at each position are rejected', () => {
    expect(codeOf({ pckLeaf: { cn: 'Intel SGX TCB Signing' } })).toBe(CODE);
    expect(codeOf({ pckCa: { cn: 'Intel SGX PCK Test CA' } })).toBe(CODE);
    expect(codeOf({ pckCa: { cn: 'Intel SGX TCB Signing' } })).toBe(CODE);
    expect(codeOf({ root: { cn: 'Devnet Root CA' } })).toBe(CODE);
    expect(codeOf({ tcbSigning: { cn: 'Intel SGX PCK Certificate' } })).toBe(CODE);
  });

  it('TCB Info / QE Identity signers with cA=TRUE or without digitalSignature are rejected', () => {
    expect(codeOf({ tcbSigning: { basicConstraints: { cA: true } } })).toBe(CODE);
    expect(codeOf({ tcbSigning: { keyUsage: [1] } })).toBe(CODE);
  });
});
