/**
 * Encoder for the Intel SGX PCK certificate extension (OID 1.2.840.113741.1.13.1), laid out exactly as in
 * Intel's PCK certificates ("Intel SGX PCK Certificate and CRL Profile", and reference doc §3):
 *
 *   SEQUENCE {
 *     SEQUENCE { .1 PPID          OCTET STRING (16) }
 *     SEQUENCE { .2 TCB           SEQUENCE { SEQUENCE { .2.1 .. .2.16 INTEGER }, .2.17 PCESVN INTEGER, .2.18 CPUSVN OCTET STRING (16) } }
 *     SEQUENCE { .3 PCE-ID        OCTET STRING (2) }
 *     SEQUENCE { .4 FMSPC         OCTET STRING (6) }
 *     SEQUENCE { .5 SGX Type      ENUMERATED (0 Standard, 1 Scalable, 2 Scalable with integrity) }
 *     SEQUENCE { .6 PlatformInstanceID OCTET STRING (16) }                                  -- Platform CA only
 *     SEQUENCE { .7 Configuration SEQUENCE { .7.1 dynamicPlatform, .7.2 cachedKeys, .7.3 SMTEnabled BOOLEAN } }  -- Platform CA only
 *   }
 */
import { AsnArray, AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';

export const OID_SGX_EXTENSION = '1.2.840.113741.1.13.1';

export interface SgxExtensionFields {
  readonly ppid: Uint8Array; // 16
  /** SGX TCB component SVNs 1..16. */
  readonly sgxTcbComponents: readonly number[];
  readonly pceSvn: number;
  /** CPUSVN (16 bytes); Intel's equals the 16 component SVNs as bytes. */
  readonly cpuSvn: Uint8Array;
  readonly pceId: Uint8Array; // 2
  readonly fmspc: Uint8Array; // 6
  /** 0 Standard (Processor CA), 1 Scalable (Platform CA), 2 Scalable with integrity. */
  readonly sgxType: 0 | 1 | 2;
  /** Platform CA certificates only: PlatformInstanceID (16) and the configuration flags. */
  readonly platform?: {
    readonly platformInstanceId: Uint8Array;
    readonly dynamicPlatform: boolean;
    readonly cachedKeys: boolean;
    readonly smtEnabled: boolean;
  };
}

/** One `SEQUENCE { OID, value }` item; `value` is the DER of the item's value. */
@AsnType({ type: AsnTypeTypes.Sequence })
class SgxItem {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier })
  id: string;
  @AsnProp({ type: AsnPropTypes.Any })
  value: ArrayBuffer;
  constructor(id = '', value = new ArrayBuffer(0)) {
    this.id = id;
    this.value = value;
  }
}

/** `SEQUENCE OF` items of any type (the DER of each). */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.Any })
class AnySequence extends AsnArray<ArrayBuffer> {}

@AsnType({ type: AsnTypeTypes.Choice })
class Primitive {
  @AsnProp({ type: AsnPropTypes.Integer })
  integer?: number;
  @AsnProp({ type: AsnPropTypes.Enumerated })
  enumerated?: number;
  @AsnProp({ type: AsnPropTypes.Boolean })
  boolean?: boolean;
  @AsnProp({ type: AsnPropTypes.OctetString })
  octets?: ArrayBuffer;
  constructor(v: Partial<Primitive> = {}) {
    Object.assign(this, v);
  }
}

const der = (v: object): ArrayBuffer => AsnConvert.serialize(v);
const item = (type: string, value: ArrayBuffer): ArrayBuffer => der(new SgxItem(type, value));
const seq = (...items: ArrayBuffer[]): ArrayBuffer => der(new AnySequence(items));
function octets(b: Uint8Array, len: number, what: string): ArrayBuffer {
  if (b.length !== len) throw new RangeError(`${what} must be ${len} bytes`);
  return der(new Primitive({ octets: Uint8Array.from(b).buffer }));
}
function svn(v: number, what: string): ArrayBuffer {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`${what} out of range`);
  return der(new Primitive({ integer: v }));
}
const bool = (v: boolean): ArrayBuffer => der(new Primitive({ boolean: v }));

/** DER of the extension value (the content of the extnValue OCTET STRING). */
export function encodeSgxExtension(f: SgxExtensionFields): Uint8Array {
  const base = OID_SGX_EXTENSION;
  if (f.sgxTcbComponents.length !== 16) throw new RangeError('sgxTcbComponents must have 16 entries');
  const tcb = [
    ...f.sgxTcbComponents.map((v, i) => item(`${base}.2.${i + 1}`, svn(v, `SGX TCB component ${i + 1}`))),
    item(`${base}.2.17`, svn(f.pceSvn, 'PCESVN')),
    item(`${base}.2.18`, octets(f.cpuSvn, 16, 'CPUSVN')),
  ];
  const items = [
    item(`${base}.1`, octets(f.ppid, 16, 'PPID')),
    item(`${base}.2`, seq(...tcb)),
    item(`${base}.3`, octets(f.pceId, 2, 'PCE-ID')),
    item(`${base}.4`, octets(f.fmspc, 6, 'FMSPC')),
    item(`${base}.5`, der(new Primitive({ enumerated: f.sgxType }))),
  ];
  if (f.platform) {
    items.push(item(`${base}.6`, octets(f.platform.platformInstanceId, 16, 'PlatformInstanceID')));
    items.push(
      item(
        `${base}.7`,
        seq(
          item(`${base}.7.1`, bool(f.platform.dynamicPlatform)),
          item(`${base}.7.2`, bool(f.platform.cachedKeys)),
          item(`${base}.7.3`, bool(f.platform.smtEnabled)),
        ),
      ),
    );
  }
  return new Uint8Array(seq(...items));
}
