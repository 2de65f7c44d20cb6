import type { QuotePolicy } from './appraise';
import { TCB_STATUSES } from '../tdx/collateral-json';

const LISTS = [
  'allowedRoots',
  'allowedAdvisoryIds',
  'mrservicetd',
  'xfam',
  'mrtd',
  'rtmr0',
  'rtmr1',
  'rtmr2',
  'rtmr3',
  'mrseam',
  'imageIds',
  'platformIds',
  'mrEnclave',
  'mrSigner',
] as const;
const BOOLS = ['allowDebug', 'requireSeptVeDisable'] as const;
const INTS = ['isvProdId', 'minIsvSvn'] as const;
const STATUSES: readonly string[] = [
  ...TCB_STATUSES.filter((s) => s !== 'Revoked'),
  'TDRelaunchAdvised',
  'TDRelaunchAdvisedConfigurationNeeded',
];

/**
 * A `QuotePolicy` from untrusted JSON (a policy file): every known key type-checked, unknown keys rejected (a typo
 * must not silently disable a check). @throws RangeError naming the offending key
 */
export function quotePolicyFromJson(value: unknown): QuotePolicy {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RangeError('policy must be a JSON object');
  const o = value as Record<string, unknown>;
  const known = new Set<string>([
    ...LISTS,
    ...BOOLS,
    ...INTS,
    'teeType',
    'acceptedStatuses',
    'reportData',
    'minTcbEvaluationDataNumber',
  ]);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new RangeError(`policy: unknown key "${k}"`);
  for (const k of LISTS) {
    const v = o[k];
    if (
      v !== undefined &&
      (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && /^[0-9A-Za-z_.-]*$/.test(x)))
    ) {
      throw new RangeError(`policy: "${k}" must be an array of strings`);
    }
  }
  for (const k of BOOLS)
    if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new RangeError(`policy: "${k}" must be a boolean`);
  for (const k of INTS)
    if (o[k] !== undefined && !(Number.isInteger(o[k]) && (o[k] as number) >= 0 && (o[k] as number) <= 0xffff))
      throw new RangeError(`policy: "${k}" must be a 16-bit integer`);
  if (o['teeType'] !== undefined && o['teeType'] !== 'TDX' && o['teeType'] !== 'SGX')
    throw new RangeError('policy: "teeType" must be "TDX" or "SGX"');
  const st = o['acceptedStatuses'];
  if (st !== undefined && (!Array.isArray(st) || !st.every((s) => typeof s === 'string' && STATUSES.includes(s)))) {
    throw new RangeError('policy: "acceptedStatuses" must list known non-Revoked TCB statuses');
  }
  const floor = o['minTcbEvaluationDataNumber'];
  if (floor !== undefined && !(Number.isInteger(floor) && (floor as number) >= 0 && (floor as number) <= 0xffffffff))
    throw new RangeError('policy: "minTcbEvaluationDataNumber" must be a 32-bit unsigned integer');
  const rd = o['reportData'];
  if (rd !== undefined && (typeof rd !== 'string' || !/^(0x)?([0-9a-fA-F]{2}){0,64}$/.test(rd)))
    throw new RangeError('policy: "reportData" must be hex of at most 64 bytes');
  return Object.freeze({ ...o }) as QuotePolicy;
}
