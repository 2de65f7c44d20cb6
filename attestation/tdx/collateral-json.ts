/**
 * Typed readers for the signed collateral JSON: TCB Info v2/v3 (SGX, TDX) and QE Identity v2 (Intel PCS API v4,
 * "Get TCB Info" / "Get Quoting Enclave Identity" response schemas). Structure only; signatures are checked by
 * the verifier over the raw bytes before these are trusted.
 */
import { TdxVerifyError, type TdxVerifyErrorCode } from './errors';

export const TCB_STATUSES = [
  'UpToDate',
  'SWHardeningNeeded',
  'ConfigurationNeeded',
  'ConfigurationAndSWHardeningNeeded',
  'OutOfDate',
  'OutOfDateConfigurationNeeded',
  'Revoked',
] as const;
/** A TCB level status as Intel publishes it. */
export type TcbLevelStatus = (typeof TCB_STATUSES)[number];
/** Intel's converged status of a verified quote (adds the TD 1.5 relaunch statuses). */
export type TcbStatus = TcbLevelStatus | 'TDRelaunchAdvised' | 'TDRelaunchAdvisedConfigurationNeeded';

export interface TcbLevel {
  readonly sgxComponents: readonly number[];
  readonly pceSvn: number;
  /** TDX TCB Info only. */
  readonly tdxComponents: readonly number[] | undefined;
  readonly tcbDate: string;
  readonly tcbStatus: TcbLevelStatus;
  readonly advisoryIds: readonly string[];
}

export interface IsvLevel {
  readonly isvsvn: number;
  readonly tcbDate: string;
  readonly tcbStatus: TcbLevelStatus;
  readonly advisoryIds: readonly string[];
}

export interface TdxModuleIdentity {
  readonly id: string;
  readonly mrsigner: Uint8Array;
  readonly attributes: Uint8Array;
  readonly attributesMask: Uint8Array;
  /** Sorted by isvsvn descending. */
  readonly tcbLevels: readonly IsvLevel[];
}

export interface TcbInfo {
  readonly id: 'SGX' | 'TDX';
  readonly version: number;
  readonly issueDate: number;
  readonly nextUpdate: number;
  /** Lower-case hex. */
  readonly fmspc: string;
  readonly pceId: string;
  readonly tcbEvaluationDataNumber: number;
  readonly tdxModule: Omit<TdxModuleIdentity, 'id' | 'tcbLevels'> | undefined;
  readonly tdxModuleIdentities: readonly TdxModuleIdentity[];
  /** Sorted the Intel way (TcbLevel operator>): SGX components, then PCESVN, then TDX components, descending. */
  readonly tcbLevels: readonly TcbLevel[];
}

export interface QeIdentity {
  readonly id: string;
  readonly version: number;
  readonly issueDate: number;
  readonly nextUpdate: number;
  /** 0 when absent (QE Identity v1). */
  readonly tcbEvaluationDataNumber: number;
  readonly miscselect: number;
  readonly miscselectMask: number;
  readonly attributes: Uint8Array;
  readonly attributesMask: Uint8Array;
  readonly mrsigner: Uint8Array;
  readonly isvprodid: number;
  /** Sorted by isvsvn descending. */
  readonly tcbLevels: readonly IsvLevel[];
}

type Obj = Record<string, unknown>;

