/**
 * NVIDIA Remote Attestation Service (NRAS) detached EAT: `[["JWT", <overall JWT>], {"GPU-0": <device JWT>, ...}]`
 * (docs/reference/gpu-attestation.md §8; NVAT `verify.cpp` `validate_and_decode_EAT`, `nv_jwt.cpp`).
 * Verification: ES384 only; key by `kid` from a JWKS the caller captured with the token (keys rotate daily, so
 * offline verification needs that JWKS and an explicit `now`); `iss`; `exp`/`nbf` with skew; every submod digest
 * (SHA-256 of the ASCII device JWT) and equal counts; `eat_nonce` == the expected nonce; `x-nvidia-error-details`.
 * Asynchronous (jose). The JWKS `x5c` chain is not validated (neither NVIDIA SDK does; the JWKS is trusted as supplied).
 */
import { createHash } from 'node:crypto';
import {
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';
import { GpuVerifyError } from './errors';

export const NRAS_ISSUER = 'https://nras.attestation.nvidia.com';

export interface NrasJwks {
  readonly keys: readonly JWK[];
}

export interface VerifyNrasOptions {
  readonly now: Date;
  /** The 32-byte nonce sent to NRAS (compared with `eat_nonce`, hex). */
  readonly nonce: Uint8Array;
  readonly jwks: NrasJwks;
  readonly issuer?: string;
  /** Default 60 s. */
  readonly clockToleranceSec?: number;
}

export interface NrasParsed {
  readonly overallJwt: string;
  readonly deviceJwts: Readonly<Record<string, string>>;
}

declare const verifiedNrasBrand: unique symbol;
export interface VerifiedNrasToken {
  readonly [verifiedNrasBrand]: true;
  readonly overall: JWTPayload;
  readonly gpus: Readonly<Record<string, JWTPayload>>;
  readonly overallResult: boolean;
}

function invalid(msg: string, cause?: unknown): never {
  throw new GpuVerifyError('GPU_NRAS_TOKEN_INVALID', msg, cause === undefined ? undefined : { cause });
}

/**
 * Parse a detached EAT and check the submod digests (no signature). Throws GpuVerifyError GPU_NRAS_TOKEN_INVALID,
 * GPU_NRAS_SUBMOD_DIGEST_MISMATCH.
 */
export function parseNrasEat(eat: string | unknown): NrasParsed {
  let v: unknown = eat;
  if (typeof eat === 'string') {
    try {
      v = JSON.parse(eat);
    } catch (cause) {
      return invalid('EAT is not JSON', cause);
    }
  }
  if (!Array.isArray(v) || v.length !== 2) invalid('EAT must be [["JWT", token], {submods}]');
  const [head, mods] = v as [unknown, unknown];
  if (!Array.isArray(head) || head.length !== 2 || head[0] !== 'JWT' || typeof head[1] !== 'string')
    invalid('EAT head must be ["JWT", token]');
  if (typeof mods !== 'object' || mods === null || Array.isArray(mods)) invalid('EAT submods must be an object');
  const deviceJwts: Record<string, string> = {};
  for (const [k, t] of Object.entries(mods as Record<string, unknown>)) {
    if (typeof t !== 'string') invalid(`submod ${k} is not a JWT string`);
    deviceJwts[k] = t;
  }
  const overallJwt = head[1] as string;
  let claims: JWTPayload;
  try {
    claims = decodeJwt(overallJwt);
  } catch (cause) {
    return invalid('overall JWT cannot be decoded', cause);
  }
  const submods = claims['submods'];
  if (typeof submods !== 'object' || submods === null) invalid('overall token has no submods');
  const declared = Object.entries(submods as Record<string, unknown>);
  if (declared.length !== Object.keys(deviceJwts).length) {
    throw new GpuVerifyError('GPU_NRAS_SUBMOD_DIGEST_MISMATCH', 'submod count differs from the device tokens');
  }
  for (const [k, d] of declared) {
    const token = deviceJwts[k];
    const ok =
      token !== undefined &&
      Array.isArray(d) &&
      d[0] === 'DIGEST' &&
      Array.isArray(d[1]) &&
      d[1][0] === 'SHA-256' &&
      typeof d[1][1] === 'string' &&
      d[1][1].toLowerCase() === createHash('sha256').update(token, 'ascii').digest('hex');
    if (!ok) throw new GpuVerifyError('GPU_NRAS_SUBMOD_DIGEST_MISMATCH', `submod ${k} digest does not match its token`);
  }
  return { overallJwt, deviceJwts };
}

async function verifyOne(
  token: string,
  opts: VerifyNrasOptions,
  keyCache: Map<string, Awaited<ReturnType<typeof importJWK>>>,
): Promise<JWTPayload> {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    return invalid('JWT header cannot be decoded', cause);
  }
  if (header.alg !== 'ES384') invalid(`JWT alg ${String(header.alg)} is not ES384`);
  const kid = header.kid;
  const jwk = opts.jwks.keys.find((k) => k.kid === kid);
  if (!kid || !jwk) throw new GpuVerifyError('GPU_NRAS_KEY_NOT_FOUND', `no JWKS key for kid ${String(kid)}`);
  let key = keyCache.get(kid);
  if (!key) {
    try {
      key = await importJWK({ ...jwk, alg: 'ES384' }, 'ES384');
    } catch (cause) {
      return invalid('JWKS key cannot be imported as ES384', cause);
    }
    keyCache.set(kid, key);
  }
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['ES384'],
      issuer: opts.issuer ?? NRAS_ISSUER,
      currentDate: opts.now,
      clockTolerance: opts.clockToleranceSec ?? 60,
    });
    return payload;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired)
      throw new GpuVerifyError('GPU_NRAS_EXPIRED', 'NRAS token expired', { cause: e });
    if (e instanceof joseErrors.JWSSignatureVerificationFailed)
      throw new GpuVerifyError('GPU_NRAS_SIGNATURE_INVALID', 'NRAS token signature invalid', { cause: e });
    if (e instanceof joseErrors.JWTClaimValidationFailed)
      throw new GpuVerifyError('GPU_NRAS_CLAIMS_INVALID', `NRAS claim ${e.claim} invalid`, { cause: e });
    return invalid('NRAS token rejected', e);
  }
}

