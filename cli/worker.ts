/**
 * `chrysalis worker` — run a confidential worker. `main.ts` alone touches `process` (flags, env, signals).
 *
 *   chrysalis worker --broker ws://127.0.0.1:8080/v1/worker [--engine onnx --model-dir DIR | --tiny DIR]
 *                    [--engine openai-upstream --upstream-url http://127.0.0.1:8000/v1 --upstream-model NAME --model-id HEX]
 *                    [--tdx configfs-tsm|simulated] [--gpu nvidia|simulated|none] [--gpu-count N] [--gpu-tool PATH]
 *                    --prompt-price-nano N --completion-price-nano N [--devnet-seed S] [--rtmr-journal FILE]
 *
 * Defaults are the production ones (configfs-tsm, NVIDIA tooling); `simulated` must be asked for and is printed
 * as SIMULATED in the log. The prices are required: they are committed in the claims and the config digest, and every
 * receipt is signed at them (the devnet passes the registry's price of its model).
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { createDevnetIntelPki } from '../devnet/intel';
import { connectBroker } from '../enclave-runtime/broker-link';
import { createOnnxEngine, createOpenAiUpstreamEngine, type InferenceEngine } from '../enclave-runtime/engines';
import {
  createConfigfsTsmProvider,
  createNoGpuProvider,
  createNvidiaGpuProvider,
  type RtmrExtender,
  type TdxQuoteProvider,
} from '../enclave-runtime/evidence';
import { createDevnetGpuPki, createSimulatedGpuProvider, createSimulatedTdx } from '../devnet/providers';
import type { GpuEvidenceProvider } from '../enclave-runtime';
import { createRtmr3Extender } from '../enclave-runtime/rtmr';
import { ensureTinyModel } from '../enclave-runtime/tiny-model';
import { createWorker } from '../enclave-runtime/worker';
import { EXIT, reportError, usageError } from './exit';
import { helpText, parseCount, parseFlags, required, type CommandSpec } from './flags';
import { untilShutdown, type RunOptions } from './shutdown';

export const spec = {
  name: 'worker',
  synopsis: '--broker URL [options]',
  summary: 'Run a confidential worker: attest (TDX + GPU), dial out to a broker, serve sealed inference requests.',
  options: {
    broker: { type: 'string', arg: 'URL', desc: "the broker's worker endpoint (ws[s]://.../v1/worker)" },
    engine: { type: 'string', arg: 'onnx|openai-upstream', default: 'onnx', desc: 'inference engine' },
    'model-dir': { type: 'string', arg: 'DIR', desc: 'ONNX model directory (--engine onnx)' },
    tiny: { type: 'string', arg: 'DIR', desc: 'build and serve the tiny TEST model in DIR (--engine onnx)' },
    'upstream-url': { type: 'string', arg: 'URL', desc: 'OpenAI-compatible upstream (vLLM, sglang)' },
    'upstream-model': { type: 'string', arg: 'NAME', desc: 'upstream model name' },
    'model-id': { type: 'string', arg: 'HEX', desc: 'model id (64 hex) served by the upstream' },
    tdx: { type: 'string', arg: 'configfs-tsm|simulated', default: 'configfs-tsm', desc: 'TDX quote provider' },
    gpu: { type: 'string', arg: 'nvidia|simulated|none', default: 'nvidia', desc: 'GPU evidence provider' },
    'gpu-count': { type: 'string', arg: 'N', default: '1', desc: 'number of GPUs to attest' },
    'gpu-tool': {
      type: 'string',
      arg: 'PATH',
      default: '/usr/local/bin/nvidia-collect.py',
      desc: 'NVIDIA evidence collector',
    },
    'devnet-seed': { type: 'string', arg: 'S', default: 'chrysalis-devnet', desc: 'seed of the SIMULATED PKIs' },
    'prompt-price-nano': {
      type: 'string',
      arg: 'N',
      desc: 'price per prompt token, nanoTON (committed in the claims; <= the registry price)',
    },
    'completion-price-nano': {
      type: 'string',
      arg: 'N',
      desc: 'price per completion token, nanoTON (committed in the claims; <= the registry price)',
    },
    'rtmr-journal': { type: 'string', arg: 'FILE', desc: 'RTMR3 extension journal' },
    'tdx-collateral': { type: 'string', arg: 'FILE', desc: 'Intel collateral JSON shipped inside every bundle' },
    name: { type: 'string', arg: 'NAME', desc: 'worker name shown by the broker' },
  },
  notes: ['`simulated` providers must be asked for and are logged as SIMULATED.'],
} as const satisfies CommandSpec;

/** A required price flag: a decimal u64 (nanoTON per token). */
function parsePrice(value: string | undefined, flag: string): bigint {
  const v = required(value, flag);
  if (!/^(0|[1-9][0-9]{0,19})$/.test(v) || BigInt(v) >= 1n << 64n)
    throw usageError(`--${flag}: expected an integer 0..18446744073709551615`);
  return BigInt(v);
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(spec, argv);
  } catch (err) {
    return reportError(spec.name, err, { usage: helpText(spec) });
  }
  if (parsed === 'help') {
    process.stdout.write(helpText(spec));
    return EXIT.OK;
  }
  const v: Record<string, string | boolean | undefined> = parsed.values;
  const log = pino({ name: 'chrysalis-worker' });
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const seed = str('devnet-seed')!;
  try {
    const prices = {
      promptNano: parsePrice(str('prompt-price-nano'), 'prompt-price-nano'),
      completionNano: parsePrice(str('completion-price-nano'), 'completion-price-nano'),
    };
    let engine: InferenceEngine;
    if (v.engine === 'onnx') {
      let dir = str('model-dir');
      if (str('tiny')) {
        const info = await ensureTinyModel(str('tiny')!, { seed });
        log.warn({ modelId: info.modelId }, 'serving the tiny TEST model (not a language model)');
        dir = info.dir;
      }
      if (!dir) throw usageError('--model-dir or --tiny is required for --engine onnx');
      engine = await createOnnxEngine({ modelDir: dir });
    } else if (v.engine === 'openai-upstream') {
      const id = str('model-id') ?? '';
      if (!/^[0-9a-f]{64}$/i.test(id) || !str('upstream-url') || !str('upstream-model')) {
        throw usageError('--upstream-url, --upstream-model and --model-id (64 hex) are required for openai-upstream');
      }
      engine = createOpenAiUpstreamEngine({
        baseUrl: str('upstream-url')!,
        model: str('upstream-model')!,
        modelId: Buffer.from(id, 'hex'),
      });
    } else {
      return reportError(spec.name, usageError(`unknown --engine ${String(v.engine)}`), { usage: helpText(spec) });
    }
    let tdx: TdxQuoteProvider;
    let rtmr: RtmrExtender | undefined;
    if (v.tdx === 'simulated') {
      log.warn({}, 'SIMULATED TDX: quotes signed by the devnet PKI, not Intel');
      tdx = createSimulatedTdx({ pki: createDevnetIntelPki({ seed }) });
    } else if (v.tdx === 'configfs-tsm') {
      tdx = createConfigfsTsmProvider();
      rtmr = createRtmr3Extender(
        str('rtmr-journal') ? { kind: 'kernel', journalPath: str('rtmr-journal')! } : { kind: 'kernel' },
      );
    } else {
      return reportError(spec.name, usageError(`unknown --tdx ${String(v.tdx)}`), { usage: helpText(spec) });
    }
    const count = parseCount(str('gpu-count'), 'gpu-count')!; // --gpu-count has a default
    let gpu: GpuEvidenceProvider;
    if (v.gpu === 'none') gpu = createNoGpuProvider();
    else if (v.gpu === 'simulated') {
      log.warn({}, 'SIMULATED GPU evidence: devnet NVIDIA-like PKI, not NVIDIA');
      gpu = createSimulatedGpuProvider({
        pki: createDevnetGpuPki(seed, count > 8 ? count : undefined),
        count,
      });
    } else if (v.gpu === 'nvidia') gpu = createNvidiaGpuProvider({ command: str('gpu-tool')!, count });
    else {
      return reportError(spec.name, usageError(`unknown --gpu ${String(v.gpu)}`), { usage: helpText(spec) });
    }
    // Intel collateral (dcap-qvl JSON) shipped inside every bundle, so any verifier can check it offline.
    const collateralFile = str('tdx-collateral');
    const tdxCollateralJson = collateralFile ? readFileSync(collateralFile, 'utf8') : undefined;
    const worker = await createWorker({
      engine,
      prices,
      tdx,
      gpu,
      ...(rtmr ? { rtmr } : {}),
      ...(tdxCollateralJson ? { tdxCollateralJson } : {}),
      logger: log,
    });
    log.info(
      {
        hpkePublicKey: Buffer.from(worker.keys.hpkePublicKey).toString('hex'),
        modelId: Buffer.from(worker.modelId).toString('hex'),
        promptPriceNano: prices.promptNano.toString(),
        completionPriceNano: prices.completionNano.toString(),
      },
      'worker ready',
    );
    if (!str('broker')) {
      log.warn({}, 'no --broker given: worker is idle');
      return 0;
    }
    const link = connectBroker({
      url: str('broker')!,
      worker,
      logger: log,
      ...(str('name') ? { workerName: str('name')! } : {}),
    });
    const why = await untilShutdown(opts.signal);
    log.info({ signal: why }, 'draining');
    try {
      await link.drain(30_000);
    } finally {
      await worker.close();
      await engine.close();
    }
    return 0;
  } catch (err) {
    log.error({ code: (err as { code?: string }).code, err: (err as Error).message }, 'worker failed to start');
    return reportError(spec.name, err, { usage: helpText(spec) });
  }
}
