import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cell } from '@ton/core';
import { runTolkCompiler } from '@ton/tolk-js';

/** The contracts of this project (file stem in contracts/tolk/). */
export type ContractName = 'registry' | 'payment_channel' | 'attestation_log' | 'highload_wallet';

/**
 * Directory holding the .tolk sources: `contracts/tolk` from the sources and, after `npm run build`,
 * `dist/contracts/tolk` (scripts/copy-assets.js copies it), in both cases `../tolk` from this file.
 */
export const TOLK_DIR = join(__dirname, '..', 'tolk');

const compiled = new Map<ContractName, Promise<Cell>>();

/**
 * Compiles `contracts/tolk/<name>.tolk` with @ton/tolk-js (Tolk 1.3) and returns the code cell. Memoised per
 * process: compile once, deploy many. Throws `Error` with the compiler's message on a compile error.
 */
export function compileContract(name: ContractName): Promise<Cell> {
  let job = compiled.get(name);
  if (!job) {
    job = runTolkCompiler({
      entrypointFileName: join(TOLK_DIR, `${name}.tolk`),
      fsReadCallback: (path: string) => readFileSync(path, 'utf8'),
    }).then((out) => {
      if (out.status !== 'ok') throw new Error(`tolk: ${name}: ${out.message}`);
      const cell = Cell.fromBoc(Buffer.from(out.codeBoc64, 'base64'))[0];
      if (!cell) throw new Error(`tolk: ${name}: empty BoC`);
      return cell;
    });
    job.catch(() => compiled.delete(name));
    compiled.set(name, job);
  }
  return job;
}

/** All three code cells. */
export async function compileAll(): Promise<{ registry: Cell; paymentChannel: Cell; attestationLog: Cell }> {
  const [registry, paymentChannel, attestationLog] = await Promise.all([
    compileContract('registry'),
    compileContract('payment_channel'),
    compileContract('attestation_log'),
  ]);
  return { registry, paymentChannel, attestationLog };
}