class Reader {
  constructor(private readonly code: TdxVerifyErrorCode) {}
  fail(msg: string): never {
    throw new TdxVerifyError(this.code, msg);
  }
  obj(v: unknown, what: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(`${what} must be an object`);
    return v as Obj;
  }
  arr(v: unknown, what: string): unknown[] {
    if (!Array.isArray(v)) this.fail(`${what} must be an array`);
    return v;
  }
  int(v: unknown, what: string, max = 0xffffffff): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) this.fail(`${what} must be an integer`);
    return v;
  }
  str(v: unknown, what: string): string {
    if (typeof v !== 'string') this.fail(`${what} must be a string`);
    return v;
  }
  hex(v: unknown, what: string, len: number): Uint8Array {
    const s = this.str(v, what);
    if (s.length !== len * 2 || !/^[0-9a-fA-F]*$/.test(s)) this.fail(`${what} must be ${len} bytes of hex`);
    return new Uint8Array(Buffer.from(s, 'hex'));
  }
  date(v: unknown, what: string): number {
    const s = this.str(v, what);
    const t = Date.parse(s);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) || Number.isNaN(t))
      this.fail(`${what} must be an RFC 3339 UTC time`);
    return t;
  }
  status(v: unknown, what: string): TcbLevelStatus {
    const s = this.str(v, what);
    if (!(TCB_STATUSES as readonly string[]).includes(s)) this.fail(`${what}: unknown status ${s}`);
    return s as TcbLevelStatus;
  }
  advisories(v: unknown, what: string): string[] {
    if (v === undefined) return [];
    return this.arr(v, what).map((a, i) => this.str(a, `${what}[${i}]`));
  }
  isvLevels(v: unknown, what: string): IsvLevel[] {
    const levels = this.arr(v, what).map((l, i) => {
      const o = this.obj(l, `${what}[${i}]`);
      return {
        isvsvn: this.int(this.obj(o['tcb'], 'tcb')['isvsvn'], 'isvsvn', 0xffff),
        tcbDate: this.str(o['tcbDate'], 'tcbDate'),
        tcbStatus: this.status(o['tcbStatus'], 'tcbStatus'),
        advisoryIds: Object.freeze(this.advisories(o['advisoryIDs'], 'advisoryIDs')),
      };
    });
    return levels.sort((a, b) => b.isvsvn - a.isvsvn);
  }
}

function decodeJson(bytes: Uint8Array, r: Reader): Obj {
  try {
    return r.obj(JSON.parse(Buffer.from(bytes).toString('utf8')), 'document');
  } catch (e) {
    if (e instanceof TdxVerifyError) throw e;
    return r.fail('invalid JSON');
  }
}

function components(r: Reader, v: unknown, what: string): number[] {
  const a = r.arr(v, what);
  if (a.length !== 16) r.fail(`${what} must have 16 entries`);
  // Intel's parser accepts any 16-bit SVN here (its synthetic sample has values > 255); such a level never matches.
  return a.map((c, i) => r.int(r.obj(c, `${what}[${i}]`)['svn'], `${what}[${i}].svn`, 0xffff));
}

function cmpComponents(a: readonly number[] | undefined, b: readonly number[] | undefined): number {
  if (!a || !b) return 0;
  for (let i = 0; i < 16; i++) if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) - (b[i] as number);
  return 0;
}

