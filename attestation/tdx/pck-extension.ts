/**
 * Intel SGX PCK certificate extension (OID 1.2.840.113741.1.13.1), "Intel SGX PCK Certificate and Certificate
 * Revocation List Profile Specification" §3.5: SEQUENCE OF SEQUENCE { OID, value }.
 */
import { DerError, TAG, children, expectTag, intToNumber, oidToString, parseDer } from '../../core/der';

export const OID_SGX_EXTENSION = '1.2.840.113741.1.13.1';
const P = OID_SGX_EXTENSION;

export interface PckExtension {
  readonly ppid: Uint8Array;
  /** SGX TCB component SVNs 1..16 (.2.1 … .2.16). */
  readonly sgxTcbComponents: readonly number[];
  readonly pceSvn: number;
  readonly cpuSvn: Uint8Array;
  /** 2 bytes, lower-case hex. */
  readonly pceId: string;
  /** 6 bytes, lower-case hex. */
  readonly fmspc: string;
  /** 0 Standard, 1 Scalable, 2 Scalable with integrity. */
  readonly sgxType: number;
}

export function parsePckExtension(value: Uint8Array): PckExtension {
  let ppid: Uint8Array | undefined;
  let pceId: Uint8Array | undefined;
  let fmspc: Uint8Array | undefined;
  let sgxType: number | undefined;
  let comps: number[] | undefined;
  let pceSvn: number | undefined;
  let cpuSvn: Uint8Array | undefined;
  for (const item of children(expectTag(parseDer(value), TAG.SEQUENCE, 'SGX extension'))) {
    const [oidT, v] = children(expectTag(item, TAG.SEQUENCE, 'SGX extension item'));
    const oid = oidToString(expectTag(oidT, TAG.OID, 'OID').content);
    if (!v) throw new DerError('SGX extension item without value');
    switch (oid) {
      case `${P}.1`:
        ppid = expectTag(v, TAG.OCTET_STRING, 'PPID').content;
        break;
      case `${P}.2`: {
        comps = new Array<number>(16).fill(-1);
        for (const t of children(expectTag(v, TAG.SEQUENCE, 'TCB'))) {
          const [o, tv] = children(expectTag(t, TAG.SEQUENCE, 'TCB item'));
          const toid = oidToString(expectTag(o, TAG.OID, 'TCB OID').content);
          const n = Number(toid.slice(`${P}.2.`.length));
          if (!toid.startsWith(`${P}.2.`) || !Number.isInteger(n)) throw new DerError('bad TCB OID');
          if (n >= 1 && n <= 16) comps[n - 1] = intToNumber(expectTag(tv, TAG.INTEGER, 'SVN').content);
          else if (n === 17) pceSvn = intToNumber(expectTag(tv, TAG.INTEGER, 'PCESVN').content);
          else if (n === 18) cpuSvn = expectTag(tv, TAG.OCTET_STRING, 'CPUSVN').content;
        }
        break;
      }
      case `${P}.3`:
        pceId = expectTag(v, TAG.OCTET_STRING, 'PCE-ID').content;
        break;
      case `${P}.4`:
        fmspc = expectTag(v, TAG.OCTET_STRING, 'FMSPC').content;
        break;
      case `${P}.5`:
        sgxType = intToNumber(expectTag(v, TAG.ENUMERATED, 'SGX type').content);
        break;
      default:
        break; // .6 PlatformInstanceID, .7 Configuration: not used for TCB evaluation
    }
  }
  if (
    !ppid ||
    !comps ||
    comps.some((c) => c < 0 || c > 255) ||
    pceSvn === undefined ||
    !cpuSvn ||
    cpuSvn.length !== 16
  ) {
    throw new DerError('SGX extension: missing or malformed PPID/TCB');
  }
  if (!pceId || pceId.length !== 2 || !fmspc || fmspc.length !== 6 || sgxType === undefined) {
    throw new DerError('SGX extension: missing PCE-ID/FMSPC/SGX type');
  }
  return {
    ppid,
    sgxTcbComponents: Object.freeze(comps),
    pceSvn,
    cpuSvn,
    pceId: Buffer.from(pceId).toString('hex'),
    fmspc: Buffer.from(fmspc).toString('hex'),
    sgxType,
  };
}
