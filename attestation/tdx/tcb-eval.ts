/**
 * TCB status evaluation with Intel QVL semantics (QVL `Checks/EvaluateTcb.cpp` tdxEvaluateTCB / sgxEvaluateTCB /
 * convergeTcbStatuses, `Checks/TDRelaunchCheck.cpp`). Where public implementations disagree we follow Intel:
 * TEE_TCB_SVN bytes 0..1 are skipped when byte 1 (module major version) is non-zero and the module is evaluated
 * through `tdxModuleIdentities`; TCB levels are matched in Intel's sorted order, not JSON order.
 */
import { TdxVerifyError } from './errors';
import type { IsvLevel, TcbInfo, TcbLevel, TcbLevelStatus, TcbStatus } from './collateral-json';
import type { PckExtension } from './pck-extension';

export interface TcbEvaluation {
  readonly status: TcbStatus;
  readonly advisoryIds: readonly string[];
  /** Earliest tcbDate of the levels that decided the status. */
  readonly tcbDate: string;
  readonly platformStatus: TcbLevelStatus;
  readonly qeStatus: TcbLevelStatus;
  /** `TDX_01`… when the module was evaluated through tdxModuleIdentities. */
  readonly tdxModuleId: string | undefined;
  readonly tdxModuleStatus: TcbLevelStatus | undefined;
}

function notSupported(what: string): never {
  throw new TdxVerifyError('TDX_TCB_NOT_SUPPORTED', `TCB not supported: no ${what} TCB level matches`, {
    details: { component: what },
  });
}

/** First level (Intel order) matched by the PCK SGX components + PCESVN and, for TDX, TEE_TCB_SVN[start..15]. */
export function matchPlatformLevel(info: TcbInfo, pck: PckExtension, teeTcbSvn: Uint8Array | undefined): TcbLevel {
  const start = teeTcbSvn && (teeTcbSvn[1] as number) > 0 ? 2 : 0;
  outer: for (const level of info.tcbLevels) {
    for (let i = 0; i < 16; i++)
      if ((pck.sgxTcbComponents[i] as number) < (level.sgxComponents[i] as number)) continue outer;
    if (pck.pceSvn < level.pceSvn) continue;
    if (teeTcbSvn) {
      const tdx = level.tdxComponents;
      if (!tdx) continue;
      for (let i = start; i < 16; i++) if ((teeTcbSvn[i] as number) < (tdx[i] as number)) continue outer;
    }
    return level;
  }
  return notSupported(teeTcbSvn ? 'platform (SGX/TDX)' : 'platform (SGX)');
}

function matchIsvLevel(levels: readonly IsvLevel[], svn: number, what: string): IsvLevel {
  for (const l of levels) if (svn >= l.isvsvn) return l;
  return notSupported(what);
}

/** The QE TCB level for the QE report's ISVSVN. */
export function matchQeLevel(levels: readonly IsvLevel[], isvSvn: number): IsvLevel {
  return matchIsvLevel(levels, isvSvn, 'QE');
}

const CONFIG: ReadonlySet<TcbStatus> = new Set([
  'ConfigurationNeeded',
  'ConfigurationAndSWHardeningNeeded',
  'OutOfDateConfigurationNeeded',
  'TDRelaunchAdvisedConfigurationNeeded',
]);

/** Intel convergeTcbStatuses: fold a component status (QE, TDX module) into the platform status. */
export function converge(platform: TcbLevelStatus, component: TcbLevelStatus): TcbLevelStatus {
  if (component === 'Revoked' || platform === 'Revoked') return 'Revoked';
  if (component === 'OutOfDate' || component === 'OutOfDateConfigurationNeeded') {
    if (platform === 'UpToDate' || platform === 'SWHardeningNeeded') return 'OutOfDate';
    if (platform === 'ConfigurationNeeded' || platform === 'ConfigurationAndSWHardeningNeeded')
      return 'OutOfDateConfigurationNeeded';
  }
  return platform;
}

