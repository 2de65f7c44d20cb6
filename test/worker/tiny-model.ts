import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTinyModel, type TinyModelInfo } from '../../enclave-runtime/tiny-model';

let cached: Promise<TinyModelInfo> | undefined;
/** One tiny model per test file (built into a temp dir, fixed seed). */
export function tinyModel(): Promise<TinyModelInfo> {
  cached ??= ensureTinyModel(join(mkdtempSync(join(tmpdir(), 'chrysalis-tiny-')), 'model'), { seed: 'test-seed' });
  return cached;
}
