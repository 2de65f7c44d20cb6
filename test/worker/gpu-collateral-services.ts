/**
 * Loopback stand-ins for NVIDIA's collateral services, for the GPU collateral source tests:
 * - a RIM service replaying RECORDED real RIMs in the service's JSON shape (`{id, rim: base64 XML, sha256, ...}`);
 * - an OCSP responder answering RFC 6960 requests with SYNTHETIC responses signed by a responder certificate under a
 *   test root (NVIDIA's OCSP responses are not among the recorded artefacts), status chosen per certificate serial.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AsnConvert } from '@peculiar/asn1-schema';
import { OCSPRequest } from '@peculiar/asn1-ocsp';
import {
  deriveDevnetGpuKey,
  issueDevnetGpuCertificate,
  simulateGpuOcspResponse,
  type DevnetGpuKey,
  type DevnetGpuOcspStatus,
} from '../../devnet/nvidia';

const serialKey = (hex: string): string => hex.toLowerCase().replace(/^(00)+(?=..)/, '');

/** A test OCSP root and a responder certificate it issued (EKU id-kp-OCSPSigning). */
export interface TestOcspPki {
  readonly rootDer: Uint8Array;
  readonly responder: { readonly der: Uint8Array; readonly key: DevnetGpuKey };
}

export function testOcspPki(label = 'e2-ocsp'): TestOcspPki {
  const rootKey = deriveDevnetGpuKey(label, 'root');
  const key = deriveDevnetGpuKey(label, 'responder');
  const notBefore = new Date('2020-01-01T00:00:00Z');
  const notAfter = new Date('2040-01-01T00:00:00Z');
  const rootDer = issueDevnetGpuCertificate({
    subjectCn: `${label} TEST OCSP root`,
    serial: Uint8Array.of(1),
    key: rootKey,
    ca: true,
    notBefore,
    notAfter,
  });
  const der = issueDevnetGpuCertificate({
    subjectCn: `${label} TEST OCSP responder`,
    serial: Uint8Array.of(2),
    key,
    issuer: { cn: `${label} TEST OCSP root`, key: rootKey },
    ca: false,
    ocspSigning: true,
    notBefore,
    notAfter,
  });
  return { rootDer, responder: { der, key } };
}

export interface Services {
  readonly rimUrl: string;
  readonly ocspUrl: string;
  /** RIM XML served under each id. */
  readonly rims: Map<string, string>;
  /** Raw answers that replace the JSON for an id. */
  readonly rimRaw: Map<string, { status: number; body: string }>;
  rimDown: boolean;
  ocspDown: boolean;
  rimHits: number;
  ocspHits: number;
  /** Status by certificate serial (hex); default 'good'. */
  readonly ocspStatus: Map<string, DevnetGpuOcspStatus>;
  ocspValidForMs: number;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Start both services. `chains` are the certificate chains (leaf first) whose certificates the responder knows;
 * `now` is the clock the synthetic responses are issued at.
 */
export async function startServices(
  chains: readonly (readonly Uint8Array[])[],
  pki: TestOcspPki,
  now: () => Date,
): Promise<Services> {
  const issuerOf = new Map<string, { cert: Uint8Array; issuer: Uint8Array }>();
  for (const chain of chains) {
    for (let i = 0; i + 1 < chain.length; i++) {
      const serial = serialKey(new X509Certificate(chain[i]!).serialNumber);
      issuerOf.set(serial, { cert: chain[i]!, issuer: chain[i + 1]! });
    }
  }
  const rimServer = createServer((req, res) => {
    s.rimHits++;
    const id = decodeURIComponent((req.url ?? '').replace(/^\/v1\/rim\//, ''));
    if (s.rimDown) {
      res.writeHead(503).end('unavailable');
      return;
    }
    const raw = s.rimRaw.get(id);
    if (raw) {
      res.writeHead(raw.status, { 'content-type': 'application/json' }).end(raw.body);
      return;
    }
    const xml = s.rims.get(id);
    if (xml === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
      return;
    }
    const json = {
      id,
      rim: Buffer.from(xml, 'utf8').toString('base64'),
      sha256: createHash('sha256').update(xml).digest('hex'),
      rim_format: 'SWID',
      request_id: 'loopback',
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  });
  const ocspServer = createServer((req, res) => {
    void (async () => {
      s.ocspHits++;
      const der = await body(req);
      if (s.ocspDown || req.method !== 'POST' || req.headers['content-type'] !== 'application/ocsp-request') {
        res.writeHead(s.ocspDown ? 502 : 400).end();
        return;
      }
      const ocspReq = AsnConvert.parse(der, OCSPRequest);
      const certId = ocspReq.tbsRequest.requestList[0]!.reqCert;
      const serial = serialKey(Buffer.from(certId.serialNumber).toString('hex'));
      const pair = issuerOf.get(serial);
      if (!pair) {
        res.writeHead(404).end();
        return;
      }
      const resp = simulateGpuOcspResponse(
        pair.cert,
        { cn: 'issuer', key: pki.responder.key, der: pair.issuer },
        {
          now: now(),
          status: s.ocspStatus.get(serial) ?? 'good',
          validForMs: s.ocspValidForMs,
          responder: pki.responder,
        },
      );
      res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(Buffer.from(resp));
    })();
  });
  const s: Services = {
    rimUrl: `${await listen(rimServer)}/v1/rim/`,
    ocspUrl: `${await listen(ocspServer)}/`,
    rims: new Map(),
    rimRaw: new Map(),
    rimDown: false,
    ocspDown: false,
    rimHits: 0,
    ocspHits: 0,
    ocspStatus: new Map(),
    ocspValidForMs: 86_400_000,
    close: async () => {
      await Promise.all(
        [rimServer, ocspServer].map((sv) => {
          sv.closeAllConnections();
          return new Promise((r) => sv.close(r));
        }),
      );
    },
  };
  return s;
}

export { serialKey };
