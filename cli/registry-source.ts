/**
 * How every command names a registry: `--registry-address ADDR` (read from the chain through `--endpoint URL`) or
 * `--registry-file FILE` (exactly the JSON `chrysalis contracts registry` prints). Anything else in a registry file
 * is refused (exit 3) rather than read as an empty allowlist.
 */
import { readFileSync } from 'node:fs';
import { Address } from '@ton/core';
import { createChainClient, type ChainClient } from '../contracts/chain';
import { modelDiskRootHashes, type RegistryParams } from '../contracts/wrappers/registry';
import { type ModelPrice, registryModelPrices } from '../contracts/pricing';
import type { RegistrySnapshot } from '../attestation/bundle';
import { CliError, EXIT, inputError, usageError } from './exit';

export const REGISTRY_OPTIONS = {
  'registry-address': {
    type: 'string',
    arg: 'ADDR',
    desc: 'read the Registry contract at ADDR from the chain (needs --endpoint)',
  },
  'registry-file': {
    type: 'string',
    arg: 'FILE',
    desc: 'the registry JSON that `chrysalis contracts registry` prints',
  },
  endpoint: {
    type: 'string',
    arg: 'URL',
    desc: 'toncenter v2 JSON-RPC endpoint (the devnet prints it as `chain-api:`)',
  },
} as const;

export interface RegistryFlags {
  readonly 'registry-address'?: string;
  readonly 'registry-file'?: string;
  readonly endpoint?: string;
}

/** The registry as `chrysalis contracts registry` prints it (ids as lowercase hex). */
export interface LoadedRegistry {
  /** Where it came from: `chain <address>` or `file <path>`. */
  readonly source: string;
  readonly address: string | null;
  readonly version: number;
  readonly images: readonly string[];
  readonly platforms: readonly string[];
  /** `diskRootHash`: the model disk's dm-verity root hash (hex), when the registry lists one. */
  readonly models: readonly { readonly id: string; readonly multiplier: number; readonly diskRootHash?: string }[];
  readonly params: RegistryParams;
  /** Each model's prompt/completion price (`modelPrice` of params and multiplier), keyed by model id (hex). */
  readonly modelPrices: Readonly<Record<string, ModelPrice>>;
  readonly brokers: readonly { readonly key: string; readonly wallet: string; readonly endpoint: string }[];
  readonly attestationLog: string | null;
}

/** The allowlist, model prices and model-disk root hashes `verifyBundle` checks against. */
export function toVerifyRegistry(r: LoadedRegistry): RegistrySnapshot {
  return {
    version: r.version,
    imageIds: r.images,
    platformIds: r.platforms,
    modelIds: r.models.map((m) => m.id),
    modelPrices: r.modelPrices,
    modelDiskRootHashes: modelDiskRootHashes(r.models),
  };
}

const HEX64 = /^[0-9a-fA-F]{64}$/;
const FILE_HINT = 'write it with `chrysalis contracts registry --registry-address ADDR --endpoint URL > registry.json`';

function invalid(file: string, why: string): CliError {
  return new CliError('CLI_REGISTRY_FILE_INVALID', EXIT.INPUT, `${file} is not a registry file: ${why}`, {
    hint: FILE_HINT,
  });
}

function ids(v: unknown, field: string, file: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && HEX64.test(x)))
    throw invalid(file, `"${field}" must be an array of 64-hex ids`);
  return v.map((x: string) => x.toLowerCase());
}

function bigintOf(v: unknown, field: string, file: string): bigint {
  if ((typeof v === 'string' && /^\d+$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0))
    return BigInt(v);
  throw invalid(file, `"params.${field}" must be a non-negative integer`);
}

function intOf(v: unknown, field: string, file: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw invalid(file, `"${field}" must be a non-negative integer`);
  return n;
}

const DECIMAL = /^\d+$/;

/**
 * A file's `modelPrices` ({ "<model hex>": { "promptNano": "123", "completionNano": "456" } }, decimal strings) must
 * be exactly what its params and multipliers give: a file whose prices were edited by hand is refused.
 */
