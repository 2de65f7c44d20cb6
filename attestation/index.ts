/**
 * chrysalis/attestation — pure verification library: bytes, trust roots and `now` in; typed results or typed errors out.
 * Each sub-area adds one `export *` line below.
 */
export * from './errors';
export * from './gpu';
export * from './receipt';
export * from './eventlog';
export * from './measure';
export * from './tdx';
export * from './collateral';
export * from '../devnet/intel';
export * from './policy';