/** @throws TdxVerifyError TDX_TCB_INFO_MALFORMED */
export function parseTcbInfo(bytes: Uint8Array): TcbInfo {
  const r = new Reader('TDX_TCB_INFO_MALFORMED');
  const o = decodeJson(bytes, r);
  const id = o['id'] === undefined ? 'SGX' : r.str(o['id'], 'id'); // v2 SGX TCB Info has no id
  if (id !== 'SGX' && id !== 'TDX') r.fail(`unknown TCB Info id ${id}`);
  const version = r.int(o['version'], 'version');
  const isTdx = id === 'TDX';
  const fmspc = Buffer.from(r.hex(o['fmspc'], 'fmspc', 6)).toString('hex');
  const pceId = Buffer.from(r.hex(o['pceId'], 'pceId', 2)).toString('hex');
  const moduleOf = (v: unknown, what: string): Omit<TdxModuleIdentity, 'id' | 'tcbLevels'> => {
    const m = r.obj(v, what);
    return {
      mrsigner: r.hex(m['mrsigner'], `${what}.mrsigner`, 48),
      attributes: r.hex(m['attributes'], `${what}.attributes`, 8),
      attributesMask: r.hex(m['attributesMask'], `${what}.attributesMask`, 8),
    };
  };
  const tdxModule = o['tdxModule'] === undefined ? undefined : moduleOf(o['tdxModule'], 'tdxModule');
  const tdxModuleIdentities =
    o['tdxModuleIdentities'] === undefined
      ? []
      : r.arr(o['tdxModuleIdentities'], 'tdxModuleIdentities').map((m, i) => {
          const mo = r.obj(m, `tdxModuleIdentities[${i}]`);
          return {
            id: r.str(mo['id'], 'id'),
            ...moduleOf(mo, `tdxModuleIdentities[${i}]`),
            tcbLevels: Object.freeze(r.isvLevels(mo['tcbLevels'], 'tdxModuleIdentities.tcbLevels')),
          };
        });
  const tcbLevels = r.arr(o['tcbLevels'], 'tcbLevels').map((l, i): TcbLevel => {
    const lo = r.obj(l, `tcbLevels[${i}]`);
    const t = r.obj(lo['tcb'], `tcbLevels[${i}].tcb`);
    let sgx: number[];
    if (t['sgxtcbcomponents'] !== undefined) sgx = components(r, t['sgxtcbcomponents'], 'sgxtcbcomponents');
    else
      sgx = Array.from({ length: 16 }, (_, k) =>
        r.int(t[`sgxtcbcomp${String(k + 1).padStart(2, '0')}svn`], 'sgxtcbcompNNsvn', 0xffff),
      );
    return {
      sgxComponents: Object.freeze(sgx),
      pceSvn: r.int(t['pcesvn'], 'pcesvn', 0xffff),
      tdxComponents: isTdx ? Object.freeze(components(r, t['tdxtcbcomponents'], 'tdxtcbcomponents')) : undefined,
      tcbDate: r.str(lo['tcbDate'], 'tcbDate'),
      tcbStatus: r.status(lo['tcbStatus'], 'tcbStatus'),
      advisoryIds: Object.freeze(r.advisories(lo['advisoryIDs'], 'advisoryIDs')),
    };
  });
  if (tcbLevels.length === 0) r.fail('no TCB levels');
  tcbLevels.sort(
    (a, b) =>
      cmpComponents(b.sgxComponents, a.sgxComponents) ||
      b.pceSvn - a.pceSvn ||
      cmpComponents(b.tdxComponents, a.tdxComponents),
  );
  return Object.freeze({
    id: id as 'SGX' | 'TDX',
    version,
    issueDate: r.date(o['issueDate'], 'issueDate'),
    nextUpdate: r.date(o['nextUpdate'], 'nextUpdate'),
    fmspc,
    pceId,
    tcbEvaluationDataNumber:
      o['tcbEvaluationDataNumber'] === undefined ? 0 : r.int(o['tcbEvaluationDataNumber'], 'tcbEvaluationDataNumber'),
    tdxModule,
    tdxModuleIdentities: Object.freeze(tdxModuleIdentities),
    tcbLevels: Object.freeze(tcbLevels),
  });
}

/** @throws TdxVerifyError TDX_QE_IDENTITY_MALFORMED */
export function parseQeIdentity(bytes: Uint8Array): QeIdentity {
  const r = new Reader('TDX_QE_IDENTITY_MALFORMED');
  const o = decodeJson(bytes, r);
  const u32 = (v: unknown, what: string): number => Buffer.from(r.hex(v, what, 4)).readUInt32BE(0);
  return Object.freeze({
    id: r.str(o['id'], 'id'),
    version: r.int(o['version'], 'version'),
    issueDate: r.date(o['issueDate'], 'issueDate'),
    nextUpdate: r.date(o['nextUpdate'], 'nextUpdate'),
    tcbEvaluationDataNumber:
      o['tcbEvaluationDataNumber'] === undefined ? 0 : r.int(o['tcbEvaluationDataNumber'], 'tcbEvaluationDataNumber'),
    // Intel serialises MISCSELECT big-endian hex of the little-endian u32; compare as numbers (see verify).
    miscselect: u32(o['miscselect'], 'miscselect'),
    miscselectMask: u32(o['miscselectMask'], 'miscselectMask'),
    attributes: r.hex(o['attributes'], 'attributes', 16),
    attributesMask: r.hex(o['attributesMask'], 'attributesMask', 16),
    mrsigner: r.hex(o['mrsigner'], 'mrsigner', 32),
    isvprodid: r.int(o['isvprodid'], 'isvprodid', 0xffff),
    tcbLevels: Object.freeze(r.isvLevels(o['tcbLevels'], 'tcbLevels')),
  });
}