function checkModelPrices(v: unknown, expected: Readonly<Record<string, ModelPrice>>, file: string): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(file, '"modelPrices" must be an object');
  const got = v as Record<string, unknown>;
  const keys = Object.keys(got);
  if (keys.length !== Object.keys(expected).length) throw invalid(file, '"modelPrices" must list every model once');
  for (const k of keys) {
    const want = expected[k.toLowerCase()];
    const e = (got[k] ?? {}) as Record<string, unknown>;
    if (!HEX64.test(k) || !want) throw invalid(file, `"modelPrices.${k}" is not a model of the registry`);
    for (const f of ['promptNano', 'completionNano'] as const) {
      const x = e[f];
      if (typeof x !== 'string' || !DECIMAL.test(x))
        throw invalid(file, `"modelPrices.${k}.${f}" must be a decimal string`);
      if (BigInt(x) !== want[f])
        throw invalid(file, `"modelPrices.${k}.${f}" is ${x}, but params and multiplier give ${want[f]}`);
    }
  }
}

/** Parses the JSON `chrysalis contracts registry` prints. @throws CliError CLI_REGISTRY_FILE_INVALID (exit 3) */
export function parseRegistryJson(text: string, file: string): LoadedRegistry {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw invalid(file, `not JSON (${(e as Error).message})`);
  }
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw invalid(file, 'not a JSON object');
  const o = j as Record<string, unknown>;
  if ('imageIds' in o && !('images' in o))
    throw invalid(file, 'it is a bare allowlist ({imageIds, ...}), not the registry as the chain holds it');
  for (const k of ['version', 'images', 'platforms', 'models', 'params'])
    if (!(k in o)) throw invalid(file, `no "${k}" field`);
  if (!Array.isArray(o.models)) throw invalid(file, '"models" must be an array');
  const models = o.models.map((m: unknown, i) => {
    const e = (m ?? {}) as Record<string, unknown>;
    if (typeof e.id !== 'string' || !HEX64.test(e.id)) throw invalid(file, `"models[${i}].id" must be 64 hex`);
    const entry = { id: e.id.toLowerCase(), multiplier: intOf(e.multiplier, `models[${i}].multiplier`, file) };
    if (e.diskRootHash === undefined) return entry;
    if (typeof e.diskRootHash !== 'string' || !HEX64.test(e.diskRootHash))
      throw invalid(file, `"models[${i}].diskRootHash" must be 64 hex`);
    return { ...entry, diskRootHash: e.diskRootHash.toLowerCase() };
  });
  const p = (o.params ?? {}) as Record<string, unknown>;
  if (typeof p !== 'object') throw invalid(file, '"params" must be an object');
  const params: RegistryParams = {
    promptPricePerToken: bigintOf(p.promptPricePerToken, 'promptPricePerToken', file),
    completionPricePerToken: bigintOf(p.completionPricePerToken, 'completionPricePerToken', file),
    brokerFeeBps: intOf(p.brokerFeeBps, 'params.brokerFeeBps', file),
    minBrokerStake: bigintOf(p.minBrokerStake, 'minBrokerStake', file),
    minClientDeposit: bigintOf(p.minClientDeposit, 'minClientDeposit', file),
    clientCloseDelay: intOf(p.clientCloseDelay, 'params.clientCloseDelay', file),
    workerCloseDelay: intOf(p.workerCloseDelay, 'params.workerCloseDelay', file),
  };
  const modelPrices = registryModelPrices(params, models);
  if ('modelPrices' in o) checkModelPrices(o.modelPrices, modelPrices, file);
  const brokers = Array.isArray(o.brokers)
    ? o.brokers.map((b: unknown) => {
        const e = (b ?? {}) as Record<string, unknown>;
        return { key: String(e.key ?? ''), wallet: String(e.wallet ?? ''), endpoint: String(e.endpoint ?? '') };
      })
    : [];
  return {
    source: `file ${file}`,
    address: typeof o.address === 'string' ? o.address : null,
    version: intOf(o.version, 'version', file),
    images: ids(o.images, 'images', file),
    platforms: ids(o.platforms, 'platforms', file),
    models,
    params,
    modelPrices,
    brokers,
    attestationLog: typeof o.attestationLog === 'string' ? o.attestationLog : null,
  };
}

