/**
 * `chrysalis worker` — run a confidential worker. `main.ts` alone touches `process` (flags, env, signals).
 *
 *   chrysalis worker --config worker.yaml [--print-config] [any flag below overrides the file]
 *   chrysalis worker --broker ws://127.0.0.1:8080/v1/worker [--broker URL ...] --payout-address ADDR
 *                    [--brokers-from-registry] [--max-concurrency N]
 *                    [--engine onnx --model-dir DIR | --tiny DIR]
 *                    [--engine openai-upstream --upstream-url http://127.0.0.1:8000/v1 --upstream-model NAME
 *                     --model-dir DIR [--engine-config FILE]] [--model-id HEX (a pin)] [--model-verity-root-hash HEX]
 *                    [--tdx configfs-tsm|simulated] [--gpu nvidia|simulated|none] [--gpu-count N]
 *                    [--gpu-collector nvml|python] [--gpu-tool PATH]
 *                    --prompt-price-nano N --completion-price-nano N [--devnet-seed S] [--rtmr-journal FILE]
 *                    [payments: --claim-threshold-nano N --max-unpaid-nano N --chain-api URL --network NET
 *                     --registry-address ADDR | --broker-fee-bps N ...]
 *
 * The fields and their flags are in `worker-config.ts`. Defaults are the production ones (configfs-tsm, NVIDIA
 * tooling); `simulated` must be asked for and is printed as SIMULATED in the log. The prices are required: they are
 * committed in the claims and the config digest, and every receipt is signed at them (the devnet passes the
 * registry's price of its model). The payout address is required: every broker's channel to this worker pays it.
 * One broker link is opened per broker URL (and, with --brokers-from-registry, per broker the Registry lists,
 * followed); all links share one --max-concurrency budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createDevnetIntelPki } from '../devnet/intel';
import { createOnnxEngine, createUpstreamEngineForDir, type InferenceEngine } from '../enclave-runtime/engines';
import { engineConfigDigestOfFile } from '../enclave-runtime/model/model-id';
import {
  createConfigfsTsmProvider,
  createNoGpuProvider,
  createGpuCollateralSource,
  createNvidiaGpuProvider,
  type RtmrExtender,
  type TdxQuoteProvider,
} from '../enclave-runtime/evidence';
import { createDevnetGpuPki, createSimulatedGpuProvider, createSimulatedTdx } from '../devnet/providers';
import type { GpuEvidenceProvider } from '../enclave-runtime';
import { createRtmr3Extender } from '../enclave-runtime/rtmr';
import { ensureTinyModel } from '../enclave-runtime/tiny-model';
import { createWorker } from '../enclave-runtime/worker';
import { createTdxCollateralSource } from '../enclave-runtime/evidence/tdx-collateral';
import { EXIT, reportError } from './exit';
import { helpText, parseFlags, type CommandSpec } from './flags';
import { untilShutdown, type RunOptions } from './shutdown';
import { startWorkerLinks } from './worker-links';
import { openPayouts, workerChainClient } from './worker-payouts';
import { redactedConfig, resolveWorkerSettings, type WorkerSettings } from './worker-config';

export const spec = {
  name: 'worker',
  synopsis: '--config FILE | --broker URL --payout-address ADDR [options]',
  summary: 'Run a confidential worker: attest (TDX + GPU), dial out to a broker, serve sealed inference requests.',
  options: {
    config: { type: 'string', arg: 'FILE', desc: 'worker config file (JSON, or YAML for .yaml/.yml)' },
    'print-config': { type: 'boolean', desc: 'print the effective config as JSON (secrets redacted) and exit' },
    broker: {
      type: 'string',
      multiple: true,
      arg: 'URL',
      desc: "a broker's worker endpoint (ws[s]://.../v1/worker); repeat for several [brokers]",
    },
    'brokers-from-registry': {
      type: 'boolean',
      desc: 'also dial every broker the registry lists (needs --registry-address; followed) [brokersFromRegistry]',
    },
    'max-concurrency': {
      type: 'string',
      arg: 'N',
      desc: 'requests served at once over all brokers (default 8); busy: refused with WORKER_BUSY [maxConcurrency]',
    },
    'payout-address': {
      type: 'string',
      arg: 'ADDR',
      desc: 'TON address of the GPU owner: the brokers pay it (required) [payoutAddress]',
    },
    engine: { type: 'string', arg: 'onnx|openai-upstream', desc: 'inference engine (default onnx) [engine.kind]' },
    'model-dir': {
      type: 'string',
      arg: 'DIR',
      desc: 'the model directory (ONNX model, or what the upstream serves); the model id is computed from it [model.dir]',
    },
    tiny: {
      type: 'string',
      arg: 'DIR',
      desc: 'build and serve the tiny TEST model in DIR (--engine onnx) [model.tiny]',
    },
    'upstream-url': {
      type: 'string',
      arg: 'URL',
      desc: 'OpenAI-compatible upstream (vLLM, sglang) [engine.upstreamUrl]',
    },
    'upstream-model': { type: 'string', arg: 'NAME', desc: 'upstream model name [engine.upstreamModel]' },
    'model-id': {
      type: 'string',
      arg: 'HEX',
      desc: 'refuse to start unless the model directory has this model id (64 hex) [model.id]',
    },
    'model-verity-root-hash': {
      type: 'string',
      arg: 'HEX',
      desc: "the model disk's dm-verity root hash, extended into RTMR3 [model.verityRootHash]",
    },
    'engine-config': {
      type: 'string',
      arg: 'FILE',
      desc: 'upstream engine configuration whose SHA-256 enters the model id [model.engineConfig]',
    },
    tdx: {
      type: 'string',
      arg: 'configfs-tsm|simulated',
      desc: 'TDX quote provider (default configfs-tsm) [evidence.tdx]',
    },
    gpu: {
      type: 'string',
      arg: 'nvidia|simulated|none',
      desc: 'GPU evidence provider (default nvidia) [evidence.gpu]',
    },
    'gpu-count': { type: 'string', arg: 'N', desc: 'number of GPUs to attest (default 1) [evidence.gpuCount]' },
    'gpu-tool': {
      type: 'string',
      arg: 'PATH',
      desc: 'NVIDIA evidence collector (default /usr/local/bin/nvidia-collect.py) [evidence.gpuTool]',
    },
    'gpu-collector': {
      type: 'string',
      arg: 'nvml|python',
      desc: 'how NVIDIA GPU evidence is read: NVML from Node (default), or the --gpu-tool program [evidence.gpuCollector]',
    },
    'devnet-seed': {
      type: 'string',
      arg: 'S',
      desc: 'seed of the SIMULATED PKIs (default chrysalis-devnet) [evidence.devnetSeed]',
    },
    'prompt-price-nano': {
      type: 'string',
      arg: 'N',
      desc: 'price per prompt token, nanoTON (committed in the claims; <= the registry price) [prices.promptNano]',
    },
    'completion-price-nano': {
      type: 'string',
      arg: 'N',
      desc: 'price per completion token, nanoTON (committed in the claims; <= the registry price) [prices.completionNano]',
    },
    'rtmr-journal': { type: 'string', arg: 'FILE', desc: 'RTMR3 extension journal [evidence.rtmrJournal]' },
    'tdx-collateral': {
      type: 'string',
      arg: 'FILE',
      desc: 'Intel collateral JSON shipped inside every bundle, instead of fetching it [evidence.tdxCollateral]',
    },
    'rim-url': {
      type: 'string',
      arg: 'URL',
      desc: "NVIDIA RIM service the GPU's driver and VBIOS RIMs are fetched from, cached [evidence.rimUrl]",
    },
    'ocsp-url': {
      type: 'string',
      arg: 'URL',
      desc: 'NVIDIA OCSP responder for the GPU and RIM certificates, cached [evidence.ocspUrl]',
    },
    'evidence-cache-dir': {
      type: 'string',
      arg: 'DIR',
      desc: 'cache of fetched GPU/TDX collateral (default <data-dir>/evidence-cache) [evidence.cacheDir]',
    },
    'pcs-url': {
      type: 'string',
      arg: 'URL',
      desc: 'Intel PCS (or PCCS) the TDX collateral is fetched from, cached [evidence.pcsUrl]',
    },
    name: { type: 'string', arg: 'NAME', desc: 'worker name shown by the broker [name]' },
    'operating-mnemonic-file': {
      type: 'string',
      arg: 'FILE',
      desc: 'mnemonic of the operating wallet that pays claim fees [operatingWallet.mnemonicFile]',
    },
    'operating-key-file': {
      type: 'string',
      arg: 'FILE',
      desc: 'or its 32-byte Ed25519 seed, hex [operatingWallet.keyFile]',
    },
    'operating-wallet': { type: 'string', arg: 'v4|v5r1', desc: 'operating wallet version [operatingWallet.version]' },
    'data-dir': { type: 'string', arg: 'DIR', desc: 'where payouts.sqlite (kept vouchers) lives [dataDir]' },
    'claim-threshold-nano': {
      type: 'string',
      arg: 'N',
      desc: 'claim once a voucher is this far above the claimed amount (default 160 TON) [payments.claimThresholdNano]',
    },
    'max-unpaid-nano': {
      type: 'string',
      arg: 'N',
      desc: 'refuse work from a broker owing more than this (default 5 TON) [payments.maxUnpaidNano]',
    },
    'chain-api': {
      type: 'string',
      multiple: true,
      arg: 'URL',
      desc: 'toncenter-v2 chain API for vouchers and claims [payments.chain.endpoints]',
    },
    'chain-api-key': {
      type: 'string',
      arg: 'KEY',
      desc: 'chain API key (env TONCENTER_API_KEY) [payments.chain.apiKey]',
    },
    'chain-startup-timeout-ms': {
      type: 'string',
      arg: 'MS',
      desc: 'retry an unreachable chain API at start this long, then exit 4 (300000) [payments.chain.startupTimeoutMs]',
    },
    network: {
      type: 'string',
      arg: 'devnet|testnet|mainnet',
      desc: 'network the vouchers must name [payments.network]',
    },
    'registry-address': {
      type: 'string',
      arg: 'ADDR',
      desc: 'the Registry whose brokerFeeBps counts what the worker earned (followed on chain) [payments.registry]',
    },
    'broker-fee-bps': {
      type: 'string',
      arg: 'N',
      desc: "brokers' share of a receipt, basis points: overrides the registry's [payments.brokerFeeBps]",
    },
  },
  notes: [
    '`simulated` providers must be asked for and are logged as SIMULATED.',
    '[field]: the same setting in the --config file (nested: engine.kind is {"engine": {"kind": ...}}).',
    'A flag beats the file, the file beats the environment (CHRYSALIS_PAYOUT_ADDRESS, TONCENTER_API_KEY).',
    'Relative paths in the file are relative to the file.',
  ],
} as const satisfies CommandSpec;

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  let w: WorkerSettings;
  let printConfig = false;
  try {
    const parsed = parseFlags(spec, argv);
    if (parsed === 'help') {
      process.stdout.write(helpText(spec));
      return EXIT.OK;
    }
    printConfig = parsed.values['print-config'] === true;
    w = resolveWorkerSettings(parsed.values);
  } catch (err) {
    return reportError(spec.name, err, { usage: helpText(spec) });
  }
  if (printConfig) {
    process.stdout.write(`${JSON.stringify(redactedConfig(w), null, 2)}\n`);
    return EXIT.OK;
  }
  const log = pino({ name: 'chrysalis-worker' });
  const seed = w.evidence.devnetSeed;
  let payouts: Awaited<ReturnType<typeof openPayouts>> = undefined;
  try {
    // Payouts first: an unreadable registry fee stops the start before a model is loaded.
    const dials = w.brokers.length > 0 || w.brokersFromRegistry === true;
    const chain = dials ? workerChainClient(w) : undefined;
    payouts = dials ? await openPayouts(w, log, { ...(chain ? { chain } : {}) }) : undefined;
    const prices = w.prices;
    let engine: InferenceEngine;
    if (w.engine.kind === 'onnx') {
      let dir = w.model.dir;
      if (w.model.tiny) {
        const info = await ensureTinyModel(w.model.tiny, { seed });
        log.warn({ modelId: info.modelId }, 'serving the tiny TEST model (not a language model)');
        dir = info.dir;
      }
      // resolveWorkerSettings requires dir or tiny
      engine = await createOnnxEngine({ modelDir: dir!, ...(w.model.id ? { expectedModelId: w.model.id } : {}) });
    } else {
      const ec = w.model.engineConfig;
      engine = await createUpstreamEngineForDir({
        baseUrl: w.engine.upstreamUrl!,
        model: w.engine.upstreamModel!,
        modelDir: w.model.dir!, // resolveWorkerSettings requires it
        ...(ec ? { engineConfigDigest: await engineConfigDigestOfFile(ec) } : {}),
        ...(w.model.id ? { expectedModelId: w.model.id } : {}),
      });
    }
    let tdx: TdxQuoteProvider;
    let rtmr: RtmrExtender | undefined;
    if (w.evidence.tdx === 'simulated') {
      log.warn({}, 'SIMULATED TDX: quotes signed by the devnet PKI, not Intel');
      tdx = createSimulatedTdx({ pki: createDevnetIntelPki({ seed }) });
    } else {
      tdx = createConfigfsTsmProvider();
      const journal = w.evidence.rtmrJournal;
      rtmr = createRtmr3Extender(journal ? { kind: 'kernel', journalPath: journal } : { kind: 'kernel' });
    }
    const count = w.evidence.gpuCount;
    let gpu: GpuEvidenceProvider;
    if (w.evidence.gpu === 'none') gpu = createNoGpuProvider();
    else if (w.evidence.gpu === 'simulated') {
      log.warn({}, 'SIMULATED GPU evidence: devnet NVIDIA-like PKI, not NVIDIA');
      gpu = createSimulatedGpuProvider({
        pki: createDevnetGpuPki(seed, count > 8 ? count : undefined),
        count,
      });
    } else {
      const e = w.evidence;
      gpu = createNvidiaGpuProvider({
        count,
        ...(e.gpuCollector === 'python' ? { collector: 'python', command: e.gpuTool } : { collector: 'nvml' }),
        collateral: createGpuCollateralSource({
          rimUrl: e.rimUrl,
          ocspUrl: e.ocspUrl,
          log,
          ...(e.cacheDir || w.dataDir ? { cacheDir: e.cacheDir ?? join(w.dataDir!, 'evidence-cache') } : {}),
        }),
      });
    }
    // Intel collateral (dcap-qvl JSON) shipped inside every bundle, so any verifier can check it offline: a static
    // file when configured, else (real TDX) fetched from Intel PCS / a PCCS and cached under the evidence cache.
    const collateralFile = w.evidence.tdxCollateral;
    const tdxCollateralJson = collateralFile ? readFileSync(collateralFile, 'utf8') : undefined;
    const ev = w.evidence as WorkerSettings['evidence'] & { readonly cacheDir?: string };
    const cacheDir = ev.cacheDir ?? (w.dataDir ? join(w.dataDir, 'evidence-cache') : undefined);
    const tdxCollateralSource =
      !collateralFile && w.evidence.tdx === 'configfs-tsm'
        ? createTdxCollateralSource({ pcsUrl: w.evidence.pcsUrl, ...(cacheDir ? { cacheDir } : {}) })
        : undefined;
    const worker = await createWorker({
      engine,
      prices,
      tdx,
      gpu,
      ...(rtmr ? { rtmr } : {}),
      ...(w.model.verityRootHash ? { modelDiskRootHash: Buffer.from(w.model.verityRootHash, 'hex') } : {}),
      ...(tdxCollateralJson ? { tdxCollateralJson } : {}),
      ...(tdxCollateralSource ? { tdxCollateralSource } : {}),
      logger: log,
    });
    log.info(
      {
        hpkePublicKey: Buffer.from(worker.keys.hpkePublicKey).toString('hex'),
        modelId: Buffer.from(worker.modelId).toString('hex'),
        promptPriceNano: prices.promptNano.toString(),
        completionPriceNano: prices.completionNano.toString(),
        payoutAddress: w.payoutAddress,
        brokers: w.brokers.length,
        brokersFromRegistry: w.brokersFromRegistry === true,
        maxConcurrency: w.maxConcurrency,
      },
      'worker ready',
    );
    if (!dials) {
      log.warn({}, 'no broker given (--broker, brokers or --brokers-from-registry): worker is idle');
      await worker.close();
      await engine.close();
      return 0;
    }
    if (!payouts) log.warn({}, 'no payments.network (--network): broker vouchers are ignored, nothing is claimed');
    const links = await startWorkerLinks(w, worker, { logger: log, payouts, chain });
    const why = await untilShutdown(opts.signal);
    log.info({ signal: why }, 'draining');
    try {
      await links.drain(30_000);
    } finally {
      await worker.close();
      await engine.close();
      await payouts?.close();
    }
    return 0;
  } catch (err) {
    await payouts?.close().catch(() => undefined);
    log.error({ code: (err as { code?: string }).code, err: (err as Error).message }, 'worker failed to start');
    return reportError(spec.name, err, { usage: helpText(spec) });
  }
}
