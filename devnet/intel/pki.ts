/**
 * SIMULATED devnet Intel-like DCAP PKI. From a seed string it deterministically builds what Intel runs for real:
 *
 *   devnet "Intel SGX Root CA" ─┬─ "Intel SGX PCK Platform CA" (or Processor CA) ── "Intel SGX PCK Certificate" (SGX extension)
 *                               └─ "Intel SGX TCB Signing" ── signs TDX TCB Info v3 + TD_QE Identity v2
 *   Root CA CRL (signed by the root), PCK CRL (signed by the PCK CA, optionally revoking the PCK leaf)
 *
 * The DNs are Intel's; only the keys differ. Verifiers therefore accept it ONLY when the devnet root is passed
 * explicitly (`trust: { intelRootCaDer: [pki.rootCaDer] }`): the pinned Intel root rejects it. Every output is a
 * pure function of the seed and the options (RFC 6979 signatures, no clock): same inputs, same bytes.
 */
import { deriveP256Key, type P256KeyPair } from './ecdsa';
import { toPem } from './x509-build';
import { DEVNET_FMSPC, DEVNET_PCE_SVN, DEVNET_SGX_TCB_COMPONENTS } from './pki-defaults';
import { buildDevnetIntelCerts, type DevnetIntelKeys, type DevnetPckIdentity } from './pki-certs';
import { buildDevnetIntelCollateral } from './pki-collateral';
import type { DevnetIntelPki, DevnetIntelPkiOptions } from './pki-types';

/** Private keys of a PKI, reachable only by the simulator (never exported from the package). */
export interface DevnetSecrets {
  readonly seed: string;
  readonly pckKey: P256KeyPair;
  readonly attestationKey: P256KeyPair;
}
const SECRETS = new WeakMap<DevnetIntelPki, DevnetSecrets>();
/** @internal */
export function secretsOf(pki: DevnetIntelPki): DevnetSecrets {
  const s = SECRETS.get(pki);
  if (!s) throw new TypeError('not a DevnetIntelPki built by createDevnetIntelPki');
  return s;
}

function serialHex(b: Uint8Array): string {
  return BigInt('0x' + Buffer.from(b).toString('hex')).toString(16);
}

/** The PCK identity the options ask for, defaults applied. Throws `RangeError` on bad TCB components. */
function resolvePckIdentity(opts: DevnetIntelPkiOptions): DevnetPckIdentity {
  const caType = opts.pckCaType ?? 'platform';
  const fmspc = (opts.fmspc ?? DEVNET_FMSPC).toUpperCase();
  const pceId = (opts.pceId ?? '0000').toUpperCase();
  const comps = opts.pckSgxTcbComponents ?? DEVNET_SGX_TCB_COMPONENTS;
  const pceSvn = opts.pckPceSvn ?? DEVNET_PCE_SVN;
  if (comps.length !== 16 || comps.some((c) => !Number.isInteger(c) || c < 0 || c > 255))
    throw new RangeError('pckSgxTcbComponents: 16 values 0..255');
  return { caType, fmspc, pceId, comps, pceSvn };
}

function deriveKeys(seed: string, caType: DevnetPckIdentity['caType']): DevnetIntelKeys {
  return {
    rootKey: deriveP256Key(seed, 'root-ca'),
    caKey: deriveP256Key(seed, `pck-${caType}-ca`),
    pckKey: deriveP256Key(seed, 'pck-leaf'),
    tcbKey: deriveP256Key(seed, 'tcb-signing'),
  };
}

/**
 * Builds the devnet PKI and its collateral. Deterministic: same options ⇒ byte-identical outputs.
 * Throws `RangeError` / `TypeError` on malformed options (programmer misuse).
 */
export function createDevnetIntelPki(opts: DevnetIntelPkiOptions): DevnetIntelPki {
  if (typeof opts?.seed !== 'string' || opts.seed.length === 0)
    throw new TypeError('createDevnetIntelPki: seed must be a non-empty string');
  const seed = opts.seed;
  const issuedAt = opts.issuedAt ?? new Date('2025-06-01T00:00:00Z');
  const validityDays = opts.validityDays ?? 30;
  const certNotBefore = opts.certNotBefore ?? new Date('2024-01-01T00:00:00Z');
  const certNotAfter = opts.certNotAfter ?? new Date('2049-12-31T23:59:59Z');
  const pck = resolvePckIdentity(opts);

  const keys = deriveKeys(seed, pck.caType);
  const attestationKey = deriveP256Key(seed, 'attestation-key');
  const certs = buildDevnetIntelCerts(seed, keys, pck, { certNotBefore, certNotAfter }, opts);
  const { rootCaDer, pckCaDer, pckLeafDer } = certs;
  const c = buildDevnetIntelCollateral(
    certs,
    keys,
    { issuedAt, validityDays, fmspc: pck.fmspc, pceId: pck.pceId },
    opts,
  );

  const pki: DevnetIntelPki = Object.freeze({
    simulated: true as const,
    rootCaDer,
    pckCaDer,
    pckCaType: pck.caType,
    pckLeafDer,
    pckSerialHex: serialHex(certs.pckSerial),
    tcbSigningDer: certs.tcbSigningDer,
    fmspc: pck.fmspc,
    pceId: pck.pceId,
    pckSgxTcbComponents: Object.freeze([...pck.comps]),
    pckPceSvn: pck.pceSvn,
    tcbInfoJson: c.tcbInfoJson,
    qeIdentityJson: c.qeIdentityJson,
    collateral: c.collateral,
    collateralJson: c.collateralJson,
    pcs: c.pcs,
    pckChainPem: toPem(pckLeafDer) + toPem(pckCaDer) + toPem(rootCaDer),
  });
  SECRETS.set(pki, { seed, pckKey: keys.pckKey, attestationKey });
  return pki;
}
