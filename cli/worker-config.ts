/**
 * The configuration of `chrysalis worker`: a JSON or YAML file (`--config FILE`), flags and a few environment
 * variables, merged field by field (flag beats file beats env beats default) and checked before anything starts.
 * Every error names the field it is about: `--prompt-price-nano: ...` for a flag, `config: prices.promptNano: ...`
 * for the file. Relative paths in the file are relative to the file's directory. `redactedConfig` is what
 * `--print-config` prints: the effective config with API keys and URL passwords replaced by `<redacted>`.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { Address } from '@ton/core';
import { parse as parseYaml } from 'yaml';
import { inputError, usageError } from './exit';
import { WORKER_FIELDS, type Field, type WorkerSettings } from './worker-fields';

export { WORKER_FIELDS, type Network, type WorkerSettings } from './worker-fields';

/** Object-valued paths of the file (anything else that is not a field is an unknown field). */
const GROUPS = new Set(['engine', 'model', 'evidence', 'prices', 'operatingWallet', 'payments', 'payments.chain']);
const FIELD_BY_PATH = new Map(WORKER_FIELDS.map((f) => [f.path, f]));

/** Where a value came from: its label is what an error message names. */
interface Sourced {
  readonly value: unknown;
  readonly label: string;
  /** Directory that relative paths from a config file are resolved against. */
  readonly baseDir?: string;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads a config file: YAML for `.yaml`/`.yml`, JSON otherwise. Unreadable or unparsable: exit 3. */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError(`cannot read --config ${file}`, e);
  }
  let doc: unknown;
  const ext = extname(file).toLowerCase();
  try {
    doc = ext === '.yaml' || ext === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw inputError(`--config ${file}: not valid ${ext === '.yaml' || ext === '.yml' ? 'YAML' : 'JSON'}`, e);
  }
  if (!isPlainObject(doc)) throw usageError(`config: expected an object at the top of ${file}`);
  return doc;
}

/** Flattens the file into field path -> value, refusing unknown fields and non-objects where groups belong. */
function flattenFile(doc: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (FIELD_BY_PATH.has(path)) {
        if (v !== null && v !== undefined) out.set(path, v);
      } else if (GROUPS.has(path)) {
        if (!isPlainObject(v)) throw usageError(`config: ${path}: expected an object`);
        walk(v, path);
      } else throw usageError(`config: ${path}: unknown field`);
    }
  };
  walk(doc, '');
  return out;
}

/** The flag's value or values as parseArgs gives them, undefined when the flag was not given. */
function flagValue(values: Readonly<Record<string, unknown>>, flag: string): unknown {
  const v = values[flag];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.length ? v : undefined;
  return v;
}

function scalarString(s: Sourced, what: string): string {
  if (typeof s.value === 'string') return s.value;
  if (typeof s.value === 'number' && Number.isFinite(s.value)) return String(s.value);
  throw usageError(`${s.label}: expected ${what}`);
}

function checkUrl(raw: string, label: string, schemes: readonly string[]): string {
  const what = schemes.includes('http:') ? 'an http(s) URL' : 'a ws(s) URL';
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {
    u = undefined;
  }
  if (!u || !schemes.includes(u.protocol)) throw usageError(`${label}: not ${what}`);
  return raw;
}

/** Checks one value against its field's kind; returns the typed value. */
function convert(f: Field, s: Sourced): unknown {
  const k = f.kind;
  switch (k.t) {
    case 'bool': {
      if (typeof s.value === 'boolean') return s.value;
      if (s.value === 'true' || s.value === 'false') return s.value === 'true';
      throw usageError(`${s.label}: expected true or false`);
    }
    case 'string': {
      const v = scalarString(s, 'a string');
      if (v === '') throw usageError(`${s.label}: must not be empty`);
      return v;
    }
    case 'path': {
      const v = scalarString(s, 'a path');
      if (v === '') throw usageError(`${s.label}: must not be empty`);
      return s.baseDir ? resolve(s.baseDir, v) : v;
    }
    case 'enum': {
      const v = scalarString(s, `one of ${k.values.join(', ')}`);
      if (!k.values.includes(v)) throw usageError(`${s.label}: unknown value ${v} (expected ${k.values.join(', ')})`);
      return v;
    }
    case 'u64': {
      const v = scalarString(s, 'an integer');
      if (!/^(0|[1-9][0-9]{0,19})$/.test(v) || BigInt(v) >= 1n << 64n)
        throw usageError(`${s.label}: expected an integer 0..18446744073709551615`);
      return BigInt(v);
    }
    case 'count': {
      const v = scalarString(s, 'an integer');
      if (!/^\d+$/.test(v) || Number(v) > k.max) throw usageError(`${s.label}: expected an integer 0..${k.max}`);
      return Number(v);
    }
    case 'address': {
      const v = scalarString(s, 'a TON address');
      try {
        Address.parse(v);
      } catch {
        throw usageError(`${s.label}: not a TON address`);
      }
      return v;
    }
    case 'hex32': {
      const v = scalarString(s, '64 hex');
      if (!/^[0-9a-fA-F]{64}$/.test(v)) throw usageError(`${s.label}: expected 64 hex`);
      return v.toLowerCase();
    }
    case 'url':
      return checkUrl(scalarString(s, 'a URL'), s.label, k.schemes);
    case 'urls': {
      const list = Array.isArray(s.value) ? s.value : undefined;
      if (!list) throw usageError(`${s.label}: expected a list of URLs`);
      return list.map((u, i) => {
        const label = s.label.startsWith('--') ? s.label : `${s.label}[${i}]`;
        if (typeof u !== 'string') throw usageError(`${label}: expected a URL`);
        return checkUrl(u, label, k.schemes);
      });
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]!] = value;
}

