/**
 * A devnet quote verified against collateral of a sibling devnet PKI (same seed, so the same root, but the other
 * PCK CA type): the PCK CRL then comes from a CA that did not issue the PCK certificate (no vectors needed).
 */
import { verifyQuote } from '../../attestation/tdx';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet';
import { thrownCode as codeOf } from '../helpers/codes';

const NOW = new Date('2025-06-15T12:00:00Z');
const SEED = 'chrysalis-collateral-pairing';
const platform = createDevnetIntelPki({ seed: SEED, pckCaType: 'platform' });
const processor = createDevnetIntelPki({ seed: SEED, pckCaType: 'processor' });
const quote = simulateTdxQuote(platform, { reportData: new Uint8Array(64) });
const trust = { intelRootCaDer: [platform.rootCaDer] };

describe('PCK CRL of the other PCK CA', () => {
  it('the sibling PKIs share their root', () => {
    expect(Buffer.from(processor.rootCaDer).equals(Buffer.from(platform.rootCaDer))).toBe(true);
    expect(verifyQuote(quote, platform.collateral, { now: NOW, trust }).tcbStatus).toBe('UpToDate');
  });

  it('a Processor CA CRL for a Platform CA certificate is TDX_CRL_ISSUER_MISMATCH', () => {
    const collateral = {
      ...platform.collateral,
      pckCrl: processor.collateral.pckCrl,
      pckCrlIssuerChain: processor.collateral.pckCrlIssuerChain,
    };
    expect(codeOf(() => verifyQuote(quote, collateral, { now: NOW, trust }))).toBe('TDX_CRL_ISSUER_MISMATCH');
  });
});
