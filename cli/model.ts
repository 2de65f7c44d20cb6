/**
 * `chrysalis model make-tiny [--out dir] [--seed s] [--force]` — writes the tiny deterministic TEST model
 * (model.onnx + tokenizer.json + tokenizer_config.json + config.json + chrysalis-model.json) and prints its model id.
 * The model is a test fixture (a bigram-like one-layer transformer fitted to a few paragraphs of Alice in
 * Wonderland), NOT a language model. Library use: `ensureTinyModel(dir, { seed })`.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEFAULT_TINY_SEED, ensureTinyModel } from '../enclave-runtime/tiny-model';

export { ensureTinyModel, DEFAULT_TINY_SEED, type TinyModelInfo } from '../enclave-runtime/tiny-model';

export async function run(argv: string[]): Promise<number> {
  let values: { out?: string; seed?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`make-tiny: ${(err as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write('usage: chrysalis model make-tiny [--out dir] [--seed s] [--force]\n');
    return 0;
  }
  const dir = resolve(values.out ?? 'models/tiny');
  const t0 = process.hrtime.bigint();
  try {
    const info = await ensureTinyModel(dir, { seed: values.seed ?? DEFAULT_TINY_SEED, force: values.force ?? false });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(
      `TEST MODEL (not a language model) ${info.name}@${info.revision}\n` +
        `  dir      ${info.dir}\n  model id ${info.modelId}\n  ${info.built ? `built in ${ms.toFixed(0)} ms` : 'up to date (reused)'}\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`make-tiny: ${(err as Error).message}\n`);
    return 1;
  }
}
