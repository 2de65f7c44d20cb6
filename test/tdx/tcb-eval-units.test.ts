/**
 * TCB status evaluation on TCB Info built in the test (no vectors needed): SGX levels without TDX components,
 * Intel's status convergence table, and the TD relaunch check over TEE_TCB_SVN2.
 */
import type { IsvLevel, TcbInfo, TcbLevel, TcbLevelStatus } from '../../attestation/tdx/collateral-json';
import type { PckExtension } from '../../attestation/tdx/pck-extension';
import { converge, evaluateTcb, matchPlatformLevel, matchQeLevel } from '../../attestation/tdx/tcb-eval';

const fill = (n: number, first = n): number[] => [first, ...new Array<number>(15).fill(n === first ? n : 0)];
const level = (sgx: number, pceSvn: number, tdx: number | undefined, tcbStatus: TcbLevelStatus): TcbLevel => ({
  sgxComponents: new Array<number>(16).fill(sgx),
  pceSvn,
  tdxComponents: tdx === undefined ? undefined : fill(0, tdx),
  tcbDate: `20${10 + sgx}-01-01T00:00:00Z`,
  tcbStatus,
  advisoryIds: tcbStatus === 'UpToDate' ? [] : [`INTEL-SA-${sgx}`],
});
const info = (levels: TcbLevel[], id: 'SGX' | 'TDX' = 'TDX'): TcbInfo => ({
  id,
  version: id === 'TDX' ? 3 : 2,
  issueDate: 0,
  nextUpdate: 0,
  fmspc: '90c06f000000',
  pceId: '0000',
  tcbEvaluationDataNumber: 17,
  tdxModule: undefined,
  tdxModuleIdentities: [],
  tcbLevels: levels,
});
const pck = (sgx: number, pceSvn: number): PckExtension => ({
  ppid: new Uint8Array(16),
  sgxTcbComponents: new Array<number>(16).fill(sgx),
  pceSvn,
  cpuSvn: new Uint8Array(16),
  pceId: '0000',
  fmspc: '90c06f000000',
  sgxType: 1,
});
const qe = (tcbStatus: TcbLevelStatus, isvsvn = 4): IsvLevel => ({
  isvsvn,
  tcbDate: '2030-01-01T00:00:00Z',
  tcbStatus,
  advisoryIds: tcbStatus === 'UpToDate' ? [] : ['INTEL-SA-QE'],
});
const svn = (first: number): Uint8Array => Uint8Array.from(fill(0, first));

function codeOf(fn: () => unknown): { code: string | undefined; details: unknown } | undefined {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code?: string }).code, details: (e as { details?: unknown }).details };
  }
  return undefined;
}

describe('converge (Intel convergeTcbStatuses)', () => {
  it.each<[TcbLevelStatus, TcbLevelStatus, TcbLevelStatus]>([
    ['UpToDate', 'Revoked', 'Revoked'],
    ['Revoked', 'UpToDate', 'Revoked'],
    ['UpToDate', 'OutOfDate', 'OutOfDate'],
    ['SWHardeningNeeded', 'OutOfDateConfigurationNeeded', 'OutOfDate'],
    ['ConfigurationNeeded', 'OutOfDate', 'OutOfDateConfigurationNeeded'],
    ['ConfigurationAndSWHardeningNeeded', 'OutOfDate', 'OutOfDateConfigurationNeeded'],
    ['OutOfDate', 'OutOfDate', 'OutOfDate'],
    ['ConfigurationNeeded', 'UpToDate', 'ConfigurationNeeded'],
  ])('platform %s + component %s = %s', (platform, component, expected) => {
    expect(converge(platform, component)).toBe(expected);
  });
});

