/**
 * `chrysalis devnet` (= `npm start`): the whole network on this machine, in one process tree.
 *
 *   TON sandbox + contracts behind a toncenter-v2 API  ->  broker (SQLite ledger)  <-  N workers (child processes,
 *   SIMULATED TDX + SIMULATED GPU evidence, tiny ONNX TEST model)  ;  gateway (OpenAI-compatible) -> SDK -> broker.
 *
 * What is simulated (and printed as such): the TON chain is @ton/sandbox, not a network; TDX quotes and GPU reports
 * are signed by devnet PKIs that mirror Intel's and NVIDIA's structure (the verifiers are the production ones, only
 * the roots differ, and every verifier here opts in to those roots explicitly); the model is a tiny test model.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEVNET_SPEC, parseDevnetFlags, type DevnetFlags } from './devnet-flags';
import { devnetAddressLines } from './devnet-output';
import { EXIT, reportError, usageError } from './exit';
import { helpText } from './flags';
import { untilShutdown, type RunOptions } from './shutdown';
import { keyPairFromSeed } from '@ton/crypto';
import pino from 'pino';
import { createDevnetIntelPki } from '../devnet/intel';
import { createDevnetNvidiaPki } from '../devnet';
import { imageId as computeImageId, platformId as computePlatformId } from '../attestation/policy';
import { trustFileToJson } from '../attestation/trust-file';
import type { BundlePolicy, VerifyBundleOptions } from '../attestation/bundle';
import { devnetTdFields } from '../devnet/providers/simulated-tdx';
import { ensureTinyModel } from '../enclave-runtime/tiny-model';
import { createChainClient } from '../contracts/chain';
import { startDevnetChain, type DevnetChain } from '../devnet';
import { DEFAULT_PARAMS, Registry } from '../contracts/wrappers/registry';
import {
  startBroker,
  openLedger,
  makeConfig,
  attestationBundleVerifier,
  type RunningBroker,
  type WorkerSessionEnded,
} from '../broker';
import { openChannelFromWallet, startBrokerChain, type BrokerChain } from '../broker/chain';
import { compileContract } from '../contracts/wrappers/compile';
import { ChrysalisClient, startGateway, tonVoucherSigner, type RunningGateway } from '../sdk';
import { apiKeyProblem } from '../sdk/gateway/auth';
import { pollUntil } from '../core/retry';
import { systemClock } from '../core/clock';

export const DEVNET_FILE = 'devnet.json';

/** What a running devnet writes to `<data-dir>/devnet.json` for `chrysalis chat` / `chrysalis status`. */
export interface DevnetInfo {
  readonly gateway: string;
  readonly broker: string;
  readonly chainApi: string;
  readonly registry: string;
  readonly attestationLog: string;
  readonly clientChannel: string;
  readonly clientKeyFile: string;
  readonly trustFile: string;
  readonly collateralFile: string;
  readonly modelId: string;
  readonly modelName: string;
  readonly imageId: string;
  readonly platformId: string;
  readonly pid: number;
}

/** A 32-byte seed kept in the data directory (mode 0600), so restarts keep the same keys and channel. */
function loadOrCreateSeed(file: string): Uint8Array {
  if (existsSync(file)) {
    const b = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (b.length === 32) return new Uint8Array(b);
  }
  const seed = randomBytes(32);
  writeFileSync(file, `${seed.toString('hex')}\n`, { mode: 0o600 });
  return new Uint8Array(seed);
}