/** Parses a TON address flag. @throws usage CliError */
export function addressFlag(s: string, flag: string): Address {
  try {
    return Address.parse(s);
  } catch {
    throw usageError(`--${flag}: not a TON address: ${s}`);
  }
}

/** A chain client for `--endpoint`. */
export function chainFor(endpoint: string | undefined, flag = 'registry-address'): ChainClient {
  if (!endpoint) throw usageError(`--${flag} needs --endpoint URL (the devnet prints it as \`chain-api:\`)`);
  try {
    return createChainClient({ network: 'devnet', endpoint });
  } catch (e) {
    throw usageError(`--endpoint: ${(e as Error).message}`);
  }
}

/**
 * Checks that a contract is deployed at `address`. Network failures surface as CHAIN_REQUEST_FAILED (exit 4).
 * @throws CliError CLI_CONTRACT_NOT_FOUND (exit 1)
 */
export async function assertDeployed(chain: ChainClient, address: Address, what: string, flag: string): Promise<void> {
  const state = await chain.getAccountState(address);
  if (state !== 'active') {
    throw new CliError('CLI_CONTRACT_NOT_FOUND', EXIT.REJECTED, `no ${what} at ${address.toString()} (${state})`, {
      hint: `check --${flag}: the devnet prints the addresses at start (\`registry:\`, \`attestation-log:\`)`,
    });
  }
}

/** Reads a registry from the chain. */
export async function readRegistryFromChain(chain: ChainClient, address: Address): Promise<LoadedRegistry> {
  await assertDeployed(chain, address, 'Registry contract', 'registry-address');
  let s;
  try {
    s = await chain.readRegistry(address);
  } catch (e) {
    if ((e as { code?: string }).code === 'CHAIN_REQUEST_FAILED' && (await chain.getAccountState(address)) === 'active')
      throw new CliError('CLI_NOT_A_REGISTRY', EXIT.REJECTED, `${address.toString()} is not a Registry contract`, {
        cause: e,
        hint: 'check --registry-address',
      });
    throw e;
  }
  return {
    source: `chain ${address.toString()}`,
    address: address.toString(),
    version: s.version,
    images: s.images.map((x) => x.toLowerCase()),
    platforms: s.platforms.map((x) => x.toLowerCase()),
    models: s.models.map((m) => ({
      id: m.id.toLowerCase(),
      multiplier: m.multiplier,
      ...(m.diskRootHash !== undefined ? { diskRootHash: m.diskRootHash.toLowerCase() } : {}),
    })),
    params: s.params,
    modelPrices: registryModelPrices(s.params, s.models),
    brokers: s.brokers.map((b) => ({ key: b.key, wallet: b.wallet.toString(), endpoint: b.endpoint })),
    attestationLog: s.attestationLog ? s.attestationLog.toString() : null,
  };
}

/**
 * The registry named by `--registry-address` or `--registry-file` (never both), or undefined when neither is given
 * and `required` is false.
 */
export async function loadRegistry(v: RegistryFlags, required: boolean): Promise<LoadedRegistry | undefined> {
  const addr = v['registry-address'];
  const file = v['registry-file'];
  if (addr && file) throw usageError('give --registry-address or --registry-file, not both');
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw inputError(`cannot read --registry-file ${file}`, e, FILE_HINT);
    }
    return parseRegistryJson(text, file);
  }
  if (addr) return readRegistryFromChain(chainFor(v.endpoint), addressFlag(addr, 'registry-address'));
  if (required)
    throw usageError('a registry is required: --registry-address ADDR --endpoint URL, or --registry-file FILE');
  return undefined;
}