/**
 * The effective worker settings from parsed flags (`values`, as `parseFlags` returns them, with no flag defaults),
 * the `--config` file if any, and `env`. Throws a usage error (exit 2) naming the field for a bad or missing value,
 * an input error (exit 3) for an unreadable file.
 */
export function resolveWorkerSettings(
  values: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): WorkerSettings {
  const file = typeof values['config'] === 'string' ? values['config'] : undefined;
  const fromFile = file ? flattenFile(readConfigFile(file)) : new Map<string, unknown>();
  const baseDir = file ? dirname(resolve(file)) : undefined;
  const out: Record<string, unknown> = {};
  for (const f of WORKER_FIELDS) {
    let s: Sourced | undefined;
    const fv = flagValue(values, f.flag);
    if (fv !== undefined) s = { value: fv, label: `--${f.flag}` };
    else if (fromFile.has(f.path))
      s = { value: fromFile.get(f.path), label: `config: ${f.path}`, ...(baseDir ? { baseDir } : {}) };
    else if (f.env && env[f.env]) s = { value: env[f.env], label: f.env };
    else if (f.default !== undefined) s = { value: f.default, label: `--${f.flag}` };
    if (!s) {
      if (f.required) throw usageError(`--${f.flag} is required${file ? ` (or ${f.path} in --config)` : ''}`);
      continue;
    }
    setPath(out, f.path, convert(f, s));
  }
  const w = out as unknown as Mutable<WorkerSettings>;
  w.brokers ??= [];
  w.model ??= {};
  if (w.engine.kind === 'onnx') checkOnnx(w);
  else checkUpstream(w);
  // Payouts are on once a network is named (testnet/mainnet default to toncenter; devnet needs its chain API).
  const pay = w.payments;
  if (pay.chain?.endpoints && !pay.network)
    throw usageError('--network (payments.network) is required with --chain-api (payments.chain.endpoints)');
  if (pay.network === 'devnet' && !pay.chain?.endpoints)
    throw usageError('--chain-api (payments.chain.endpoints) is required with --network devnet');
  if (pay.network && !w.dataDir) throw usageError('--data-dir (dataDir) is required with --network (payments.network)');
  if (pay.registry && !pay.network)
    throw usageError('--network (payments.network) is required with --registry-address (payments.registry)');
  if (w.brokersFromRegistry && !pay.registry)
    throw usageError(
      '--registry-address (payments.registry) is required with --brokers-from-registry (brokersFromRegistry)',
    );
  if (w.maxConcurrency < 1) throw usageError('--max-concurrency (maxConcurrency): expected an integer 1..256');
  // The worker counts what it earned as receipts x (10000 - brokerFeeBps) / 10000: a guessed fee would make it stop
  // serving an honest broker (fee too low) or tolerate an underpaying one (too high), so it is read from the
  // registry or stated, never assumed.
  if (pay.network && pay.brokerFeeBps === undefined && !pay.registry)
    throw usageError(
      '--registry-address (payments.registry) or --broker-fee-bps (payments.brokerFeeBps) is required with ' +
        "--network: the broker fee is read from the registry's params.brokerFeeBps, or stated",
    );
  const ow = w.operatingWallet;
  if (ow?.mnemonicFile && ow.keyFile)
    throw usageError(
      'operatingWallet: give mnemonicFile or keyFile, not both (--operating-mnemonic-file, --operating-key-file)',
    );
  return w;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function checkOnnx(w: WorkerSettings): void {
  if (!w.model.dir && !w.model.tiny) throw usageError('--model-dir or --tiny is required for --engine onnx');
  if (w.model.engineConfig)
    throw usageError('--engine-config (model.engineConfig) applies to --engine openai-upstream');
}

function checkUpstream(w: WorkerSettings): void {
  // The model id is computed from the model directory the upstream serves (model.dir), never taken from a flag:
  // --model-id only pins it (a directory with another id is refused, ENGINE_MODEL_DIGEST_MISMATCH).
  if (!w.model.dir || !w.engine.upstreamUrl || !w.engine.upstreamModel)
    throw usageError(
      '--upstream-url, --upstream-model and --model-dir (the directory the upstream serves; the model id is ' +
        'computed from it) are required for openai-upstream',
    );
  if (w.model.tiny) throw usageError('--tiny (model.tiny) applies to --engine onnx');
}

const REDACTED = '<redacted>';
const SECRET_PARAM = /key|token|secret|pass/i;

/** A URL with its password and secret-looking query parameters replaced by `<redacted>`. */
export function redactUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw;
  }
  let changed = false;
  if (u.password) {
    u.password = REDACTED;
    changed = true;
  }
  for (const k of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(k)) {
      u.searchParams.set(k, REDACTED);
      changed = true;
    }
  }
  return changed ? u.toString().replace(/%3Credacted%3E/gi, REDACTED) : raw;
}

/** The settings as `--print-config` prints them: JSON-ready (bigints as decimal strings), secrets redacted. */
export function redactedConfig(w: WorkerSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of WORKER_FIELDS) {
    let v: unknown = f.path.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], w);
    if (v === undefined) continue;
    if (f.secret) v = REDACTED;
    else if (f.kind.t === 'url') v = redactUrl(v as string);
    else if (f.kind.t === 'urls') v = (v as string[]).map(redactUrl);
    else if (typeof v === 'bigint') v = v.toString();
    setPath(out, f.path, v);
  }
  return out;
}