/** The package root (works from dist/scripts and from the TypeScript sources under jest). */
function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'chrysalis.js'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('cannot find the chrysalis package root');
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  isAlive?: () => string | null,
): Promise<void> {
  const up = await pollUntil(
    async () => {
      if (await check().catch(() => false)) return true;
      const dead = isAlive?.();
      if (dead) throw new Error(`${what}: ${dead}`);
      return undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
  if (!up) throw new Error(`timed out waiting for ${what}`);
}

export interface RunningDevnet {
  readonly info: DevnetInfo;
  /** The worker child processes, in start order (`devnet-worker-1`, ...). */
  readonly workers: readonly { readonly name: string; readonly pid: number | undefined }[];
  /** Claim every outstanding voucher on-chain now (the settler otherwise claims lazily). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The one line the devnet prints when a worker process ends (outside shutdown). */
export function workerExitLine(
  name: string,
  pid: number | undefined,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail = '',
): string {
  const how = code !== null ? `with code ${code}` : `on signal ${signal ?? 'unknown'}`;
  return `worker ${name} (pid ${pid ?? '?'}) exited ${how}${stderrTail ? `: ${stderrTail}` : ''}`;
}

/** The one line the devnet prints when an admitted worker's broker session ends (outside shutdown). */
export function workerSessionLine(e: WorkerSessionEnded): string {
  return `worker ${e.workerName || '(unnamed)'} (${e.workerId.slice(0, 16)}…) left the broker: ${e.reason}; ${e.lost} request(s) lost`;
}

/** Starts everything; resolves once both workers are admitted and the gateway listens. */
export async function startDevnet(
  f: DevnetFlags,
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<RunningDevnet> {
  const TOTAL = 7;
  const step = (n: number, total: number, text: string): void => log(`[${n}/${total}] ${text}`);
  const closers: Array<() => Promise<void>> = [];
  // Set once stopping: workers leaving then are expected, not news.
  let stopping = false;
  const closeAll = async (): Promise<void> => {
    stopping = true;
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    // Off loopback the gateway needs an API key (it spends the devnet client's channel): refuse before starting.
    const apiKey = process.env.CHRYSALIS_GATEWAY_API_KEY;
    const keyProblem = apiKeyProblem(f.host, apiKey || undefined);
    if (keyProblem)
      throw usageError(
        `gateway: ${keyProblem.replace('--api-key (or CHRYSALIS_GATEWAY_API_KEY)', 'CHRYSALIS_GATEWAY_API_KEY')}`,
      );
    mkdirSync(f.dataDir, { recursive: true });
    const logger = pino(
      { name: 'devnet', level: process.env.CHRYSALIS_LOG_LEVEL ?? 'warn' },
      pino.destination({ dest: join(f.dataDir, 'devnet.log'), sync: false }),
    );

    // 1. The model.
    step(
      1,
      TOTAL,
      f.engine === 'onnx'
        ? 'tiny ONNX TEST model (not a language model; made by a script from a seed)'
        : `upstream model ${f.upstreamModel}`,
    );
    const model = await ensureTinyModel(join(f.dataDir, 'model'), { seed: f.seed });
    const modelName = model.name;
    const modelId =
      f.engine === 'onnx'
        ? model.modelId
        : createHash('sha256').update(`${f.upstreamModel}@upstream:${f.upstreamUrl}`).digest('hex');

    // 2. SIMULATED attestation roots. Same seed as the workers use; collateral issued now, valid 30 days.
    step(2, TOTAL, 'SIMULATED Intel-like and NVIDIA-like PKIs (devnet roots, opted in explicitly)');
    const now = new Date();
    const intel = createDevnetIntelPki({ seed: f.seed, issuedAt: new Date(now.getTime() - 3600_000) });
    const nvidia = createDevnetNvidiaPki({ seed: f.seed });
    const trust = { intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust };
    const trustFile = join(f.dataDir, 'trust.json');
    writeFileSync(trustFile, trustFileToJson({ kind: 'devnet', intel: trust.intel, nvidia: trust.nvidia }));
    const collateralFile = join(f.dataDir, 'collateral.json');
    writeFileSync(collateralFile, JSON.stringify(intel.collateralJson(), null, 2));
    const fields = devnetTdFields();
    const imageId = computeImageId(fields as never);
    const platformId = computePlatformId(fields as never);
    const policy: BundlePolicy = {
      quote: { allowedRoots: [createHash('sha256').update(intel.rootCaDer).digest('hex')] },
    };

    // 3. Chain.
    step(3, TOTAL, 'TON sandbox (SIMULATED chain) with Registry, AttestationLog and a client PaymentChannel');
    const brokerKeys = keyPairFromSeed(Buffer.from(loadOrCreateSeed(join(f.dataDir, 'broker.key'))));
    const clientSeed = loadOrCreateSeed(join(f.dataDir, 'client.key'));
    const clientKeys = keyPairFromSeed(Buffer.from(clientSeed));
    const brokerUrlGuess = `http://${f.host}:${f.brokerPort}`;
    const chain: DevnetChain = await startDevnetChain({
      port: f.chainPort,
      host: f.host,
      images: [Buffer.from(imageId, 'hex')],
      platforms: [Buffer.from(platformId, 'hex')],
      models: [{ id: Buffer.from(modelId, 'hex'), multiplier: 10_000 }], // 10000 = 1x the registry price
      brokers: [{ key: new Uint8Array(brokerKeys.publicKey), endpoint: brokerUrlGuess }],
      fundWallets: [new Uint8Array(brokerKeys.publicKey), new Uint8Array(clientKeys.publicKey)],
    });
    closers.push(() => chain.close());
    const brokerWallet = chain.walletAddress(new Uint8Array(brokerKeys.publicKey));
    const chainClient = createChainClient({ network: 'devnet', endpoint: chain.url });
    // The client opens its channel from its own wallet, exactly as on testnet.
    const regState = await chainClient.readRegistry(chain.registry);
    const deposit = 100_000_000_000n; // 100 TON
    const clientChannel = await openChannelFromWallet(
      chainClient,
      { publicKey: new Uint8Array(clientKeys.publicKey), secretKey: new Uint8Array(clientKeys.secretKey) },
      {
        payee: brokerWallet,
        deposit,
        closeDelay: regState.params.clientCloseDelay,
        code: await compileContract('payment_channel'),
        pollMs: 50,
      },
    );

    // 4. Broker, wired to the chain: registry view (cached on its version), on-chain admission log, channel
    //    directory, TON voucher verifier and the lazy settler, all through the same toncenter API as testnet.
    step(4, TOTAL, 'broker (SQLite ledger; admission = verifyBundle + on-chain registry; admissions logged on-chain)');
    // The sandbox chain lives in memory, so every start is a fresh chain: start the ledger fresh to match it.
    const dbPath = join(f.dataDir, 'broker.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    const config = makeConfig({ host: f.host, port: f.brokerPort, dbPath });
    const ledger = openLedger(config);
    closers.push(async () => {
      await ledger.close();
    });
    const bc: BrokerChain = await startBrokerChain({
      chain: chainClient,
      registry: chain.registry,
      brokerKey: { publicKey: new Uint8Array(brokerKeys.publicKey), secretKey: new Uint8Array(brokerKeys.secretKey) },
      ledger,
      pollMs: 50,
      confirmTimeoutMs: 20_000,
      registryVersionCheckMs: 2000,
      settlement: { intervalMs: f.settleIntervalMs },
      clock: systemClock,
    });
    closers.push(() => bc.stop());
    const broker: RunningBroker = await startBroker({
      config,
      logger: logger.child({ component: 'broker' }),
      clock: systemClock,
      ...bc.deps,
      bundleVerifier: attestationBundleVerifier({ registry: bc.registryView, trust, policy }),
      onWorkerSessionEnded: (e) => {
        if (!stopping) log(workerSessionLine(e));
      },
    });
    closers.push(() => broker.close());
    const registryView = bc.registryView;
    if (broker.url !== brokerUrlGuess) {
      // A free port was picked: register the broker's real endpoint (the owner's change bumps the registry version).
      await chain.blockchain
        .openContract(Registry.createFromAddress(chain.registry))
        .sendAddBroker(chain.deployer.getSender(), {
          brokerKey: new Uint8Array(brokerKeys.publicKey),
          wallet: brokerWallet,
          endpoint: broker.url,
          value: 50_000_000n,
        });
    }

    // 5. Workers, as child processes, dialling out to the broker.
    step(5, TOTAL, `${f.workers} workers (SIMULATED TDX + SIMULATED GPU, ${f.engine})`);
    const bin = join(packageRoot(), 'bin', 'chrysalis.js');
    const children: ChildProcess[] = [];
    const exits: string[] = [];
    for (let i = 0; i < f.workers; i++) {
      const args = [
        bin,
        'worker',
        '--broker',
        broker.workerUrl,
        '--tdx',
        'simulated',
        '--gpu',
        'simulated',
        '--devnet-seed',
        f.seed,
        '--tdx-collateral',
        collateralFile,
        '--price-nano',
        String(DEFAULT_PARAMS.pricePerToken),
        '--name',
        `devnet-worker-${i + 1}`,
        ...(f.engine === 'onnx'
          ? ['--engine', 'onnx', '--model-dir', model.dir]
          : [
              '--engine',
              'openai-upstream',
              '--upstream-url',
              f.upstreamUrl!,
              '--upstream-model',
              f.upstreamModel!,
              '--model-id',
              modelId,
            ]),
      ];
      const child = spawn(process.execPath, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, CHRYSALIS_LOG_LEVEL: process.env.CHRYSALIS_LOG_LEVEL ?? 'warn' },
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
      });
      child.on('exit', (code, sig) => {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        exits.push(`worker ${i + 1} exited (${code ?? sig}): ${tail}`);
        if (!stopping) log(workerExitLine(`devnet-worker-${i + 1}`, child.pid, code, sig, tail));
      });
      children.push(child);
    }
    closers.push(async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((res) => {
              if (c.exitCode !== null || c.signalCode !== null) return res();
              const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
              c.once('exit', () => {
                clearTimeout(t);
                res();
              });
              c.kill('SIGTERM');
            }),
        ),
      );
    });
    await waitFor(
      `${f.workers} admitted workers`,
      async () => {
        const r = await fetch(`${broker.url}/v1/workers`);
        const j = (await r.json()) as { workers: unknown[] };
        return j.workers.length >= f.workers;
      },
      120_000,
      () => (exits.length ? exits[0]! : null),
    );

    // 6. Gateway on the SDK.
    step(
      6,
      TOTAL,
      'OpenAI-compatible gateway (the SDK verifies every bundle itself, seals, checks receipts, signs vouchers)',
    );
    const registrySnapshot = async (): Promise<VerifyBundleOptions['registry']> => {
      const s = await registryView.snapshot();
      return { version: s.version, imageIds: s.imageIds, platformIds: s.platformIds, modelIds: s.modelIds };
    };
    const client = new ChrysalisClient({
      broker: broker.url,
      channel: clientChannel.toString(),
      channelKey: clientSeed,
      verify: { registry: await registrySnapshot(), trust, policy },
      voucherSigner: tonVoucherSigner(clientSeed),
      models: { [modelName]: modelId },
    });
    const gateway: RunningGateway = await startGateway({
      client,
      port: f.gatewayPort,
      host: f.host,
      ...(apiKey ? { apiKey } : {}),
    });
    closers.push(() => gateway.close());

    step(7, TOTAL, 'ready');
    const info: DevnetInfo = {
      gateway: gateway.url,
      broker: broker.url,
      chainApi: chain.url,
      registry: chain.registry.toString(),
      attestationLog: chain.attestationLog.toString(),
      clientChannel: clientChannel.toString(),
      clientKeyFile: join(f.dataDir, 'client.key'),
      trustFile,
      collateralFile,
      modelId,
      modelName,
      imageId,
      platformId,
      pid: process.pid,
    };
    writeFileSync(join(f.dataDir, DEVNET_FILE), `${JSON.stringify(info, null, 2)}\n`);
    return {
      info,
      workers: children.map((c, i) => ({ name: `devnet-worker-${i + 1}`, pid: c.pid })),
      settle: () => bc.settler.flush(),
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  let f: DevnetFlags | 'help';
  try {
    f = parseDevnetFlags(argv);
  } catch (err) {
    return reportError(DEVNET_SPEC.name, err, { usage: helpText(DEVNET_SPEC) });
  }
  if (f === 'help') {
    process.stdout.write(helpText(DEVNET_SPEC));
    return EXIT.OK;
  }
  process.stdout.write('chrysalis devnet — everything below runs on this machine; SIMULATED parts are marked.\n');
  let dev: RunningDevnet;
  try {
    dev = await startDevnet(f);
  } catch (err) {
    process.stderr.write('chrysalis devnet: failed to start\n');
    return reportError(DEVNET_SPEC.name, err);
  }
  const i = dev.info;
  process.stdout.write(
    [
      '',
      ...devnetAddressLines(i),
      '',
      `model: ${i.modelName} (id ${i.modelId}) — a tiny TEST model, not a language model`,
      `client channel: ${i.clientChannel}   data: ${f.dataDir}`,
      '',
      'try:',
      `  curl -s ${i.gateway}/chat/completions -H 'content-type: application/json' \\`,
      `    -d '{"model":"${i.modelName}","messages":[{"role":"user","content":"Tell me a story"}]}'`,
      '',
      `  node -e 'const OpenAI=require("openai");new OpenAI({baseURL:"${i.gateway}",apiKey:"devnet"}).chat.completions.create({model:"${i.modelName}",messages:[{role:"user",content:"Hello"}]}).then(r=>console.log(r.choices[0].message.content))'`,
      '',
      `  npx chrysalis chat "Hello"      npx chrysalis status`,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  await untilShutdown(opts.signal);
  process.stdout.write('\nstopping: draining the gateway and broker, stopping workers and the chain...\n');
  await dev.close();
  process.stdout.write('stopped.\n');
  return 0;
}
