/**
 * `chrysalis model make-tiny [--out dir] [--seed s] [--force]` — writes the tiny deterministic TEST model
 * (model.onnx + tokenizer.json + tokenizer_config.json + config.json + chrysalis-model.json) and prints its model id.
 * The model is a test fixture (a bigram-like one-layer transformer fitted to a few paragraphs of Alice in
 * Wonderland), NOT a language model. Library use: `ensureTinyModel(dir, { seed })`.
 *
 * `chrysalis model id DIR [--engine-config FILE]` — prints the model id of a directory (64 lowercase hex): the id a
 * worker serving that directory reports, and the one to add to the registry. Reads every file; never loads the model.
 */
import { resolve } from 'node:path';
import { engineConfigDigestOfFile, modelIdOfDir } from '../enclave-runtime/model/model-id';
import { DEFAULT_TINY_SEED, ensureTinyModel } from '../enclave-runtime/tiny-model';
import { runCommand, type CommandSpec } from './flags';

export { ensureTinyModel, DEFAULT_TINY_SEED, type TinyModelInfo } from '../enclave-runtime/tiny-model';

export const spec = {
  name: 'model make-tiny',
  synopsis: '[options]',
  summary: 'Write the tiny deterministic TEST model (ONNX + tokenizer) and print its model id. Not a language model.',
  options: {
    out: { type: 'string', arg: 'DIR', default: 'models/tiny', desc: 'output directory' },
    seed: { type: 'string', arg: 'S', desc: `the seed (default ${DEFAULT_TINY_SEED})` },
    force: { type: 'boolean', desc: 'rebuild even when the directory holds the same model' },
  },
} as const satisfies CommandSpec;

export const idSpec = {
  name: 'model id',
  synopsis: '<model-dir> [options]',
  summary:
    'Print the model id of a model directory (64 lowercase hex): SHA-256 over the canonical manifest of every ' +
    'file in it (docs/model-id.md). Never loads the model.',
  positionals: [1, 1],
  options: {
    'engine-config': {
      type: 'string',
      arg: 'FILE',
      desc: 'the engine configuration whose SHA-256 enters the id (as the worker is given it)',
    },
  },
} as const satisfies CommandSpec;

async function runMakeTiny(argv: string[]): Promise<number> {
  return runCommand(spec, argv, async ({ values }) => {
    const dir = resolve(values.out ?? 'models/tiny');
    const t0 = process.hrtime.bigint();
    const info = await ensureTinyModel(dir, { seed: values.seed ?? DEFAULT_TINY_SEED, force: values.force ?? false });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(
      `TEST MODEL (not a language model) ${info.name}@${info.revision}\n` +
        `  dir      ${info.dir}\n  model id ${info.modelId}\n  ${info.built ? `built in ${ms.toFixed(0)} ms` : 'up to date (reused)'}\n`,
    );
    return 0;
  });
}

async function runId(argv: string[]): Promise<number> {
  return runCommand(idSpec, argv, async ({ values, positionals }) => {
    const ec = values['engine-config'];
    const digest = ec !== undefined ? await engineConfigDigestOfFile(ec) : undefined;
    process.stdout.write(`${await modelIdOfDir(resolve(positionals[0]!), digest)}\n`);
    return 0;
  });
}

/** `sub` is the command path after `model` (the dispatcher passes it): `id`, else `make-tiny`. */
export async function run(argv: string[], sub?: readonly string[]): Promise<number> {
  return sub?.[sub.length - 1] === 'id' ? runId(argv) : runMakeTiny(argv);
}
