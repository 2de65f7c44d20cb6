/**
 * Collateral readers and the PCS client on devnet collateral with an in-memory transport: dcap-qvl JSON variants,
 * CRL bodies (DER / PEM / hex), CRL nextUpdate for cache expiry, issuer-chain headers, and quotes whose PCK chain
 * names the Processor CA or an unknown CA. No network, no vectors.
 */
import { createDevnetIntelPki, simulateTdxQuote, type DevnetIntelPki } from '../../devnet/intel';
import {
  collateralFromJson,
  collateralFromPcsParts,
  collateralToJson,
  CollateralError,
} from '../../attestation/collateral';
import {
  createPcsClient,
  crlNextUpdate,
  decodeCrlBody,
  decodeIssuerChainHeader,
  PcsError,
  type PcsHttpResponse,
} from '../../attestation/collateral/pcs-client';
import { nodeHttpTransport } from '../../attestation/collateral/pcs-client-node';
import { route, startLoopbackPcs, type LoopbackPcs } from './loopback-pcs';
import { codeOf, codeOfAsync } from '../helpers/codes';

const pki = createDevnetIntelPki({ seed: 'h6-collateral-readers' });

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('collateralFromJson variants', () => {
  const j = pki.collateralJson();

  it('byte-array CRLs (dcap-qvl serde form), 0x-prefixed hex and bytes input read the same collateral', () => {
    const arrays = {
      ...j,
      pck_crl: [...Buffer.from(j.pck_crl, 'hex')],
      root_ca_crl: `0x${j.root_ca_crl}`,
    };
    const a = collateralFromJson(arrays);
    const b = collateralFromJson(new Uint8Array(Buffer.from(JSON.stringify(j))));
    expect(same(a.pckCrl, b.pckCrl)).toBe(true);
    expect(same(a.rootCaCrl, b.rootCaCrl)).toBe(true);
    expect(same(a.pckCrl, pki.collateral.pckCrl)).toBe(true);
  });

  it('an absent PCK CRL issuer chain reads as empty', () => {
    expect(collateralFromJson({ ...j, pck_crl_issuer_chain: null }).pckCrlIssuerChain).toEqual([]);
    expect(collateralFromJson({ ...j, pck_crl_issuer_chain: '' }).pckCrlIssuerChain).toEqual([]);
  });

  it('PCS-style bodies in tcb_info / qe_identity carry their own signatures', () => {
    const c = collateralFromJson({
      ...j,
      tcb_info: pki.pcs.tcbInfoBody,
      qe_identity: pki.pcs.qeIdentityBody,
      tcb_info_signature: undefined,
      qe_identity_signature: undefined,
    });
    expect(same(c.tcbInfo, pki.collateral.tcbInfo)).toBe(true);
    expect(same(c.tcbInfoSignature, pki.collateral.tcbInfoSignature)).toBe(true);
    expect(same(c.qeIdentitySignature, pki.collateral.qeIdentitySignature)).toBe(true);
    const round = collateralFromJson(collateralToJson(c));
    expect(same(round.qeIdentity, c.qeIdentity)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['invalid JSON text', '{'],
    ['a JSON array', '[]'],
    ['null', null],
    ['a CRL byte array with 256', { ...j, pck_crl: [1, 256] }],
    ['a CRL that is a number', { ...j, root_ca_crl: 5 }],
    ['non-hex CRL text', { ...j, pck_crl: 'xyz' }],
    ['a missing issuer chain', { ...j, tcb_info_issuer_chain: undefined }],
    [
      'an empty PEM certificate',
      { ...j, qe_identity_issuer_chain: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----' },
    ],
    ['a tcb_info that is not JSON', { ...j, tcb_info: '{tcb' }],
    [
      'a PCS body with a non-hex signature',
      { ...j, tcb_info: '{"tcbInfo":{"id":"TDX"},"signature":"zz"}', tcb_info_signature: undefined },
    ],
  ])('%s is COLLATERAL_MALFORMED', (_name, input) => {
    expect(codeOf(() => collateralFromJson(input as string))).toBe('COLLATERAL_MALFORMED');
  });

  it('collateralFromPcsParts needs a signature in each body', () => {
    const parts = {
      tcbInfoBody: pki.pcs.tcbInfoBody,
      qeIdentityBody: pki.pcs.qeIdentityBody,
      pckCrl: pki.pcs.pckCrlDer,
      rootCaCrl: pki.pcs.rootCaCrlDer,
      tcbInfoIssuerChain: pki.collateral.tcbInfoIssuerChain,
      qeIdentityIssuerChain: pki.collateral.qeIdentityIssuerChain,
      pckCrlIssuerChain: pki.collateral.pckCrlIssuerChain,
    };
    expect(same(collateralFromPcsParts(parts).tcbInfo, pki.collateral.tcbInfo)).toBe(true);
    const unsigned = JSON.stringify({ ...JSON.parse(pki.pcs.tcbInfoBody), signature: 7 });
    const err = (() => {
      try {
        collateralFromPcsParts({ ...parts, tcbInfoBody: unsigned });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(CollateralError);
    expect((err as CollateralError).code).toBe('COLLATERAL_MALFORMED');
  });
});

describe('CRL bodies and nextUpdate', () => {
  const der = pki.pcs.rootCaCrlDer;
  it('DER, PEM and hex bodies decode to the same DER; anything else is PCS_RESPONSE_MALFORMED', () => {
    const pem = `-----BEGIN X509 CRL-----\n${Buffer.from(der).toString('base64')}\n-----END X509 CRL-----\n`;
    expect(same(decodeCrlBody(new Uint8Array(Buffer.from(pem)), 'crl'), der)).toBe(true);
    expect(same(decodeCrlBody(new Uint8Array(Buffer.from(Buffer.from(der).toString('hex'))), 'crl'), der)).toBe(true);
    expect(codeOf(() => decodeCrlBody(new Uint8Array(Buffer.from('not a crl')), 'crl'))).toBe('PCS_RESPONSE_MALFORMED');
    expect(codeOf(() => decodeCrlBody(new Uint8Array(Buffer.from('a102')), 'crl'))).toBe('PCS_RESPONSE_MALFORMED');
    expect(codeOf(() => decodeCrlBody(new Uint8Array(0), 'crl'))).toBe('PCS_RESPONSE_MALFORMED');
  });

  const tlv = (tag: number, body: number[]): number[] =>
    body.length < 128 ? [tag, body.length, ...body] : [tag, 0x81, body.length, ...body];
  const time = (tag: number, s: string) => tlv(tag, [...Buffer.from(s, 'ascii')]);
  const crl = (fields: number[][]) => Uint8Array.from(tlv(0x30, tlv(0x30, fields.flat())));
  const alg = tlv(0x30, tlv(0x06, [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]));
  const issuer = tlv(0x30, []);

  it('reads UTCTime and GeneralizedTime nextUpdate, with or without a version', () => {
    expect(crlNextUpdate(der)).toBeInstanceOf(Date);
    const v1 = crl([alg, issuer, time(0x17, '250601000000Z'), time(0x17, '250701000000Z')]);
    expect(crlNextUpdate(v1)?.toISOString()).toBe('2025-07-01T00:00:00.000Z');
    const old = crl([tlv(0x02, [1]), alg, issuer, time(0x17, '990601000000Z'), time(0x17, '991231235959Z')]);
    expect(crlNextUpdate(old)?.toISOString()).toBe('1999-12-31T23:59:59.000Z');
    const gen = crl([tlv(0x02, [1]), alg, issuer, time(0x18, '20250601000000Z'), time(0x18, '20600101000000Z')]);
    expect(crlNextUpdate(gen)?.toISOString()).toBe('2060-01-01T00:00:00.000Z');
  });

  it('is undefined without nextUpdate or for unreadable DER', () => {
    expect(crlNextUpdate(crl([alg, issuer, time(0x17, '250601000000Z'), tlv(0x30, [])]))).toBeUndefined();
    expect(crlNextUpdate(crl([alg, issuer, time(0x17, '250601000000Z'), time(0x17, '2507')]))).toBeUndefined();
    expect(crlNextUpdate(Uint8Array.of(0x30, 0x85, 1, 2, 3, 4, 5))).toBeUndefined();
    expect(crlNextUpdate(Uint8Array.of(0x30, 0x82, 0x10))).toBeUndefined();
    expect(crlNextUpdate(Uint8Array.of(0x30))).toBeUndefined();
    expect(crlNextUpdate(der.subarray(0, der.length - 80))).toBeUndefined();
  });

  it('issuer-chain headers: absent, not URL-encoded or without a certificate are PCS_ISSUER_CHAIN_MISSING', () => {
    expect(decodeIssuerChainHeader(encodeURIComponent(pki.pcs.tcbInfoIssuerChainPem), 'h')).toHaveLength(2);
    for (const v of [undefined, '  ', '%E0%A4%A', encodeURIComponent('no pem here')]) {
      expect(codeOf(() => decodeIssuerChainHeader(v, 'h'))).toBe('PCS_ISSUER_CHAIN_MISSING');
    }
  });
});

describe('PCS client with an in-memory transport', () => {
  const BASE = 'https://pccs.example';
  function transportFor(p: DevnetIntelPki, over: Record<string, Partial<PcsHttpResponse>> = {}) {
    const hits: string[] = [];
    const routes: Record<string, PcsHttpResponse> = {
      [`pckcrl?ca=${p.pckCaType}`]: {
        status: 200,
        headers: { 'sgx-pck-crl-issuer-chain': encodeURIComponent(p.pcs.pckCrlIssuerChainPem) },
        body: p.pcs.pckCrlDer,
      },
      'tcb?': {
        status: 200,
        headers: { 'sgx-tcb-info-issuer-chain': encodeURIComponent(p.pcs.tcbInfoIssuerChainPem) },
        body: new Uint8Array(Buffer.from(p.pcs.tcbInfoBody)),
      },
      'qe/identity': {
        status: 200,
        headers: { 'sgx-enclave-identity-issuer-chain': encodeURIComponent(p.pcs.qeIdentityIssuerChainPem) },
        body: new Uint8Array(Buffer.from(p.pcs.qeIdentityBody)),
      },
      rootcacrl: { status: 200, headers: {}, body: p.pcs.rootCaCrlDer },
    };
    const transport = async (u: string): Promise<PcsHttpResponse> => {
      hits.push(u);
      const key = Object.keys(routes).find((k) => u.includes(k));
      if (!key) return { status: 404, headers: {}, body: new Uint8Array(0) };
      return { ...routes[key]!, ...(over[key] ?? {}) };
    };
    return { transport, hits };
  }

  it('a Processor-CA quote fetches the processor PCK CRL (legacy SGX-TCB-Info header name accepted)', async () => {
    const proc = createDevnetIntelPki({ seed: 'h6-processor', pckCaType: 'processor' });
    const { transport, hits } = transportFor(proc);
    const client = createPcsClient({ baseUrl: BASE, transport });
    const c = await client.getCollateralForQuote(simulateTdxQuote(proc, { reportData: new Uint8Array(64) }));
    expect(same(c.tcbInfo, proc.collateral.tcbInfo)).toBe(true);
    expect(hits.some((u) => u.includes('pckcrl?ca=processor'))).toBe(true);
  });

  it('a quote whose PCK CA is neither Platform nor Processor is PCS_QUOTE_UNSUPPORTED', async () => {
    const odd = createDevnetIntelPki({ seed: 'h6-odd-ca', certOverrides: { pckCa: { cn: 'Some Other CA' } } });
    const { transport, hits } = transportFor(odd);
    const client = createPcsClient({ baseUrl: BASE, transport });
    expect(
      await codeOfAsync(client.getCollateralForQuote(simulateTdxQuote(odd, { reportData: new Uint8Array(64) }))),
    ).toBe('PCS_QUOTE_UNSUPPORTED');
    expect(hits).toEqual([]);
  });

  it('malformed bodies: unsigned TCB Info, a non-hex signature, a garbage root CA CRL', async () => {
    const unsigned = JSON.stringify({ tcbInfo: JSON.parse(pki.tcbInfoJson) });
    const a = transportFor(pki, { 'tcb?': { body: new Uint8Array(Buffer.from(unsigned)) } });
    expect(
      await codeOfAsync(createPcsClient({ baseUrl: BASE, transport: a.transport }).getTcbInfo('tdx', pki.fmspc)),
    ).toBe('PCS_RESPONSE_MALFORMED');
    const badSig = JSON.stringify({ ...JSON.parse(pki.pcs.tcbInfoBody), signature: 'zz' });
    const b = transportFor(pki, { 'tcb?': { body: new Uint8Array(Buffer.from(badSig)) } });
    const client = createPcsClient({ baseUrl: BASE, transport: b.transport });
    expect(await codeOfAsync(client.getCollateral({ tee: 'tdx', fmspc: pki.fmspc, ca: 'platform' }))).toBe(
      'PCS_RESPONSE_MALFORMED',
    );
    const c = transportFor(pki, { rootcacrl: { body: new Uint8Array(Buffer.from('garbage')) } });
    expect(await codeOfAsync(createPcsClient({ baseUrl: BASE, transport: c.transport }).getRootCaCrl())).toBe(
      'PCS_RESPONSE_MALFORMED',
    );
  });

  it('argument misuse is RangeError / TypeError', async () => {
    const { transport } = transportFor(pki);
    const client = createPcsClient({ baseUrl: BASE, transport });
    expect(await codeOfAsync(client.getTcbInfo('sev' as 'tdx', pki.fmspc))).toBe('uncoded RangeError');
    expect(await codeOfAsync(client.getTcbInfo('tdx', 'xyz'))).toBe('uncoded RangeError');
    expect(await codeOfAsync(client.getPckCrl('root' as 'platform'))).toBe('uncoded RangeError');
    expect(codeOf(() => createPcsClient({ transport: undefined as never }))).toBe('uncoded TypeError');
    expect(
      codeOf(() => createPcsClient({ transport, cache: { get: async () => undefined, set: async () => undefined } })),
    ).toBe('uncoded TypeError');
  });

  it('PcsError is the error type of transport failures', async () => {
    const client = createPcsClient({ baseUrl: BASE, transport: async () => Promise.reject(new Error('reset')) });
    await expect(client.getRootCaCrl()).rejects.toBeInstanceOf(PcsError);
  });
});

describe('node HTTP transport (loopback)', () => {
  let pcs: LoopbackPcs;
  beforeAll(async () => {
    pcs = await startLoopbackPcs();
  });
  afterAll(async () => {
    await pcs.close();
  });

  it('follows redirects up to the limit and joins repeated headers', async () => {
    route(pcs, '/a', { status: 302, headers: { location: '/b' }, body: '' });
    route(pcs, '/b', { status: 200, headers: { 'x-test': 'v' }, body: 'done' });
    const t = nodeHttpTransport({ timeoutMs: 5000 });
    const r = await t(`${pcs.baseUrl}/a`, {});
    expect([r.status, Buffer.from(r.body).toString(), r.headers['x-test']]).toEqual([200, 'done', 'v']);
    const none = await nodeHttpTransport({ maxRedirects: 0 })(`${pcs.baseUrl}/a`, {});
    expect(none.status).toBe(302);
  });

  it('rejects unsupported protocols and oversized bodies', async () => {
    await expect(nodeHttpTransport()('ftp://127.0.0.1/x', {})).rejects.toThrow(/unsupported protocol/);
    route(pcs, '/big', { status: 200, body: 'x'.repeat(5000) });
    await expect(nodeHttpTransport({ maxBodyBytes: 100 })(`${pcs.baseUrl}/big`, {})).rejects.toThrow(/larger than/);
  });
});