/**
 * Verify an NRAS detached EAT. Async. Throws GpuVerifyError GPU_NRAS_TOKEN_INVALID, GPU_NRAS_KEY_NOT_FOUND,
 * GPU_NRAS_SIGNATURE_INVALID, GPU_NRAS_EXPIRED, GPU_NRAS_CLAIMS_INVALID, GPU_NRAS_SUBMOD_DIGEST_MISMATCH,
 * GPU_NRAS_NONCE_MISMATCH, GPU_NRAS_ERROR_REPORTED.
 */
export async function verifyNrasEat(
  eat: string | unknown,
  opts: Readonly<VerifyNrasOptions>,
): Promise<VerifiedNrasToken> {
  const parsed = parseNrasEat(eat);
  const nonceHex = Buffer.from(opts.nonce).toString('hex');
  const keyCache = new Map<string, Awaited<ReturnType<typeof importJWK>>>();
  const overall = await verifyOne(parsed.overallJwt, opts, keyCache);
  const gpus: Record<string, JWTPayload> = {};
  for (const [k, t] of Object.entries(parsed.deviceJwts)) {
    const c = await verifyOne(t, opts, keyCache);
    if (c['x-nvidia-error-details'] !== undefined) {
      throw new GpuVerifyError('GPU_NRAS_ERROR_REPORTED', `NRAS reported an error for ${k}`, {
        details: { error: c['x-nvidia-error-details'] },
      });
    }
    if (typeof c['eat_nonce'] !== 'string' || c['eat_nonce'].toLowerCase() !== nonceHex) {
      throw new GpuVerifyError('GPU_NRAS_NONCE_MISMATCH', `${k} eat_nonce differs from the expected nonce`);
    }
    gpus[k] = c;
  }
  if (overall['eat_nonce'] !== undefined && String(overall['eat_nonce']).toLowerCase() !== nonceHex) {
    throw new GpuVerifyError('GPU_NRAS_NONCE_MISMATCH', 'overall eat_nonce differs from the expected nonce');
  }
  return Object.freeze({
    overall,
    gpus: Object.freeze(gpus),
    overallResult: overall['x-nvidia-overall-att-result'] === true,
  }) as unknown as VerifiedNrasToken;
}
