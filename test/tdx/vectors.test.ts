import { verifyQuote, TdxParseError, TdxVerifyError, parseQuote } from '../../attestation/tdx';
import { certsFromBytes } from '../../attestation/collateral/pem';
import { describeVectors } from '../helpers/vectors';
import { loadCollateral, manifestCases, quoteOf, tdx, vectorCase, type VectorCase } from './vector-cases';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded ${String(e)}`;
  }
  return 'no error';
}

/** Trailing bytes that are not zero padding need the explicit Intel-compatible opt-in. */
const hasGarbageTail = (c: VectorCase): boolean => c.id === 'gotdx-v4-2023-tcb-not-supported';

describeVectors('TDX')('Intel DCAP vectors (MANIFEST.json) at suggested_now', () => {
  const cases = manifestCases().filter((c) => c.id !== 'intel-synthetic-untrusted-root');

  it.each(cases.map((c) => [c.id, c] as const))('%s gives Intel QVL semantics', (_id, c) => {
    const quote = quoteOf(c);
    const collateral = loadCollateral(c);
    const opts = { now: new Date(c.suggested_now), allowTrailingBytes: hasGarbageTail(c) };
    const exp = c.expected_intel_qvl_semantics;
    if (exp.result === 'error') {
      expect(codeOf(() => verifyQuote(quote, collateral, opts))).toBe('TDX_TCB_NOT_SUPPORTED');
      return;
    }
    const v = verifyQuote(quote, collateral, opts);
    expect(v.tcbStatus).toBe(exp.status);
    expect([...v.advisoryIds].sort()).toEqual([...(exp.advisoryIDs ?? [])].sort());
    expect(v.qeStatus).toBe(exp.qe_status);
    expect(v.tdxModuleId ?? null).toBe(exp.tdx_module ?? null);
    expect(v.tdxModuleStatus ?? null).toBe(exp.tdx_module_status ?? null);
    expect(v.fmspc).toBe(c.quote.fmspc);
    expect(v.quote.version).toBe(c.quote.version);
    expect(v.teeType).toBe(c.quote.version === 3 || c.id.includes('sgx') ? 'SGX' : 'TDX');
  });

  it.each(cases.filter((c) => c.validity_window).map((c) => [c.id, c] as const))(
    '%s: expired one second after its window, not yet valid one second before',
    (_id, c) => {
      const quote = quoteOf(c);
      const collateral = loadCollateral(c);
      const w = c.validity_window!;
      const endCodes: Record<string, string> = {
        'PCK CRL': 'TDX_CRL_EXPIRED',
        'TCB info': 'TDX_TCB_INFO_EXPIRED',
        'QE identity': 'TDX_QE_IDENTITY_EXPIRED',
      };
      const startCodes: Record<string, string> = {
        'PCK CRL': 'TDX_CRL_NOT_YET_VALID',
        'TCB info': 'TDX_TCB_INFO_NOT_YET_VALID',
        'QE identity': 'TDX_QE_IDENTITY_NOT_YET_VALID',
      };
      const at = (ms: number) => () => verifyQuote(quote, collateral, { now: new Date(ms), allowTrailingBytes: true });
      const end = Date.parse(w.not_after);
      const start = Date.parse(w.not_before);
      expect(w.bound_by.end.map((b) => endCodes[b])).toContain(codeOf(at(end + 1000)));
      expect(w.bound_by.start.map((b) => startCodes[b])).toContain(codeOf(at(start - 1000)));
      // The window edges themselves are inside.
      if (c.expected_intel_qvl_semantics.result === 'ok') {
        expect(() => at(end)()).not.toThrow();
        expect(() => at(start)()).not.toThrow();
      }
    },
  );

  it('rejects non-zero trailing bytes by default, with a typed parse error', () => {
    const c = vectorCase('gotdx-v4-2023-tcb-not-supported');
    const err = codeOf(() => verifyQuote(quoteOf(c), loadCollateral(c), { now: new Date(c.suggested_now) }));
    expect(err).toBe('TDX_QUOTE_TRAILING_BYTES');
    expect(() => parseQuote(quoteOf(c))).toThrow(TdxParseError);
  });

  it('Intel synthetic sample: same root DN, different key -> untrusted (pinned by bytes, not by name)', () => {
    const c = vectorCase('intel-synthetic-untrusted-root');
    const q = parseQuote(quoteOf(c));
    expect(q.version).toBe(4);
    expect(q.signatureData.qeAuthData.length).toBe(0);
    expect(q.signatureData.pckChain.length).toBe(3); // DER, root first
    expect(codeOf(() => verifyQuote(quoteOf(c), loadCollateral(c), { now: new Date(c.suggested_now) }))).toBe(
      'TDX_PCK_CHAIN_UNTRUSTED',
    );
  });

  it('Intel synthetic sample with its own root trusted gets past the chain and fails like Intel QVL (module mismatch)', () => {
    const c = vectorCase('intel-synthetic-untrusted-root');
    const root = certsFromBytes(tdx(c.collateral['synthetic_root'] as string), 'root')[0]!;
    const code = codeOf(() =>
      verifyQuote(quoteOf(c), loadCollateral(c), { now: new Date(c.suggested_now), trust: { intelRootCaDer: [root] } }),
    );
    expect(code).toBe('TDX_MODULE_MISMATCH'); // Intel AttestationApp: STATUS_TDX_MODULE_MISMATCH
  });

  it('a wrong trust root rejects real Intel quotes', () => {
    const c = vectorCase('phala-tdx-v4-uptodate');
    const synthetic = vectorCase('intel-synthetic-untrusted-root');
    const root = certsFromBytes(tdx(synthetic.collateral['synthetic_root'] as string), 'root')[0]!;
    const code = codeOf(() =>
      verifyQuote(quoteOf(c), loadCollateral(c), { now: new Date(c.suggested_now), trust: { intelRootCaDer: [root] } }),
    );
    expect(code).toBe('TDX_PCK_CHAIN_UNTRUSTED');
  });

  it('errors are TdxVerifyError instances with stable codes', () => {
    const c = vectorCase('phala-tdx-v5-tcb-not-supported');
    expect(() => verifyQuote(quoteOf(c), loadCollateral(c), { now: new Date(c.suggested_now) })).toThrow(
      TdxVerifyError,
    );
  });
});
