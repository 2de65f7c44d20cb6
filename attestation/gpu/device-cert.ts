/**
 * Facts taken from the device leaf certificate (`GH100 A01 GSP FMC LF`):
 * - FWID. Hopper: extension 2.23.133.5.4.1 (TCG DICE), FWID = last 48 bytes of the extension value
 *   (NVAT `nv_x509.cpp` `get_fwid`; python `cc_admin_utils.py` `[-48:]`). Blackwell: extension 2.23.133.5.4.1.1
 *   (DICE TcbInfo), FWID = fwids[0].digest (`get_fwid_2_23_133_5_4_1_1`).
 * - ueid = leaf serial in decimal (NVAT `nv_x509.cpp`), device id from SAN otherName 1.3.6.1.4.1.412.274.1.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { GpuParseError } from './errors';
import { children as derChildren, readTlv } from './der';

export const OID_DICE_FWID_HOPPER = '2.23.133.5.4.1';
export const OID_DICE_TCBINFO = '2.23.133.5.4.1.1';
export const OID_SAN = '2.5.29.17';
export const OID_NVIDIA_DEVICE_ID = '1.3.6.1.4.1.412.274.1';
export const FWID_LENGTH = 48;

export interface DeviceCertFacts {
  readonly fwid?: Uint8Array;
  readonly fwidSource?: 'dice-fwid' | 'dice-tcbinfo';
  /** Leaf serial number in decimal (the NRAS `ueid` claim). */
  readonly ueid: string;
  /** `NVIDIA:GH100:<16 hex>` from the SAN, when present. */
  readonly deviceId?: string;
}

/** DiceTcbInfo ::= SEQUENCE { ..., fwids [6] IMPLICIT SEQUENCE OF FWID { hashAlg OID, digest OCTET STRING }, ... } */
function tcbInfoFwid(ext: Uint8Array): Uint8Array | undefined {
  try {
    const top = readTlv(ext, 0);
    if (top.tag !== 0x30) return undefined;
    const fwids = derChildren(top.content).find((t) => t.tag === 0xa6);
    const first = fwids ? derChildren(fwids.content)[0] : undefined;
    const digest = first && first.tag === 0x30 ? derChildren(first.content)[1] : undefined;
    return digest && digest.tag === 0x04 ? new Uint8Array(digest.content) : undefined;
  } catch {
    return undefined;
  }
}

function sanDeviceId(ext: Uint8Array): string | undefined {
  try {
    const san = AsnConvert.parse(ext, SubjectAlternativeName);
    for (const n of san) {
      if (n.otherName?.typeId !== OID_NVIDIA_DEVICE_ID) continue;
      // value = [0] EXPLICIT UTF8String
      const inner = readTlv(new Uint8Array(n.otherName.value), 0);
      const s = inner.tag === 0xa0 ? readTlv(inner.content, 0) : inner;
      return Buffer.from(s.content).toString('utf8');
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Throws GpuParseError GPU_CERT_CHAIN_MALFORMED when the leaf cannot be decoded. */
export function deviceCertFacts(leafDer: Uint8Array): DeviceCertFacts {
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(leafDer, Certificate);
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'leaf certificate cannot be decoded', { cause });
  }
  const serialHex = Buffer.from(cert.tbsCertificate.serialNumber).toString('hex') || '0';
  const out: { fwid?: Uint8Array; fwidSource?: 'dice-fwid' | 'dice-tcbinfo'; ueid: string; deviceId?: string } = {
    ueid: BigInt('0x' + serialHex).toString(10),
  };
  for (const e of cert.tbsCertificate.extensions ?? []) {
    const value = new Uint8Array(e.extnValue.buffer);
    if (e.extnID === OID_DICE_FWID_HOPPER && value.length >= FWID_LENGTH) {
      out.fwid = value.slice(value.length - FWID_LENGTH);
      out.fwidSource = 'dice-fwid';
    } else if (e.extnID === OID_DICE_TCBINFO && out.fwid === undefined) {
      const f = tcbInfoFwid(value);
      if (f) {
        out.fwid = f;
        out.fwidSource = 'dice-tcbinfo';
      }
    } else if (e.extnID === OID_SAN) {
      const id = sanDeviceId(value);
      if (id !== undefined) out.deviceId = id;
    }
  }
  return Object.freeze(out);
}