function uniq(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

interface OneEvaluation {
  status: TcbLevelStatus;
  platformStatus: TcbLevelStatus;
  advisoryIds: string[];
  tcbDate: string;
  moduleId: string | undefined;
  moduleStatus: TcbLevelStatus | undefined;
}

function evaluateOnce(
  info: TcbInfo,
  pck: PckExtension,
  teeTcbSvn: Uint8Array | undefined,
  qe: IsvLevel,
): OneEvaluation {
  const platform = matchPlatformLevel(info, pck, teeTcbSvn);
  let status = converge(platform.tcbStatus, qe.tcbStatus);
  const advisories = [...platform.advisoryIds, ...qe.advisoryIds];
  const dates = [platform.tcbDate, qe.tcbDate];
  let moduleId: string | undefined;
  let moduleStatus: TcbLevelStatus | undefined;
  if (teeTcbSvn && (teeTcbSvn[1] as number) > 0) {
    const identity = findModuleIdentity(info, teeTcbSvn);
    const level = matchIsvLevel(identity.tcbLevels, teeTcbSvn[0] as number, `TDX module ${identity.id}`);
    moduleId = identity.id;
    moduleStatus = level.tcbStatus;
    status = converge(status, level.tcbStatus);
    advisories.push(...level.advisoryIds);
    dates.push(level.tcbDate);
  }
  return {
    status,
    platformStatus: platform.tcbStatus,
    advisoryIds: uniq(advisories),
    tcbDate: dates.sort()[0] as string,
    moduleId,
    moduleStatus,
  };
}

/** `TDX_%02X` of TEE_TCB_SVN[1] in tdxModuleIdentities (case-insensitive). @throws TDX_MODULE_MISMATCH */
export function findModuleIdentity(info: TcbInfo, teeTcbSvn: Uint8Array): TcbInfo['tdxModuleIdentities'][number] {
  const want = `TDX_${(teeTcbSvn[1] as number).toString(16).padStart(2, '0')}`.toUpperCase();
  const identity = info.tdxModuleIdentities.find((m) => m.id.toUpperCase() === want);
  if (!identity) throw new TdxVerifyError('TDX_MODULE_MISMATCH', `TDX module identity ${want} not in TCB Info`);
  return identity;
}

/**
 * Evaluate the TCB status. `teeTcbSvn` undefined for SGX; `teeTcbSvn2` given for TD 1.5 bodies (relaunch check).
 * @throws TdxVerifyError TDX_TCB_NOT_SUPPORTED, TDX_MODULE_MISMATCH
 */
export function evaluateTcb(
  info: TcbInfo,
  pck: PckExtension,
  qe: IsvLevel,
  teeTcbSvn: Uint8Array | undefined,
  teeTcbSvn2: Uint8Array | undefined,
): TcbEvaluation {
  const launch = evaluateOnce(info, pck, teeTcbSvn, qe);
  let status: TcbStatus = launch.status;
  if (teeTcbSvn2 && (launch.status === 'OutOfDate' || launch.status === 'OutOfDateConfigurationNeeded')) {
    let current: OneEvaluation | undefined;
    try {
      current = evaluateOnce(info, pck, teeTcbSvn2, qe);
    } catch {
      current = undefined; // the current TCB matching nothing cannot make the launch status better
    }
    if (
      current &&
      ['UpToDate', 'SWHardeningNeeded', 'ConfigurationNeeded', 'ConfigurationAndSWHardeningNeeded'].includes(
        current.status,
      )
    ) {
      status =
        CONFIG.has(launch.status) || CONFIG.has(current.status)
          ? 'TDRelaunchAdvisedConfigurationNeeded'
          : 'TDRelaunchAdvised';
    }
  }
  return {
    status,
    advisoryIds: Object.freeze(launch.advisoryIds),
    tcbDate: launch.tcbDate,
    platformStatus: launch.platformStatus,
    qeStatus: qe.tcbStatus,
    tdxModuleId: launch.moduleId,
    tdxModuleStatus: launch.moduleStatus,
  };
}
