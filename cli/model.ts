/**
 * `chrysalis model make-tiny [--out dir] [--seed s] [--force]` — writes the tiny deterministic TEST model
 * (model.onnx + tokenizer.json + tokenizer_config.json + config.json + chrysalis-model.json) and prints its model id.
 * The model is a test fixture (a bigram-like one-layer transformer fitted to a few paragraphs of Alice in
 * Wonderland), NOT a language model. Library use: `ensureTinyModel(dir, { seed })`.
 */
import { resolve } from 'node:path';
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

export async function run(argv: string[]): Promise<number> {
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
