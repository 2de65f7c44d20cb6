import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet/intel';
import {
  createPcsClient,
  decodeCrlBody,
  normalisePcsBaseUrl,
  PcsError,
  type PcsTransport,
} from '../../attestation/collateral/pcs-client';
import { createNodePcsClient } from '../../attestation/collateral/pcs-client-node';
import { hitsOf, intelHeader, route, startLoopbackPcs, type LoopbackPcs } from './loopback-pcs';
import { manualClock } from '../../core/clock';

const pki = createDevnetIntelPki({ seed: 'pcs-client-test' });
const quote = simulateTdxQuote(pki, { reportData: new Uint8Array(64) });
const P = {
  pckCrl: '/sgx/certification/v4/pckcrl?ca=platform&encoding=der',
  tcb: `/tdx/certification/v4/tcb?fmspc=${pki.fmspc}`,
  qe: '/tdx/certification/v4/qe/identity',
  root: '/sgx/certification/v4/rootcacrl',
};

function serveDevnet(pcs: LoopbackPcs, opts: { minimalEncoding?: boolean; rootAsHex?: boolean } = {}): void {
  const enc = opts.minimalEncoding ? (s: string): string => s.replace(/ /g, '%20').replace(/\n/g, '%0A') : intelHeader;
  route(pcs, P.pckCrl, {
    body: pki.pcs.pckCrlDer,
    headers: { 'SGX-PCK-CRL-Issuer-Chain': enc(pki.pcs.pckCrlIssuerChainPem), 'content-type': 'application/pkix-crl' },
  });
  route(pcs, P.tcb, {
    body: pki.pcs.tcbInfoBody,
    headers: { 'TCB-Info-Issuer-Chain': enc(pki.pcs.tcbInfoIssuerChainPem), 'content-type': 'application/json' },
  });
  route(pcs, P.qe, {
    body: pki.pcs.qeIdentityBody,
    headers: {
      'SGX-Enclave-Identity-Issuer-Chain': enc(pki.pcs.qeIdentityIssuerChainPem),
      'content-type': 'application/json',
    },
  });
  route(pcs, P.root, {
    body: opts.rootAsHex ? Buffer.from(pki.pcs.rootCaCrlDer).toString('hex') : pki.pcs.rootCaCrlDer,
  });
}

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'NO_ERROR';
  } catch (e) {
    return e instanceof PcsError ? e.code : `UNTYPED:${String(e)}`;
  }
};

