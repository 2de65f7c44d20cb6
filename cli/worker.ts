/**
 * `chrysalis worker` — run a confidential worker. `main.ts` alone touches `process` (flags, env, signals).
 *
 *   chrysalis worker --broker ws://127.0.0.1:8080/v1/worker [--engine onnx --model-dir DIR | --tiny DIR]
 *                    [--engine openai-upstream --upstream-url http://127.0.0.1:8000/v1 --upstream-model NAME --model-id HEX]
 *                    [--tdx configfs-tsm|simulated] [--gpu nvidia|simulated|none] [--gpu-count N] [--gpu-tool PATH]
 *                    [--devnet-seed S] [--price-nano N] [--rtmr-journal FILE]
 *
 * Defaults are the production ones (configfs-tsm, NVIDIA tooling); `simulated` must be asked for and is printed
 * as SIMULATED in the log.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
import { createDevnetGpuPki, createSimulatedGpuProvider, createSimulatedTdx } from '../devnet';
import type { GpuEvidenceProvider } from '../enclave-runtime';
import { createRtmr3Extender } from '../enclave-runtime/rtmr';
import { ensureTinyModel } from '../enclave-runtime/tiny-model';
import { createWorker } from '../enclave-runtime/worker';

const USAGE = `usage: chrysalis worker --broker URL [--engine onnx|openai-upstream] [--model-dir DIR | --tiny DIR]
  [--upstream-url URL --upstream-model NAME --model-id HEX] [--tdx configfs-tsm|simulated]
  [--gpu nvidia|simulated|none] [--gpu-count N] [--gpu-tool PATH] [--devnet-seed S] [--price-nano N]
`;

export async function run(argv: string[]): Promise<number> {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({
      args: argv,
      strict: true,
      options: {
        broker: { type: 'string' },
        engine: { type: 'string', default: 'onnx' },
        'model-dir': { type: 'string' },
        tiny: { type: 'string' },
        'upstream-url': { type: 'string' },
        'upstream-model': { type: 'string' },
        'model-id': { type: 'string' },
        tdx: { type: 'string', default: 'configfs-tsm' },
        gpu: { type: 'string', default: 'nvidia' },
        'gpu-count': { type: 'string', default: '1' },
        'gpu-tool': { type: 'string', default: '/usr/local/bin/nvidia-collect.py' },
        'devnet-seed': { type: 'string', default: 'chrysalis-devnet' },
        'price-nano': { type: 'string', default: '1000' },
        'rtmr-journal': { type: 'string' },
        'tdx-collateral': { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`worker: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (v.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = pino({ name: 'chrysalis-worker' });
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const seed = str('devnet-seed')!;
  try {
    let engine: InferenceEngine;
    if (v.engine === 'onnx') {
      let dir = str('model-dir');
      if (str('tiny')) {
        const info = await ensureTinyModel(str('tiny')!, { seed });
        log.warn({ modelId: info.modelId }, 'serving the tiny TEST model (not a language model)');
        dir = info.dir;
      }
      if (!dir) throw new Error('--model-dir or --tiny is required for --engine onnx');
      engine = await createOnnxEngine({ modelDir: dir });
    } else if (v.engine === 'openai-upstream') {
      const id = str('model-id') ?? '';
      if (!/^[0-9a-f]{64}$/i.test(id) || !str('upstream-url') || !str('upstream-model')) {
        throw new Error('--upstream-url, --upstream-model and --model-id (64 hex) are required for openai-upstream');
      }
      engine = createOpenAiUpstreamEngine({
        baseUrl: str('upstream-url')!,
        model: str('upstream-model')!,
        modelId: Buffer.from(id, 'hex'),
      });
    } else {
      process.stderr.write(`worker: unknown engine ${String(v.engine)}\n`);
      return 2;
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
      process.stderr.write(`worker: unknown tdx provider ${String(v.tdx)}\n`);
      return 2;
    }
    const count = Number(str('gpu-count'));
    let gpu: GpuEvidenceProvider;
    if (v.gpu === 'none') gpu = createNoGpuProvider();
    else if (v.gpu === 'simulated') {
      log.warn({}, 'SIMULATED GPU evidence: devnet NVIDIA-like PKI, not NVIDIA');
      gpu = createSimulatedGpuProvider({
        pki: createDevnetGpuPki(seed, Number.isInteger(count) && count > 8 ? count : undefined),
        count,
      });
    } else if (v.gpu === 'nvidia') gpu = createNvidiaGpuProvider({ command: str('gpu-tool')!, count });
    else {
      process.stderr.write(`worker: unknown gpu provider ${String(v.gpu)}\n`);
      return 2;
    }
    // Intel collateral (dcap-qvl JSON) shipped inside every bundle, so any verifier can check it offline.
    const collateralFile = str('tdx-collateral');
    const tdxCollateralJson = collateralFile ? readFileSync(collateralFile, 'utf8') : undefined;
    const worker = await createWorker({
      engine,
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
      priceNanoPerToken: BigInt(str('price-nano')!),
      logger: log,
      ...(str('name') ? { workerName: str('name')! } : {}),
    });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        log.info({}, 'draining');
        void link.drain(30_000).finally(async () => {
          await worker.close();
          await engine.close();
          resolve();
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } catch (err) {
    log.error({ code: (err as { code?: string }).code, err: (err as Error).message }, 'worker failed to start');
    return 1;
  }
}
