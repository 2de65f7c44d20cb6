import { createHash, generateKeyPairSync } from 'node:crypto';
import { exportJWK, SignJWT, type JWK } from 'jose';
import { describeVectors } from '../helpers/vectors';
import { appraiseNras, GpuPolicyError, parseNrasEat, verifyNrasEat, NRAS_ISSUER } from '../../attestation/gpu';
import { E1, hex, nrasDeviceClaims, readText } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const nonce = new Uint8Array(32).fill(0x42);
const nonceHex = Buffer.from(nonce).toString('hex');
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const KID = 'nv-eat-kid-test-1';
let jwks: { keys: JWK[] };

const iat = Math.floor(NOW.getTime() / 1000);
const deviceClaims = (extra: Record<string, unknown> = {}): Record<string, unknown> =>
  nrasDeviceClaims(nonceHex, extra);
async function jwt(
  claims: Record<string, unknown>,
  opts: { kid?: string; exp?: number; key?: typeof privateKey } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES384', kid: opts.kid ?? KID })
    .setIssuer(NRAS_ISSUER)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(opts.exp ?? iat + 3600)
    .sign(opts.key ?? privateKey);
}
async function eat(devices: Record<string, string>, overallExtra: Record<string, unknown> = {}): Promise<string> {
  const submods = Object.fromEntries(
    Object.entries(devices).map(([k, t]) => [k, ['DIGEST', ['SHA-256', createHash('sha256').update(t).digest('hex')]]]),
  );
  const overall = await jwt({
    sub: 'NVIDIA-PLATFORM-ATTESTATION',
    'x-nvidia-overall-att-result': true,
    eat_nonce: nonceHex,
    submods,
    ...overallExtra,
  });
  return JSON.stringify([['JWT', overall], devices]);
}

beforeAll(async () => {
  jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID }] };
});

const codeOfAsync = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

describe('NRAS detached EAT (synthetic ES384 tokens + JWKS)', () => {
  it('verifies and passes appraisal', async () => {
    const v = await verifyNrasEat(await eat({ 'GPU-0': await jwt(deviceClaims()) }), { now: NOW, nonce, jwks });
    expect(v.overallResult).toBe(true);
    expect(Object.keys(v.gpus)).toEqual(['GPU-0']);
    expect(() => appraiseNras(v, { minDriverVersion: '550.0', gpuCount: 1 })).not.toThrow();
  });
  it('claims violations are all collected', async () => {
    const v = await verifyNrasEat(
      await eat(
        { 'GPU-0': await jwt(deviceClaims({ measres: 'fail', dbgstat: 'enabled' })) },
        { 'x-nvidia-overall-att-result': false },
      ),
      { now: NOW, nonce, jwks },
    );
    try {
      appraiseNras(v, { minDriverVersion: '560' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(GpuPolicyError);
      expect((e as GpuPolicyError).violations.map((x) => x.code).sort()).toEqual(
        [
          'GPU_POLICY_DEVTOOLS_NOT_PROVEN_OFF',
          'GPU_POLICY_DRIVER_TOO_OLD',
          'GPU_POLICY_MEASUREMENT_MISMATCH',
          'GPU_POLICY_NRAS_OVERALL_FAILED',
        ].sort(),
      );
    }
  });
  it('rejects wrong nonce, unknown kid, bad signature, expiry, digest mismatch, error details, malformed', async () => {
    const good = await jwt(deviceClaims());
    expect(
      await codeOfAsync(
        verifyNrasEat(await eat({ 'GPU-0': await jwt(deviceClaims({ eat_nonce: 'ab'.repeat(32) })) }), {
          now: NOW,
          nonce,
          jwks,
        }),
      ),
    ).toBe('GPU_NRAS_NONCE_MISMATCH');
    expect(
      await codeOfAsync(verifyNrasEat(await eat({ 'GPU-0': good }), { now: NOW, nonce, jwks: { keys: [] } })),
    ).toBe('GPU_NRAS_KEY_NOT_FOUND');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    expect(
      await codeOfAsync(
        verifyNrasEat(await eat({ 'GPU-0': await jwt(deviceClaims(), { key: other }) }), { now: NOW, nonce, jwks }),
      ),
    ).toBe('GPU_NRAS_SIGNATURE_INVALID');
    expect(
      await codeOfAsync(
        verifyNrasEat(await eat({ 'GPU-0': good }), { now: new Date(NOW.getTime() + 2 * 3600_000), nonce, jwks }),
      ),
    ).toBe('GPU_NRAS_EXPIRED');
    const e = JSON.parse(await eat({ 'GPU-0': good })) as [unknown, Record<string, string>];
    e[1]['GPU-0'] = await jwt(deviceClaims({ measres: 'fail' }));
    expect(await codeOfAsync(verifyNrasEat(e, { now: NOW, nonce, jwks }))).toBe('GPU_NRAS_SUBMOD_DIGEST_MISMATCH');
    const errTok = await jwt({ 'x-nvidia-error-details': { code: 4010, message: 'NONCE_NOT_MATCHING' } });
    expect(await codeOfAsync(verifyNrasEat(await eat({ 'GPU-0': errTok }), { now: NOW, nonce, jwks }))).toBe(
      'GPU_NRAS_ERROR_REPORTED',
    );
    expect(await codeOfAsync(verifyNrasEat('not json', { now: NOW, nonce, jwks }))).toBe('GPU_NRAS_TOKEN_INVALID');
    expect(await codeOfAsync(verifyNrasEat('[1,2]', { now: NOW, nonce, jwks }))).toBe('GPU_NRAS_TOKEN_INVALID');
  });
});

describeVectors('gpu')('NRAS real v3 token for E1', () => {
  const file = 'nvidia-attestation-sdk/sample_attestation_data/hopperClaimsv3_detached_eat.json';
  it('structure and submod digest check out; signature key is not available offline', async () => {
    const p = parseNrasEat(readText(file));
    expect(Object.keys(p.deviceJwts)).toEqual(['GPU-0']);
    const code = await codeOfAsync(
      verifyNrasEat(readText(file), {
        now: new Date('2025-06-11T00:30:00Z'),
        nonce: hex(E1.nonce),
        jwks: { keys: [] },
      }),
    );
    expect(code).toBe('GPU_NRAS_KEY_NOT_FOUND');
  });
});