describe('PCS / PCCS client against a loopback server (devnet collateral)', () => {
  let pcs: LoopbackPcs;
  let dir: string;
  beforeEach(async () => {
    pcs = await startLoopbackPcs();
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-pcs-'));
  });
  afterEach(async () => {
    await pcs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['Intel-style full percent-encoding, DER root CRL', {}],
    ['minimal encoding (%20/%0A only), PCCS hex root CRL', { minimalEncoding: true, rootAsHex: true }],
  ])('fetches the collateral for a quote: %s', async (_n, o) => {
    serveDevnet(pcs, o);
    const client = createNodePcsClient({ baseUrl: pcs.baseUrl });
    expect(await client.getCollateralForQuote(quote)).toEqual(pki.collateral);
    expect(await client.getCollateral({ tee: 'tdx', fmspc: pki.fmspc.toLowerCase(), ca: 'platform' })).toEqual(
      pki.collateral,
    );
  });

  test('accepts the SGX-TCB-Info-Issuer-Chain header of API v3 / older PCCS', async () => {
    serveDevnet(pcs);
    route(pcs, P.tcb, {
      body: pki.pcs.tcbInfoBody,
      headers: { 'SGX-TCB-Info-Issuer-Chain': intelHeader(pki.pcs.tcbInfoIssuerChainPem) },
    });
    const r = await createNodePcsClient({ baseUrl: pcs.baseUrl }).getTcbInfo('tdx', pki.fmspc);
    expect(r.body).toBe(pki.pcs.tcbInfoBody);
    expect(r.issuerChain).toEqual(pki.collateral.tcbInfoIssuerChain);
  });

  test('a PCCS base URL with the /sgx/certification/v4/ suffix is normalised', async () => {
    serveDevnet(pcs);
    expect(normalisePcsBaseUrl(`${pcs.baseUrl}/sgx/certification/v4/`)).toBe(pcs.baseUrl);
    const client = createNodePcsClient({ baseUrl: `${pcs.baseUrl}/sgx/certification/v4/` });
    expect(await client.getCollateralForQuote(quote)).toEqual(pki.collateral);
  });

  test('typed errors: HTTP status, missing header, malformed body, network failure, unsupported quote', async () => {
    serveDevnet(pcs);
    const client = createNodePcsClient({ baseUrl: pcs.baseUrl });
    expect(await codeOf(client.getTcbInfo('tdx', '000000000000'))).toBe('PCS_HTTP_STATUS');
    route(pcs, P.qe, { body: pki.pcs.qeIdentityBody });
    expect(await codeOf(client.getQeIdentity('tdx'))).toBe('PCS_ISSUER_CHAIN_MISSING');
    route(pcs, P.qe, {
      body: '{"enclaveIdentity":',
      headers: { 'SGX-Enclave-Identity-Issuer-Chain': intelHeader(pki.pcs.qeIdentityIssuerChainPem) },
    });
    expect(await codeOf(client.getQeIdentity('tdx'))).toBe('PCS_RESPONSE_MALFORMED');
    route(pcs, P.qe, {
      body: '{"enclaveIdentity":{}}',
      headers: { 'SGX-Enclave-Identity-Issuer-Chain': intelHeader(pki.pcs.qeIdentityIssuerChainPem) },
    });
    expect(await codeOf(client.getQeIdentity('tdx'))).toBe('PCS_RESPONSE_MALFORMED');
    route(pcs, P.pckCrl, {
      body: 'not a crl',
      headers: { 'SGX-PCK-CRL-Issuer-Chain': intelHeader(pki.pcs.pckCrlIssuerChainPem) },
    });
    expect(await codeOf(client.getPckCrl('platform'))).toBe('PCS_RESPONSE_MALFORMED');
    route(pcs, P.pckCrl, { body: pki.pcs.pckCrlDer, headers: { 'SGX-PCK-CRL-Issuer-Chain': 'garbage%ZZ' } });
    expect(await codeOf(client.getPckCrl('platform'))).toBe('PCS_ISSUER_CHAIN_MISSING');
    serveDevnet(pcs);
    route(pcs, P.tcb, { status: 503, body: 'busy' });
    expect(await codeOf(client.getCollateralForQuote(quote))).toBe('PCS_HTTP_STATUS');
    const base = pcs.baseUrl;
    await pcs.close();
    expect(await codeOf(createNodePcsClient({ baseUrl: base, timeoutMs: 2000 }).getRootCaCrl())).toBe(
      'PCS_NETWORK_ERROR',
    );
    pcs = await startLoopbackPcs(); // for afterEach
    const sgx = new Uint8Array(quote);
    sgx.set([0x03, 0x00], 0); // version 3 with TDX tee type: parse error, typed, not a crash
    await expect(client.getCollateralForQuote(sgx)).rejects.toHaveProperty('code');
  });

  test('programmer misuse throws RangeError / TypeError', async () => {
    const client = createNodePcsClient({ baseUrl: pcs.baseUrl });
    await expect(client.getTcbInfo('tdx', 'xyz')).rejects.toThrow(RangeError);
    await expect(client.getPckCrl('other' as 'platform')).rejects.toThrow(RangeError);
    expect(() => createPcsClient({} as never)).toThrow(TypeError);
    const t: PcsTransport = async () => ({ status: 200, headers: {}, body: new Uint8Array() });
    expect(() => createPcsClient({ transport: t, cache: { get: async () => undefined, set: async () => {} } })).toThrow(
      TypeError,
    );
  });

  test('on-disk cache: keyed by URL, served until nextUpdate, shared across clients, corrupt files are misses', async () => {
    serveDevnet(pcs);
    const clock = manualClock(new Date('2025-06-10T00:00:00Z'));
    const c1 = createNodePcsClient({ baseUrl: pcs.baseUrl, cacheDir: dir, clock });
    expect(await c1.getCollateralForQuote(quote)).toEqual(pki.collateral);
    expect(await c1.getCollateralForQuote(quote)).toEqual(pki.collateral);
    for (const p of Object.values(P)) expect(hitsOf(pcs, p)).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(4);

    // a second client on the same directory is served from disk
    const c2 = createNodePcsClient({ baseUrl: pcs.baseUrl, cacheDir: dir, clock });
    expect(await c2.getCollateral({ tee: 'tdx', fmspc: pki.fmspc, ca: 'platform' })).toEqual(pki.collateral);
    for (const p of Object.values(P)) expect(hitsOf(pcs, p)).toBe(1);

    // past the TCB Info / QE Identity / PCK CRL nextUpdate (30 days) but before the root CRL's (365 days)
    clock.set(new Date('2025-07-02T00:00:00Z'));
    await c2.getCollateralForQuote(quote);
    expect(hitsOf(pcs, P.tcb)).toBe(2);
    expect(hitsOf(pcs, P.qe)).toBe(2);
    expect(hitsOf(pcs, P.pckCrl)).toBe(2);
    expect(hitsOf(pcs, P.root)).toBe(1);

    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), '{not json');
    await c2.getCollateralForQuote(quote);
    expect(hitsOf(pcs, P.root)).toBe(2);
  });

  test('Intel PCS mode fetches the root CA CRL from the configured DER URL and sends the API key', async () => {
    serveDevnet(pcs);
    route(pcs, '/IntelSGXRootCA.der', { body: pki.pcs.rootCaCrlDer });
    const seen: Record<string, string>[] = [];
    const transport: PcsTransport = async (url, headers) => {
      seen.push({ ...headers });
      const res = await fetch(url, { headers: { ...headers } });
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => (h[k] = v));
      return { status: res.status, headers: h, body: new Uint8Array(await res.arrayBuffer()) };
    };
    const client = createPcsClient({
      baseUrl: pcs.baseUrl,
      rootCaCrlUrl: `${pcs.baseUrl}/IntelSGXRootCA.der`,
      transport,
      apiKey: 'k',
    });
    expect(await client.getRootCaCrl()).toEqual(pki.pcs.rootCaCrlDer);
    expect(seen[0]?.['ocp-apim-subscription-key']).toBe('k');
    expect(hitsOf(pcs, P.root)).toBe(0);
  });

  test('node transport: timeout and body-size cap are network errors', async () => {
    serveDevnet(pcs);
    route(pcs, P.qe, { hang: true, body: '' });
    expect(await codeOf(createNodePcsClient({ baseUrl: pcs.baseUrl, timeoutMs: 200 }).getQeIdentity('tdx'))).toBe(
      'PCS_NETWORK_ERROR',
    );
    expect(
      await codeOf(createNodePcsClient({ baseUrl: pcs.baseUrl, maxBodyBytes: 100 }).getTcbInfo('tdx', pki.fmspc)),
    ).toBe('PCS_NETWORK_ERROR');
  });

  test('URLs follow Intel PCS API v4 exactly', async () => {
    const urls: string[] = [];
    const transport: PcsTransport = async (url) => {
      urls.push(url);
      return { status: 404, headers: {}, body: new Uint8Array() };
    };
    const intel = createPcsClient({ transport });
    const early = createPcsClient({
      transport,
      baseUrl: 'https://pccs.example:8081/sgx/certification/v4/',
      update: 'early',
    });
    for (const c of [intel, early]) {
      await codeOf(c.getPckCrl('processor'));
      await codeOf(c.getTcbInfo('sgx', '00a067110000'));
      await codeOf(c.getQeIdentity('tdx'));
      await codeOf(c.getRootCaCrl());
    }
    expect(urls).toEqual([
      'https://api.trustedservices.intel.com/sgx/certification/v4/pckcrl?ca=processor&encoding=der',
      'https://api.trustedservices.intel.com/sgx/certification/v4/tcb?fmspc=00A067110000',
      'https://api.trustedservices.intel.com/tdx/certification/v4/qe/identity',
      'https://certificates.trustedservices.intel.com/IntelSGXRootCA.der',
      'https://pccs.example:8081/sgx/certification/v4/pckcrl?ca=processor&encoding=der',
      'https://pccs.example:8081/sgx/certification/v4/tcb?fmspc=00A067110000&update=early',
      'https://pccs.example:8081/tdx/certification/v4/qe/identity?update=early',
      'https://pccs.example:8081/sgx/certification/v4/rootcacrl',
    ]);
  });

  test('CRL bodies: DER, PEM and hex are accepted', () => {
    const der = pki.pcs.pckCrlDer;
    const pem = `-----BEGIN X509 CRL-----\n${Buffer.from(der).toString('base64')}\n-----END X509 CRL-----\n`;
    expect(decodeCrlBody(der, 'x')).toEqual(der);
    expect(decodeCrlBody(new Uint8Array(Buffer.from(pem)), 'x')).toEqual(der);
    expect(decodeCrlBody(new Uint8Array(Buffer.from(Buffer.from(der).toString('hex'))), 'x')).toEqual(der);
  });
});