describe('SGX-style evaluation (no TEE_TCB_SVN)', () => {
  const sgxInfo = info([level(3, 10, undefined, 'ConfigurationNeeded'), level(1, 5, undefined, 'OutOfDate')], 'SGX');

  it('matches on SGX components and PCESVN only, and converges the QE status', () => {
    const ev = evaluateTcb(sgxInfo, pck(3, 10), qe('OutOfDate'), undefined, undefined);
    expect(ev).toMatchObject({
      status: 'OutOfDateConfigurationNeeded',
      platformStatus: 'ConfigurationNeeded',
      qeStatus: 'OutOfDate',
      tdxModuleId: undefined,
      tdxModuleStatus: undefined,
    });
    expect([...ev.advisoryIds].sort()).toEqual(['INTEL-SA-3', 'INTEL-SA-QE']);
    expect(ev.tcbDate).toBe('2013-01-01T00:00:00Z');
  });

  it('a PCESVN below a level falls through to the next level', () => {
    expect(matchPlatformLevel(sgxInfo, pck(3, 9), undefined).tcbStatus).toBe('OutOfDate');
  });

  it('a platform below every level is TDX_TCB_NOT_SUPPORTED naming the SGX platform', () => {
    expect(codeOf(() => matchPlatformLevel(sgxInfo, pck(0, 20), undefined))).toEqual({
      code: 'TDX_TCB_NOT_SUPPORTED',
      details: { component: 'platform (SGX)' },
    });
  });

  it('with a TEE_TCB_SVN, levels without TDX components never match', () => {
    expect(codeOf(() => matchPlatformLevel(sgxInfo, pck(3, 10), svn(1)))).toEqual({
      code: 'TDX_TCB_NOT_SUPPORTED',
      details: { component: 'platform (SGX/TDX)' },
    });
  });

  it('a QE ISVSVN below every QE level is TDX_TCB_NOT_SUPPORTED', () => {
    expect(codeOf(() => matchQeLevel([qe('UpToDate', 4), qe('OutOfDate', 2)], 1))?.code).toBe('TDX_TCB_NOT_SUPPORTED');
    expect(matchQeLevel([qe('UpToDate', 4), qe('OutOfDate', 2)], 3).tcbStatus).toBe('OutOfDate');
  });
});

describe('TD relaunch check (TEE_TCB_SVN2 of a TD 1.5 body)', () => {
  const tdx = (current: TcbLevelStatus) =>
    info([level(2, 10, 3, current), level(2, 10, 2, 'UpToDate'), level(2, 10, 1, 'OutOfDate')]);

  it.each<[string, TcbLevelStatus, number, string]>([
    ['an up-to-date current TCB advises a relaunch', 'UpToDate', 3, 'TDRelaunchAdvised'],
    [
      'a current TCB that needs configuration advises a configured relaunch',
      'ConfigurationNeeded',
      3,
      'TDRelaunchAdvisedConfigurationNeeded',
    ],
    ['a current TCB that is itself out of date changes nothing', 'OutOfDate', 3, 'OutOfDate'],
    ['a current TCB that matches no level changes nothing', 'UpToDate', 0, 'OutOfDate'],
  ])('%s', (_name, current, svn2, expected) => {
    const ev = evaluateTcb(tdx(current), pck(2, 10), qe('UpToDate'), svn(1), svn(svn2));
    expect(ev.platformStatus).toBe('OutOfDate');
    expect(ev.status).toBe(expected);
  });

  it('an out-of-date launch that needs configuration relaunches into a configured status', () => {
    const ev = evaluateTcb(
      info([level(2, 10, 3, 'UpToDate'), level(2, 10, 1, 'OutOfDateConfigurationNeeded')]),
      pck(2, 10),
      qe('UpToDate'),
      svn(1),
      svn(3),
    );
    expect(ev.status).toBe('TDRelaunchAdvisedConfigurationNeeded');
  });

  it('an up-to-date launch is not changed by TEE_TCB_SVN2', () => {
    expect(evaluateTcb(tdx('UpToDate'), pck(2, 10), qe('UpToDate'), svn(2), svn(3)).status).toBe('UpToDate');
  });
});
