/**
 * SIMULATED Intel collateral documents: TDX TCB Info v3 and TD_QE Identity v2, serialised compactly with
 * Intel's key order (Intel PCS API v4, "TDX TCB Info" / "Enclave Identity" JSON schemas), and signed like Intel
 * signs them: ECDSA P-256/SHA-256 over the exact UTF-8 text of the inner object, signature as 128 hex chars (r||s).
 */
export interface SimTcbComponent {
  readonly svn: number;
  readonly category?: string;
  readonly type?: string;
}
export interface SimTcbLevel {
  readonly sgxtcbcomponents: readonly number[]; // 16
  readonly pcesvn: number;
  readonly tdxtcbcomponents: readonly number[]; // 16
  readonly tcbDate: string;
  readonly tcbStatus: string;
  readonly advisoryIDs?: readonly string[];
}
export interface SimModuleLevel {
  readonly isvsvn: number;
  readonly tcbDate: string;
  readonly tcbStatus: string;
  readonly advisoryIDs?: readonly string[];
}
export interface SimModuleIdentity {
  /** "TDX_01", "TDX_03", ... (`TDX_%02X` of TEE_TCB_SVN[1]). */
  readonly id: string;
  readonly tcbLevels: readonly SimModuleLevel[];
}
export interface SimQeLevel {
  readonly isvsvn: number;
  readonly tcbDate: string;
  readonly tcbStatus: string;
  readonly advisoryIDs?: readonly string[];
}

const SGX_COMPONENT_LABELS: readonly (Omit<SimTcbComponent, 'svn'> | undefined)[] = [
  { category: 'BIOS', type: 'Early Microcode Update' },
  { category: 'OS/VMM', type: 'SGX Late Microcode Update' },
  { category: 'OS/VMM', type: 'TXT SINIT' },
  { category: 'BIOS' },
  { category: 'BIOS' },
  { category: 'BIOS' },
  undefined,
  { category: 'OS/VMM', type: 'SEAMLDR ACM' },
];
const TDX_COMPONENT_LABELS: readonly (Omit<SimTcbComponent, 'svn'> | undefined)[] = [
  { category: 'OS/VMM', type: 'TDX Module' },
  { category: 'OS/VMM', type: 'TDX Module' },
  { category: 'OS/VMM', type: 'TDX Late Microcode Update' },
];

function components(
  svns: readonly number[],
  labels: readonly (Omit<SimTcbComponent, 'svn'> | undefined)[],
): SimTcbComponent[] {
  if (svns.length !== 16) throw new RangeError('a TCB level needs 16 component SVNs');
  return svns.map((svn, i) => ({ svn, ...(labels[i] ?? {}) }));
}

/** RFC 3339 without fractional seconds, as Intel writes dates ("2025-06-19T10:16:03Z"). */
export function intelDate(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface TdxTcbInfoSpec {
  readonly issueDate: Date;
  readonly nextUpdate: Date;
  readonly fmspc: string; // 12 hex, upper case
  readonly pceId: string; // 4 hex
  readonly tcbEvaluationDataNumber: number;
  readonly tdxModuleMrSigner: string; // 96 hex
  readonly moduleIdentities: readonly SimModuleIdentity[];
  readonly tcbLevels: readonly SimTcbLevel[];
}

/** Compact TCB Info JSON text (the exact signed bytes), Intel key order. */
export function tdxTcbInfoJson(s: TdxTcbInfoSpec): string {
  const moduleBase = {
    mrsigner: s.tdxModuleMrSigner,
    attributes: '0000000000000000',
    attributesMask: 'FFFFFFFFFFFFFFFF',
  };
  const withAdvisories = <T extends { advisoryIDs?: readonly string[] }>(x: T): object =>
    x.advisoryIDs && x.advisoryIDs.length > 0 ? { advisoryIDs: [...x.advisoryIDs] } : {};
  const body = {
    id: 'TDX',
    version: 3,
    issueDate: intelDate(s.issueDate),
    nextUpdate: intelDate(s.nextUpdate),
    fmspc: s.fmspc,
    pceId: s.pceId,
    tcbType: 0,
    tcbEvaluationDataNumber: s.tcbEvaluationDataNumber,
    tdxModule: moduleBase,
    tdxModuleIdentities: s.moduleIdentities.map((m) => ({
      id: m.id,
      ...moduleBase,
      tcbLevels: m.tcbLevels.map((l) => ({
        tcb: { isvsvn: l.isvsvn },
        tcbDate: l.tcbDate,
        tcbStatus: l.tcbStatus,
        ...withAdvisories(l),
      })),
    })),
    tcbLevels: s.tcbLevels.map((l) => ({
      tcb: {
        sgxtcbcomponents: components(l.sgxtcbcomponents, SGX_COMPONENT_LABELS),
        pcesvn: l.pcesvn,
        tdxtcbcomponents: components(l.tdxtcbcomponents, TDX_COMPONENT_LABELS),
      },
      tcbDate: l.tcbDate,
      tcbStatus: l.tcbStatus,
      ...withAdvisories(l),
    })),
  };
  return JSON.stringify(body);
}

export interface TdQeIdentitySpec {
  readonly issueDate: Date;
  readonly nextUpdate: Date;
  readonly tcbEvaluationDataNumber: number;
  readonly mrsigner: string; // 64 hex
  readonly isvprodid: number;
  readonly tcbLevels: readonly SimQeLevel[];
}

/** Compact TD_QE Identity v2 JSON text (the exact signed bytes), Intel key order. */
export function tdQeIdentityJson(s: TdQeIdentitySpec): string {
  return JSON.stringify({
    id: 'TD_QE',
    version: 2,
    issueDate: intelDate(s.issueDate),
    nextUpdate: intelDate(s.nextUpdate),
    tcbEvaluationDataNumber: s.tcbEvaluationDataNumber,
    miscselect: '00000000',
    miscselectMask: 'FFFFFFFF',
    attributes: '11000000000000000000000000000000',
    attributesMask: 'FBFFFFFFFFFFFFFF0000000000000000',
    mrsigner: s.mrsigner,
    isvprodid: s.isvprodid,
    tcbLevels: s.tcbLevels.map((l) => ({
      tcb: { isvsvn: l.isvsvn },
      tcbDate: l.tcbDate,
      tcbStatus: l.tcbStatus,
      ...(l.advisoryIDs && l.advisoryIDs.length > 0 ? { advisoryIDs: [...l.advisoryIDs] } : {}),
    })),
  });
}
