/**
 * chrysalis/attestation — pure verification library: bytes, trust roots and `now` in; typed results or typed errors out.
 * Each sub-area adds one `export *` line below.
 */
export * from './errors';
