/**
 * Facts taken from the device leaf certificate (`GH100 A01 GSP FMC LF`):
 * - FWID. Hopper: extension 2.23.133.5.4.1 (TCG DICE), FWID = last 48 bytes of the extension value
 *   (NVAT `nv_x509.cpp` `get_fwid`; python `cc_admin_utils.py` `[-48:]`). Blackwell: extension 2.23.133.5.4.1.1
 *   (DICE TcbInfo), FWID = fwids[0].digest (`get_fwid_2_23_133_5_4_1_1`).
 * - ueid = leaf serial in decimal (NVAT `nv_x509.cpp`), device id from SAN otherName 1.3.6.1.4.1.412.274.1.
 * The certificate has already been parsed and verified by node:crypto; its DER is walked (RFC 5280 §4.1) with the
 * bounded TLV reader because a schema decoder costs more than the whole warm verification.
 */
import { GpuParseError } from './errors';
import { children, DerError, readTlv, type Tlv } from '../../core/der';
import { toHex } from '../../core/bytes';

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
    const fwids = children(top).find((t) => t.tag === 0xa6);
    const first = fwids ? children(fwids)[0] : undefined;
    const digest = first && first.tag === 0x30 ? children(first)[1] : undefined;
    return digest && digest.tag === 0x04 ? new Uint8Array(digest.content) : undefined;
  } catch {
    return undefined;
  }
}

/** DER of an OBJECT IDENTIFIER content for a dotted OID (X.690 §8.19). */
function oidContent(oid: string): string {
  const p = oid.split('.').map(Number);
  const out: number[] = [p[0]! * 40 + p[1]!];
  for (const n of p.slice(2)) {
    const bytes = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return Buffer.from(out).toString('hex');
}
const OIDS = {
  fwid: oidContent(OID_DICE_FWID_HOPPER),
  tcb: oidContent(OID_DICE_TCBINFO),
  san: oidContent(OID_SAN),
  devId: oidContent(OID_NVIDIA_DEVICE_ID),
};

/** GeneralNames: otherName [0] { type-id OID, value [0] EXPLICIT UTF8String }. */
function sanDeviceId(ext: Uint8Array): string | undefined {
  try {
    for (const gn of children(readTlv(ext, 0))) {
      if (gn.tag !== 0xa0) continue;
      const [oid, val] = children(gn);
      if (oid?.tag !== 0x06 || toHex(oid.content) !== OIDS.devId || val?.tag !== 0xa0) continue;
      const s = readTlv(val.content, 0);
      return Buffer.from(s.content).toString('utf8');
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Throws GpuParseError GPU_CERT_CHAIN_MALFORMED when the leaf cannot be decoded. */
export function deviceCertFacts(leafDer: Uint8Array): DeviceCertFacts {
  let serial: Tlv;
  let extensions: Tlv[] = [];
  try {
    const tbs = children(children(readTlv(leafDer, 0))[0]!);
    const off = tbs[0]?.tag === 0xa0 ? 1 : 0; // [0] version
    const s = tbs[off];
    if (s?.tag !== 0x02) throw new DerError('TBSCertificate has no serialNumber');
    serial = s;
    const extsWrap = tbs.find((t) => t.tag === 0xa3); // [3] EXPLICIT Extensions
    if (extsWrap) extensions = children(readTlv(extsWrap.content, 0));
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'leaf certificate cannot be decoded', { cause });
  }
  const serialHex = Buffer.from(serial.content).toString('hex') || '0';
  const out: { fwid?: Uint8Array; fwidSource?: 'dice-fwid' | 'dice-tcbinfo'; ueid: string; deviceId?: string } = {
    ueid: BigInt('0x' + serialHex).toString(10),
  };
  for (const e of extensions) {
    let parts: Tlv[];
    try {
      parts = children(e);
    } catch {
      continue;
    }
    const oid = parts[0];
    const valueTlv = parts[parts.length - 1];
    if (oid?.tag !== 0x06 || valueTlv?.tag !== 0x04) continue;
    const id = toHex(oid.content);
    const value = valueTlv.content;
    if (id === OIDS.fwid && value.length >= FWID_LENGTH) {
      out.fwid = value.slice(value.length - FWID_LENGTH);
      out.fwidSource = 'dice-fwid';
    } else if (id === OIDS.tcb && out.fwid === undefined) {
      const f = tcbInfoFwid(value);
      if (f) {
        out.fwid = f;
        out.fwidSource = 'dice-tcbinfo';
      }
    } else if (id === OIDS.san) {
      const d = sanDeviceId(value);
      if (d !== undefined) out.deviceId = d;
    }
  }
  return Object.freeze(out);
}
