/**
 * Pinned NVIDIA trust anchors (public certificates, from NVIDIA/nvtrust `guest_tools/gpu_verifiers/local_gpu_verifier/
 * src/verifier/certs/`). Device chains are pinned by SubjectPublicKeyInfo: NVIDIA has re-issued the Device Identity CA
 * certificate with the same key (Root-CA-L1B.pem), and the chain's own self-signed copy is never trusted as such.
 */
import { X509Certificate, createHash } from 'node:crypto';

/** `CN=NVIDIA Device Identity CA, O=NVIDIA`, SPKI-SHA256 a90c4eb5…5b06a4. */
export const NVIDIA_DEVICE_IDENTITY_ROOT_PEM = `-----BEGIN CERTIFICATE-----
MIICCzCCAZCgAwIBAgIQLTZwscoQBBHB/sDoKgZbVDAKBggqhkjOPQQDAzA1MSIw
IAYDVQQDDBlOVklESUEgRGV2aWNlIElkZW50aXR5IENBMQ8wDQYDVQQKDAZOVklE
SUEwIBcNMjExMTA1MDAwMDAwWhgPOTk5OTEyMzEyMzU5NTlaMDUxIjAgBgNVBAMM
GU5WSURJQSBEZXZpY2UgSWRlbnRpdHkgQ0ExDzANBgNVBAoMBk5WSURJQTB2MBAG
ByqGSM49AgEGBSuBBAAiA2IABA5MFKM7+KViZljbQSlgfky/RRnEQScW9NDZF8SX
gAW96r6u/Ve8ZggtcYpPi2BS4VFu6KfEIrhN6FcHG7WP05W+oM+hxj7nyA1r1jkB
2Ry70YfThX3Ba1zOryOP+MJ9vaNjMGEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B
Af8EBAMCAQYwHQYDVR0OBBYEFFeF/4PyY8xlfWi3Olv0jUrL+0lfMB8GA1UdIwQY
MBaAFFeF/4PyY8xlfWi3Olv0jUrL+0lfMAoGCCqGSM49BAMDA2kAMGYCMQCPeFM3
TASsKQVaT+8S0sO9u97PVGCpE9d/I42IT7k3UUOLSR/qvJynVOD1vQKVXf0CMQC+
EY55WYoDBvs2wPAH1Gw4LbcwUN8QCff8bFmV4ZxjCRr4WXTLFHBKjbfneGSBWwA=
-----END CERTIFICATE-----
`;

/** `CN=NVIDIA CoRIM signing Root CA, O=NVIDIA, C=US` (valid 2023-03-16 .. 2053-03-08). */
export const NVIDIA_RIM_ROOT_PEM = `-----BEGIN CERTIFICATE-----
MIICKTCCAbCgAwIBAgIQRdrjoA5QN73fh1N17LXicDAKBggqhkjOPQQDAzBFMQsw
CQYDVQQGEwJVUzEPMA0GA1UECgwGTlZJRElBMSUwIwYDVQQDDBxOVklESUEgQ29S
SU0gc2lnbmluZyBSb290IENBMCAXDTIzMDMxNjE1MzczNFoYDzIwNTMwMzA4MTUz
NzM0WjBFMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGTlZJRElBMSUwIwYDVQQDDBxO
VklESUEgQ29SSU0gc2lnbmluZyBSb290IENBMHYwEAYHKoZIzj0CAQYFK4EEACID
YgAEuECyi9vNM+Iw2lfUzyBldHAwaC1HF7TCgp12QcEyUTm3Tagxwr48d55+K2VI
lWYIDk7NlAIQdcV/Ff7euGLI+Qauj93HsSI4WX298PpW54RTgz9tC+Q684caR/BX
WEeZo2MwYTAdBgNVHQ4EFgQUpaXrOPK4ZDAk08DBskn594zeZjAwHwYDVR0jBBgw
FoAUpaXrOPK4ZDAk08DBskn594zeZjAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B
Af8EBAMCAQYwCgYIKoZIzj0EAwMDZwAwZAIwHGDyscDP6ihHqRvZlI3eqZ4YkvjE
1duaN84tAHRVgxVMvNrp5Tnom3idHYGW/dskAjATvjIx6VzHm/4e2GiZAyZEIUBD
OKPzp5ei/A0iUZpdvngenDwV8Qa/wGdiTmJ7Bp4=
-----END CERTIFICATE-----
`;

/** SHA-256 of the DER SubjectPublicKeyInfo (hex). */
export function spkiSha256(cert: X509Certificate): string {
  return createHash('sha256')
    .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

const deviceRoot = new X509Certificate(NVIDIA_DEVICE_IDENTITY_ROOT_PEM);
const rimRoot = new X509Certificate(NVIDIA_RIM_ROOT_PEM);

export const NVIDIA_DEVICE_ROOT_SPKI_SHA256 = spkiSha256(deviceRoot);
export const NVIDIA_RIM_ROOT_SPKI_SHA256 = spkiSha256(rimRoot);

/** Trust anchors as DER. Chains are anchored by key (SPKI), so a re-issued root with the same key is equivalent. */
export interface GpuTrustRoots {
  readonly deviceRootDer: readonly Uint8Array[];
  readonly rimRootDer: readonly Uint8Array[];
  /**
   * Roots of OCSP responders trusted besides each certificate's issuer: an OCSP-signing certificate they issued may
   * answer for any certificate. Absent by default (NVIDIA's responders are delegated by the issuer); tests opt in.
   */
  readonly ocspResponderRootDer?: readonly Uint8Array[];
}

export const NVIDIA_TRUST_ROOTS: GpuTrustRoots = Object.freeze({
  deviceRootDer: Object.freeze([new Uint8Array(deviceRoot.raw)]),
  rimRootDer: Object.freeze([new Uint8Array(rimRoot.raw)]),
});

/** True when the SPKI is one of NVIDIA's production anchors (OCSP is then required by default). */
export function isProductionSpki(spkiHex: string): boolean {
  return spkiHex === NVIDIA_DEVICE_ROOT_SPKI_SHA256 || spkiHex === NVIDIA_RIM_ROOT_SPKI_SHA256;
}
