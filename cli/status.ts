/** `chrysalis status [--data-dir DIR] [--json]` — brokers, admitted workers, registry version, channel balances. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { ACCOUNT_AUTH_HEADER } from '../proto/account-auth';
import { accountAuthHeader, ed25519SignerFromSeed } from '../sdk';
import { devnetChain, devnetClient, loadDevnetInfo, nanoToTon } from './devnet-client';
import { inputError } from './exit';
import { runCommand, type CommandSpec, type FlagValues } from './flags';

interface Listing {
  workerId: string;
  modelId: string;
  imageId: string;
  platformId: string;
  admittedAtMs: number;
  validUntilMs: number;
  queueDepth: number;
  promptPriceNano: number;
  completionPriceNano: number;
  tcbStatus?: string;
  /** Base64 evidence bundle. */
  bundle?: string;
}

const b64hex = (s: string): string =>
  /^[0-9a-f]+$/i.test(s) && s.length % 2 === 0 ? s : Buffer.from(s, 'base64').toString('hex');

export const spec = {
  name: 'status',
  synopsis: '[options]',
  summary: 'Show the registry version and brokers, admitted workers (attestation age), and channel balances.',
  options: {
    'data-dir': { type: 'string', arg: 'DIR', default: '.data/devnet', desc: "the running devnet's data directory" },
    'save-bundles': {
      type: 'string',
      arg: 'DIR',
      desc: "write each admitted worker's evidence bundle to DIR/<bundleDigest>.bin",
    },
    json: { type: 'boolean', desc: 'print one JSON object' },
  },
  notes: [
    'Saved bundles are what `chrysalis attest bundle`, `attest receipt --bundle` and `attest admissions --bundles` read.',
  ],
} as const satisfies CommandSpec;

export async function run(argv: string[]): Promise<number> {
  return runCommand(spec, argv, async ({ values }) => status(values));
}

async function status(v: FlagValues<(typeof spec)['options']>): Promise<number> {
  const info = loadDevnetInfo(v['data-dir']!);
  const chain = devnetChain(info);
  const reg = await chain.readRegistry(Address.parse(info.registry));
  const workers = ((await (await fetch(`${info.broker}/v1/workers`)).json()) as { workers: Listing[] }).workers;
  const saved = v['save-bundles'] ? saveBundles(v['save-bundles'], workers) : [];
  const ch = await chain.getChannel(Address.parse(info.clientChannel));
  const acct = await readAccount(info.broker, info.clientKeyFile).catch(() => null);
  // TCB status as THIS process sees it: the SDK re-verifies every advertised bundle itself (fail-closed).
  const verified = new Map<string, string>();
  try {
    for (const l of await (await devnetClient(info)).listWorkers({ refresh: true }))
      verified.set(
        l.worker.workerId,
        `${l.worker.tcbStatus ?? 'verified'}${l.worker.simulatedRoots ? ' (SIMULATED roots)' : ''}`,
      );
  } catch {
    /* listed below as not verified */
  }
  const now = Date.now();
  const out = {
    registry: { address: info.registry, version: Number(reg.version) },
    brokers: reg.brokers.map((b) => ({ key: b.key, endpoint: b.endpoint })),
    broker: info.broker,
    workers: workers.map((w) => ({
      workerId: w.workerId,
      imageId: b64hex(w.imageId),
      platformId: b64hex(w.platformId),
      modelId: b64hex(w.modelId),
      tcbStatus: verified.get(w.workerId) ?? 'NOT VERIFIED by this client',
      attestationAgeS: Math.round((now - w.admittedAtMs) / 1000),
      validForS: Math.round((w.validUntilMs - now) / 1000),
      queueDepth: w.queueDepth,
      promptPriceNano: w.promptPriceNano,
      completionPriceNano: w.completionPriceNano,
    })),
    channel: {
      address: info.clientChannel,
      depositNano: String(ch?.deposit ?? 0n),
      claimedOnChainNano: String(ch?.claimed ?? 0n),
      broker: acct,
    },
    ...(v['save-bundles'] ? { savedBundles: saved } : {}),
  };
  if (v.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `registry ${out.registry.address} version ${out.registry.version}`,
    `brokers: ${out.brokers.map((b) => b.endpoint).join(', ') || '(none registered)'}`,
    `broker ${out.broker}: ${out.workers.length} admitted worker(s)`,
    ...out.workers.map(
      (w) =>
        `  ${w.workerId.slice(0, 16)}…  image ${w.imageId.slice(0, 16)}…  model ${w.modelId.slice(0, 16)}…  tcb ${w.tcbStatus}  attested ${w.attestationAgeS}s ago  queue ${w.queueDepth}`,
    ),
    `client channel ${out.channel.address}: deposit ${nanoToTon(BigInt(out.channel.depositNano))} TON, claimed on-chain ${nanoToTon(BigInt(out.channel.claimedOnChainNano))} TON`,
    acct ? `  broker ledger: ${JSON.stringify(acct)}` : '  broker ledger: (no account yet)',
  ];
  if (v['save-bundles']) lines.push(`saved ${saved.length} bundle(s) to ${v['save-bundles']}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The broker's account of this client (GET /v1/accounts, signed with the client key: only it may read it), or null. */
async function readAccount(broker: string, keyFile: string): Promise<unknown> {
  const signer = await ed25519SignerFromSeed(new Uint8Array(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex')));
  const auth = await accountAuthHeader(signer, Math.floor(Date.now() / 1000));
  const r = await fetch(`${broker}/v1/accounts/${Buffer.from(signer.publicKey).toString('hex')}`, {
    headers: { [ACCOUNT_AUTH_HEADER]: auth },
  });
  return r.ok ? r.json() : null;
}

/** Writes each listed bundle as `<dir>/<sha256>.bin` (the layout `attest admissions --bundles` reads). */
function saveBundles(dir: string, workers: readonly Listing[]): string[] {
  const files: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const w of workers) {
      if (typeof w.bundle !== 'string') continue;
      const bytes = Buffer.from(w.bundle, 'base64');
      const file = join(dir, `${createHash('sha256').update(bytes).digest('hex')}.bin`);
      writeFileSync(file, bytes);
      files.push(file);
    }
  } catch (e) {
    throw inputError(`cannot write bundles to ${dir}`, e);
  }
  return files;
}
