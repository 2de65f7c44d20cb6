/**
 * SIMULATED driver and VBIOS RIMs of the devnet: SWID XML listing the golden measurements, signed with xml-crypto
 * (enveloped, C14N 1.1 declared, ECDSA P-384) by the devnet RIM signer.
 */
import {
  createHash,
  sign as cryptoSign,
  verify as cryptoVerify,
  type BinaryLike,
  type KeyLike,
  type KeyObject,
} from 'node:crypto';
import { SignedXml, C14nCanonicalization } from 'xml-crypto';
import type { DevnetKey } from './keys';
import { devnetMeasurement, DIGEST, DRIVER_RIM_INDICES, N_BLOCKS, VBIOS_RIM_INDICES } from './measurements';
import type { DevnetNvidiaPki } from './pki';
import { ALG_C14N11, ALG_ECDSA_SHA384, ALG_ENVELOPED, ALG_SHA384, SHA384_NS, SWID_NS } from '../../attestation/gpu/rim';

/** xml-crypto signature algorithm for ECDSA P-384 (xml-crypto 6 ships RSA/HMAC only). SignatureValue = raw r||s. */
class EcdsaSha384 {
  getSignature(
    signedInfo: BinaryLike,
    privateKey: KeyLike,
    callback?: (err: Error | null, sig?: string) => void,
  ): string {
    const sig = cryptoSign('sha384', Buffer.from(signedInfo as string), {
      key: privateKey as KeyObject,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64');
    if (callback) callback(null, sig);
    return sig;
  }
  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean {
    return cryptoVerify(
      'sha384',
      Buffer.from(material),
      { key: key as KeyObject, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signatureValue, 'base64'),
    );
  }
  getAlgorithmName(): string {
    return ALG_ECDSA_SHA384;
  }
}

class Sha384 {
  getHash(xml: string): string {
    return createHash('sha384').update(xml, 'utf8').digest('base64');
  }
  getAlgorithmName(): string {
    return ALG_SHA384;
  }
}

/** C14N 1.1 is produced by xml-crypto's inclusive C14N (identical output without xml:id / xml:base). */
class C14n11 extends C14nCanonicalization {
  override getAlgorithmName(): string {
    return ALG_C14N11;
  }
}

/** Unsigned SWID body of a devnet RIM. */
export function devnetRimBody(pki: DevnetNvidiaPki, kind: 'driver' | 'vbios', version: string): string {
  const active = new Set(kind === 'driver' ? DRIVER_RIM_INDICES : VBIOS_RIM_INDICES);
  const tagId = createHash('sha384').update(`chrysalis.devnet.rim\0${pki.seed}\0${kind}\0${version}`).digest('hex');
  const resources: string[] = [];
  for (let i = 0; i < N_BLOCKS; i++) {
    const on = active.has(i);
    const h = on ? Buffer.from(devnetMeasurement(pki.seed, kind, version, i)).toString('hex') : '0'.repeat(DIGEST * 2);
    resources.push(
      `        <ns0:Resource type="Measurement" index="${i}" active="${on ? 'True' : 'False'}" alternatives="1" ns2:Hash0="${h}" name="Measurement_${i}" size="${DIGEST}"/>`,
    );
  }
  return [
    `<SoftwareIdentity xmlns="${SWID_NS}" xmlns:ns0="${SWID_NS}" xmlns:ns2="${SHA384_NS}" corpus="false" name="GH100" patch="false" supplemental="false" tagId="${tagId}" version="1.0" tagVersion="0">`,
    `    <ns0:Entity name="Chrysalis Devnet (SIMULATED)" role="softwareCreator tagCreator"/>`,
    `    <ns0:Meta xmlns:ns1="https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/" colloquialVersion="${version}" edition="GPU" product="GH100" revision="r1" PayloadType="direct" ns1:BindingSpec="RIMIM" ns1:BindingSpecVersion="1.01" ns1:PlatformManufacturerId="5703" ns1:PlatformManufacturerStr="Chrysalis Devnet (SIMULATED)" ns1:PlatformModel="GH100" ns1:FirmwareManufacturer="Chrysalis Devnet (SIMULATED)" ns1:FirmwareManufacturerId="5703"/>`,
    `    <ns0:Payload>`,
    ...resources,
    `    </ns0:Payload>`,
    `</SoftwareIdentity>`,
  ].join('\n');
}

/** Sign a SWID document like NVIDIA's RIMs (enveloped, URI="", C14N 1.1, sha384, ecdsa-sha384, X509Data chain). */
export function signDevnetRim(xml: string, signerKey: DevnetKey, chainDer: readonly Uint8Array[]): string {
  const certs = chainDer.map((d) => Buffer.from(d).toString('base64'));
  const sig = new SignedXml({
    privateKey: signerKey.privateKey,
    signatureAlgorithm: ALG_ECDSA_SHA384,
    canonicalizationAlgorithm: ALG_C14N11,
    getKeyInfoContent: (args) => {
      const p = args?.prefix ? `${args.prefix}:` : '';
      return `<${p}X509Data>${certs.map((c) => `<${p}X509Certificate>${c}</${p}X509Certificate>`).join('')}</${p}X509Data>`;
    },
  });
  (sig.SignatureAlgorithms as Record<string, unknown>)[ALG_ECDSA_SHA384] = EcdsaSha384;
  (sig.HashAlgorithms as Record<string, unknown>)[ALG_SHA384] = Sha384;
  (sig.CanonicalizationAlgorithms as Record<string, unknown>)[ALG_C14N11] = C14n11;
  sig.addReference({
    xpath: '/*',
    transforms: [ALG_ENVELOPED, ALG_C14N11],
    digestAlgorithm: ALG_SHA384,
    uri: '',
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}

/** A signed SIMULATED RIM for `kind` at `version`. */
export function simulateDevnetRim(pki: DevnetNvidiaPki, kind: 'driver' | 'vbios', version: string): string {
  return signDevnetRim(devnetRimBody(pki, kind, version), pki.rimSignerKey, pki.rimChainDer);
}
