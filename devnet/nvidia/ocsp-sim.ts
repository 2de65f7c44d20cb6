/** SIMULATED OCSP responses of the devnet NVIDIA-like PKI, signed by the devnet CAs (or a delegated responder). */
import { createHash, sign as cryptoSign } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, CRLReason, CRLReasons } from '@peculiar/asn1-x509';
import {
  BasicOCSPResponse,
  CertID,
  CertStatus,
  KeyHash,
  OCSPResponse,
  OCSPResponseStatus,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
} from '@peculiar/asn1-ocsp';
import { deviceMaterial } from './device-material';
import type { DevnetKey } from './keys';
import type { DevnetCa, DevnetNvidiaPki } from './pki';

export type DevnetOcspStatus = 'good' | 'revoked' | 'hold' | 'unknown';

const OID_SHA1 = '1.3.14.3.2.26';
const OID_ECDSA_SHA384 = '1.2.840.10045.4.3.3';
const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

/** One SIMULATED OCSP response for `certDer` issued by `issuer`, signed by the issuer (or `signWith`). */
export function simulateOcspResponse(
  certDer: Uint8Array,
  issuer: DevnetCa,
  opts: {
    readonly now: Date;
    readonly status?: DevnetOcspStatus;
    readonly validForMs?: number;
    readonly signWith?: DevnetKey;
    /** Delegated responder: its certificate is embedded and its key signs. */
    readonly responder?: { readonly der: Uint8Array; readonly key: DevnetKey };
  },
): Uint8Array {
  const cert = AsnConvert.parse(certDer, Certificate);
  const issuerCert = AsnConvert.parse(issuer.der, Certificate);
  const sha1 = (b: ArrayBuffer | Uint8Array) =>
    new Uint8Array(createHash('sha1').update(new Uint8Array(b)).digest()).buffer;
  const keyBits = issuerCert.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey;
  const status = opts.status ?? 'good';
  const certStatus =
    status === 'good'
      ? new CertStatus({ good: null })
      : status === 'unknown'
        ? new CertStatus({ unknown: null })
        : new CertStatus({
            revoked: new RevokedInfo({
              revocationTime: new Date(opts.now.getTime() - 3_600_000),
              revocationReason: new CRLReason(
                status === 'hold' ? CRLReasons.certificateHold : CRLReasons.keyCompromise,
              ),
            }),
          });
  const single = new SingleResponse({
    certID: new CertID({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID_SHA1, parameters: null }),
      issuerNameHash: new OctetString(sha1(AsnConvert.serialize(issuerCert.tbsCertificate.subject))),
      issuerKeyHash: new OctetString(sha1(keyBits)),
      serialNumber: cert.tbsCertificate.serialNumber,
    }),
    certStatus,
    thisUpdate: new Date(opts.now.getTime() - 60_000),
    nextUpdate: new Date(opts.now.getTime() + (opts.validForMs ?? 86_400_000)),
  });
  const tbs = new ResponseData({
    responderID: new ResponderID({ byKey: new KeyHash(sha1(keyBits)) }),
    producedAt: opts.now,
    responses: [single],
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = cryptoSign('sha384', tbsDer, (opts.responder?.key ?? opts.signWith ?? issuer.key).privateKey);
  const basic = new BasicOCSPResponse({
    tbsResponseData: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA384 }),
    signature: new Uint8Array(signature).buffer,
    ...(opts.responder ? { certs: [AsnConvert.parse(opts.responder.der, Certificate)] } : {}),
  });
  const resp = new OCSPResponse({
    responseStatus: OCSPResponseStatus.successful,
    responseBytes: new ResponseBytes({
      responseType: OID_OCSP_BASIC,
      response: new OctetString(AsnConvert.serialize(basic)),
    }),
  });
  return new Uint8Array(AsnConvert.serialize(resp));
}

/**
 * OCSP responses for every certificate NVIDIA's verifiers check: device BROM/Provisioner/Identity (of device `device`,
 * default 0) and the RIM chain.
 */
export function simulateOcspResponses(
  pki: DevnetNvidiaPki,
  opts: {
    readonly now: Date;
    readonly status?: DevnetOcspStatus;
    readonly validForMs?: number;
    readonly device?: number;
  },
): Uint8Array[] {
  const d = deviceMaterial(pki, opts.device).chainDer;
  const r = pki.rimChainDer;
  const c = pki.cas;
  return [
    simulateOcspResponse(d[1]!, c.deviceProvisioner, opts),
    simulateOcspResponse(d[2]!, c.deviceIdentity, opts),
    simulateOcspResponse(d[3]!, c.deviceRoot, opts),
    simulateOcspResponse(r[0]!, c.rimL3, opts),
    simulateOcspResponse(r[1]!, c.rimCa, opts),
    simulateOcspResponse(r[2]!, c.rimRoot, opts),
  ];
}
