/**
 * GPU evidence edge cases, continued: malformed NRAS tokens and their claim appraisal, and OCSP responses (devnet
 * responses, re-encoded) the parser must refuse.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { CompactSign, exportJWK, SignJWT, type JWK } from 'jose';
import {
  appraiseNras,
  createGpuVerifyCache,
  NRAS_ISSUER,
  nrasViolations,
  parseNrasEat,
  verifyGpuEvidence,
  verifyNrasEat,
} from '../../attestation/gpu';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicOCSPResponse, OCSPResponse, OCSPResponseStatus } from '@peculiar/asn1-ocsp';
import { OctetString } from '@peculiar/asn1-schema';
import { parseGpuOcspResponse } from '../../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuEvidence, simulateGpuOcspResponse } from '../../devnet';
import { codeOf, nrasDeviceClaims } from './helpers';

const NOW = new Date('2026-03-01T00:00:00Z');
const nonce = new Uint8Array(createHash('sha256').update('edge-case nonce').digest());
const pki = createDevnetNvidiaPki({ seed: 'chrysalis-edge-cases' });
const ev = simulateGpuEvidence(pki, { nonce });
const cache = createGpuVerifyCache();

describe('NRAS tokens: malformed input and claim appraisal', () => {
  const nonceHex = Buffer.from(nonce).toString('hex');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const KID = 'edge-kid';
  const iat = Math.floor(NOW.getTime() / 1000);
  let jwks: { keys: JWK[] };
  beforeAll(async () => {
    jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID }] };
  });
  const device = (extra: Record<string, unknown> = {}): Record<string, unknown> => nrasDeviceClaims(nonceHex, extra);
  const jwt = (claims: Record<string, unknown>, issuer = NRAS_ISSUER): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES384', kid: KID })
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(privateKey);
  const digest = (t: string) => ['DIGEST', ['SHA-256', createHash('sha256').update(t).digest('hex')]];
  const eat = async (devices: Record<string, string>, overall: Record<string, unknown> = {}): Promise<string> =>
    JSON.stringify([
      [
        'JWT',
        await jwt({
          'x-nvidia-overall-att-result': true,
          eat_nonce: nonceHex,
          submods: Object.fromEntries(Object.entries(devices).map(([k, t]) => [k, digest(t)])),
          ...overall,
        }),
      ],
      devices,
    ]);
  const rejects = (p: Promise<unknown>): Promise<string | undefined> =>
    p.then(
      () => undefined,
      (e: { code?: string }) => e.code,
    );

  it.each<[string, unknown]>([
    ['not JSON', '[['],
    ['not a pair', '[1]'],
    ['a bad head', JSON.stringify([['JWS', 'x'], {}])],
    ['array submods', JSON.stringify([['JWT', 'x'], []])],
    ['a non-string submod', JSON.stringify([['JWT', 'x'], { 'GPU-0': 1 }])],
    ['an undecodable overall JWT', JSON.stringify([['JWT', 'not-a-jwt'], {}])],
  ])('%s is GPU_NRAS_TOKEN_INVALID', (_name, input) => {
    expect(codeOf(() => parseNrasEat(input))).toBe('GPU_NRAS_TOKEN_INVALID');
  });

  it('an overall token without submods is invalid; a submod count that differs is a digest mismatch', async () => {
    const noSubmods = JSON.stringify([['JWT', await jwt({ eat_nonce: nonceHex })], {}]);
    expect(codeOf(() => parseNrasEat(noSubmods))).toBe('GPU_NRAS_TOKEN_INVALID');
    const t = await jwt(device());
    const extra = JSON.parse(await eat({ 'GPU-0': t })) as [unknown, Record<string, string>];
    extra[1]['GPU-1'] = t;
    expect(codeOf(() => parseNrasEat(extra))).toBe('GPU_NRAS_SUBMOD_DIGEST_MISMATCH');
  });

  it('device tokens with an undecodable header, a non-ES384 alg or a non-JSON payload are GPU_NRAS_TOKEN_INVALID', async () => {
    expect(await rejects(verifyNrasEat(await eat({ 'GPU-0': 'x.y.z' }), { now: NOW, nonce, jwks }))).toBe(
      'GPU_NRAS_TOKEN_INVALID',
    );
    const hs = await new SignJWT(device()).setProtectedHeader({ alg: 'HS256', kid: KID }).sign(new Uint8Array(32));
    expect(await rejects(verifyNrasEat(await eat({ 'GPU-0': hs }), { now: NOW, nonce, jwks }))).toBe(
      'GPU_NRAS_TOKEN_INVALID',
    );
    const notJson = await new CompactSign(Buffer.from('not json'))
      .setProtectedHeader({ alg: 'ES384', kid: KID })
      .sign(privateKey);
    expect(await rejects(verifyNrasEat(await eat({ 'GPU-0': notJson }), { now: NOW, nonce, jwks }))).toBe(
      'GPU_NRAS_TOKEN_INVALID',
    );
  });

  it('a JWKS key that cannot be imported is GPU_NRAS_TOKEN_INVALID', async () => {
    const broken = { keys: [{ kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA', kid: KID }] };
    expect(
      await rejects(verifyNrasEat(await eat({ 'GPU-0': await jwt(device()) }), { now: NOW, nonce, jwks: broken })),
    ).toBe('GPU_NRAS_TOKEN_INVALID');
  });

  it('a wrong issuer is GPU_NRAS_CLAIMS_INVALID; a wrong overall nonce is GPU_NRAS_NONCE_MISMATCH', async () => {
    const foreign = await jwt(device(), 'https://example.invalid');
    expect(await rejects(verifyNrasEat(await eat({ 'GPU-0': foreign }), { now: NOW, nonce, jwks }))).toBe(
      'GPU_NRAS_CLAIMS_INVALID',
    );
    const wrongOverall = await eat({ 'GPU-0': await jwt(device()) }, { eat_nonce: '00'.repeat(32) });
    expect(await rejects(verifyNrasEat(wrongOverall, { now: NOW, nonce, jwks }))).toBe('GPU_NRAS_NONCE_MISMATCH');
  });

  it('collects GPU count, hardware model and VBIOS violations', async () => {
    const v = await verifyNrasEat(
      await eat({
        'GPU-0': await jwt(device({ hwmodel: 'GB100 A01 GSP BROM', 'x-nvidia-gpu-vbios-version': '96.00.5E.00.04' })),
        'GPU-1': await jwt(device({ 'x-nvidia-gpu-vbios-version': 7 })),
      }),
      { now: NOW, nonce, jwks },
    );
    const vs = nrasViolations(v, { gpuCount: 1, minVbiosVersion: '96.00.9F.00.01' });
    expect(vs.map((x) => [x.code, x.field])).toEqual([
      ['GPU_POLICY_NRAS_GPU_COUNT', 'submods'],
      ['GPU_POLICY_MODEL_NOT_ALLOWED', 'GPU-0.hwmodel'],
      ['GPU_POLICY_VBIOS_TOO_OLD', 'GPU-0.x-nvidia-gpu-vbios-version'],
      ['GPU_POLICY_VBIOS_TOO_OLD', 'GPU-1.x-nvidia-gpu-vbios-version'],
    ]);
    expect(vs[3]!.actual).toBe('7');
    expect(nrasViolations(v, { allowedHwModels: ['GH100 A01 GSP BROM', 'GB100 A01 GSP BROM'] })).toEqual([]);
    expect(codeOf(() => appraiseNras(v))).toBe('GPU_POLICY_REJECTED');
  });
});

describe('OCSP response parsing (devnet responses, re-encoded)', () => {
  const good = simulateGpuOcspResponse(ev.certChain[1]!, pki.cas.deviceProvisioner, { now: NOW });
  const withBasic = (edit: (b: BasicOCSPResponse) => void): Uint8Array => {
    const resp = AsnConvert.parse(good, OCSPResponse);
    const basic = AsnConvert.parse(resp.responseBytes!.response.buffer, BasicOCSPResponse);
    edit(basic);
    resp.responseBytes!.response = new OctetString(AsnConvert.serialize(basic));
    return new Uint8Array(AsnConvert.serialize(resp));
  };

  it('parses a good devnet response with its status and validity', () => {
    const p = parseGpuOcspResponse(good);
    expect(p.sigHash).toBe('sha384');
    expect(p.singles.map((x) => [x.status, x.hashAlg])).toEqual([['good', 'sha1']]);
    expect(p.singles[0]!.nextUpdate).toBeGreaterThan(NOW.getTime());
    const revoked = parseGpuOcspResponse(
      simulateGpuOcspResponse(ev.certChain[1]!, pki.cas.deviceProvisioner, { now: NOW, status: 'hold' }),
    );
    expect(revoked.singles[0]).toMatchObject({ status: 'revoked', revocationReason: 6 });
    const unknown = parseGpuOcspResponse(
      simulateGpuOcspResponse(ev.certChain[1]!, pki.cas.deviceProvisioner, { now: NOW, status: 'unknown' }),
    );
    expect(unknown.singles[0]!.status).toBe('unknown');
  });

  it('non-DER, unsuccessful, non-basic, unsupported algorithms and no nextUpdate', () => {
    expect(codeOf(() => parseGpuOcspResponse(Uint8Array.of(1, 2, 3)))).toBe('GPU_OCSP_MALFORMED');
    const failed = new OCSPResponse({ responseStatus: OCSPResponseStatus.tryLater });
    expect(codeOf(() => parseGpuOcspResponse(new Uint8Array(AsnConvert.serialize(failed))))).toBe('GPU_OCSP_MALFORMED');
    const other = AsnConvert.parse(good, OCSPResponse);
    other.responseBytes!.responseType = '1.3.6.1.5.5.7.48.1.99';
    expect(codeOf(() => parseGpuOcspResponse(new Uint8Array(AsnConvert.serialize(other))))).toBe('GPU_OCSP_MALFORMED');
    const md5 = withBasic((b) => {
      b.signatureAlgorithm.algorithm = '1.2.840.113549.1.1.4';
    });
    expect(codeOf(() => parseGpuOcspResponse(md5))).toBe('GPU_OCSP_MALFORMED');
    const certIdMd5 = withBasic((b) => {
      b.tbsResponseData.responses[0]!.certID.hashAlgorithm.algorithm = '1.2.840.113549.2.5';
    });
    expect(codeOf(() => parseGpuOcspResponse(certIdMd5))).toBe('GPU_OCSP_MALFORMED');
    const open = withBasic((b) => {
      delete (b.tbsResponseData.responses[0] as { nextUpdate?: Date }).nextUpdate;
    });
    expect(parseGpuOcspResponse(open).singles[0]!.nextUpdate).toBeUndefined();
  });

  it('a re-encoded response whose signature no longer verifies is not accepted under require', () => {
    const ocsp = simulateGpuEvidence(pki, { nonce, ocspAt: NOW }).ocsp!;
    const tampered = ocsp.map((d, i) =>
      i === 0
        ? (() => {
            const resp = AsnConvert.parse(d, OCSPResponse);
            const basic = AsnConvert.parse(resp.responseBytes!.response.buffer, BasicOCSPResponse);
            basic.tbsResponseData.producedAt = new Date(NOW.getTime() - 1000);
            resp.responseBytes!.response = new OctetString(AsnConvert.serialize(basic));
            return new Uint8Array(AsnConvert.serialize(resp));
          })()
        : d,
    );
    expect(
      codeOf(() =>
        verifyGpuEvidence(
          { ...ev, ocsp: tampered },
          { now: NOW, nonce, trust: pki.trust, ocspPolicy: 'require', cache },
        ),
      ),
    ).toBe('GPU_OCSP_RESPONDER_UNTRUSTED');
  });
});
