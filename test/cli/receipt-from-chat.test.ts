/**
 * `chrysalis attest receipt` reads exactly what `chrysalis chat --json` prints, and takes the worker key from a
 * VERIFIED bundle (--bundle + registry + trust), never from the file it is checking.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signReceipt } from '../../attestation/receipt';
import { trustFileToJson } from '../../attestation/trust-file';
import { bundleDigest } from '../../attestation/bundle';
import { MODEL_ID, NOW, pkis, registryFor, simulateBundle } from '../../devnet/sim-bundle';
import { run } from '../../cli/attest/receipt';
import { ed25519FromSeed } from '../sdk/fixtures';
import { capture, registryFileJson } from './helpers';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const worker = ed25519FromSeed(new Uint8Array(32).fill(9));
const stranger = ed25519FromSeed(new Uint8Array(32).fill(10));

function chatJson(seed: Uint8Array, workerKey: Uint8Array, modelId = MODEL_ID): string {
  const { bytes, signature } = signReceipt(
    {
      requestDigest: new Uint8Array(32).fill(1),
      responseDigest: new Uint8Array(32).fill(2),
      modelId,
      promptTokens: 3,
      completionTokens: 5,
      promptPriceNano: 1000n,
      completionPriceNano: 2000n,
      channel: new Uint8Array(32).fill(4),
      seq: 1n,
      workerKey,
    },
    seed,
  );
  // The shape `chrysalis chat --json` prints (cli/chat.ts).
  return JSON.stringify({
    answer: 'Hello',
    worker: { imageId: '00', platformId: '00', modelId: hex(modelId), workerKey: hex(workerKey) },
    receipt: {
      bytes: hex(bytes),
      signature: hex(signature),
      workerKey: hex(workerKey),
      promptTokens: 3,
      completionTokens: 5,
      promptPriceNano: '1000',
      completionPriceNano: '2000',
      amountNano: '13000',
      seq: '1',
    },
    costNano: '13000',
    maxCostNano: '20000',
  });
}

describe('chrysalis attest receipt <chat --json output> --bundle ...', () => {
  let dir: string;
  let args: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-receipt-chat-'));
    const b = await simulateBundle({
      keys: { hpkePublicKey: new Uint8Array(32).fill(3), signingPublicKey: worker.publicKey },
    });
    const other = await simulateBundle({
      keys: { hpkePublicKey: new Uint8Array(32).fill(3), signingPublicKey: stranger.publicKey },
    });
    mkdirSync(join(dir, 'bundles'));
    writeFileSync(join(dir, 'bundles', `${bundleDigest(b.encoded)}.bin`), b.encoded);
    writeFileSync(join(dir, 'bundles', `${bundleDigest(other.encoded)}.bin`), other.encoded);
    writeFileSync(
      join(dir, 'workers.json'),
      JSON.stringify({ workers: [{ workerId: 'w1', bundle: Buffer.from(b.encoded).toString('base64') }] }),
    );
    writeFileSync(join(dir, 'registry.json'), registryFileJson(registryFor()));
    writeFileSync(join(dir, 'empty-registry.json'), registryFileJson({ imageIds: [], platformIds: [], modelIds: [] }));
    const { intel, nvidia } = pkis();
    writeFileSync(
      join(dir, 'trust.json'),
      trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust }),
    );
    writeFileSync(join(dir, 'chat.json'), chatJson(worker.seed, worker.publicKey));
    // A receipt signed by a key no verified bundle vouches for.
    writeFileSync(join(dir, 'forged.json'), chatJson(stranger.seed, stranger.publicKey, new Uint8Array(32).fill(8)));
    args = [
      '--registry-file',
      join(dir, 'registry.json'),
      '--trust',
      join(dir, 'trust.json'),
      '--at',
      NOW.toISOString(),
    ];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies the chat output against the verified bundle (directory or /v1/workers listing): exit 0', async () => {
    for (const bundle of [join(dir, 'bundles'), join(dir, 'workers.json')]) {
      const r = await capture(() => run([join(dir, 'chat.json'), '--bundle', bundle, ...args, '--json']));
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as { ok: boolean; receipt: { workerKey: string }; bundle: { modelId: string } };
      expect(j.ok).toBe(true);
      expect(j.receipt.workerKey).toBe(hex(worker.publicKey));
      expect(j.bundle.modelId).toBe(hex(MODEL_ID));
    }
  });

  it('refuses when the bundle does not verify under the registry (exit 1, the verifier code)', async () => {
    const r = await capture(() =>
      run([
        join(dir, 'chat.json'),
        '--bundle',
        join(dir, 'bundles'),
        '--registry-file',
        join(dir, 'empty-registry.json'),
        '--trust',
        join(dir, 'trust.json'),
        '--at',
        NOW.toISOString(),
        '--json',
      ]),
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).code).toBe('BUNDLE_POLICY_REJECTED');
  });

  it('refuses a receipt whose key no bundle vouches for (exit 1), and without the trust roots (exit 1)', async () => {
    const forged = await capture(() =>
      run([join(dir, 'forged.json'), '--bundle', join(dir, 'workers.json'), ...args, '--json']),
    );
    expect(forged.code).toBe(1);
    expect(JSON.parse(forged.stdout).code).toBe('CLI_BUNDLE_NOT_FOUND');
    const noTrust = await capture(() =>
      run([
        join(dir, 'chat.json'),
        '--bundle',
        join(dir, 'bundles'),
        '--registry-file',
        join(dir, 'registry.json'),
        '--at',
        NOW.toISOString(),
      ]),
    );
    expect(noTrust.code).toBe(1);
    expect(noTrust.stderr).toMatch(/^chrysalis attest receipt: BUNDLE_/);
  });

  it('needs a registry (exit 2) and refuses an unreadable bundle path (exit 3)', async () => {
    expect((await capture(() => run([join(dir, 'chat.json'), '--bundle', join(dir, 'bundles')]))).code).toBe(2);
    expect((await capture(() => run([join(dir, 'chat.json'), '--bundle', join(dir, 'missing'), ...args]))).code).toBe(
      3,
    );
  });
});
