import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signReceipt } from '../../attestation/receipt';
import { run } from '../../cli/attest/receipt';
import { CHANNEL, MODEL_ID, ed25519FromSeed } from './fixtures';
import { muteOutputEachTest } from '../cli/helpers';

const worker = ed25519FromSeed(new Uint8Array(32).fill(5));
const other = ed25519FromSeed(new Uint8Array(32).fill(6));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const { bytes, signature } = signReceipt(
  {
    requestDigest: new Uint8Array(32).fill(1),
    responseDigest: new Uint8Array(32).fill(2),
    modelId: MODEL_ID,
    promptTokens: 3,
    completionTokens: 7,
    promptPriceNano: 100n,
    completionPriceNano: 120n,
    channel: CHANNEL,
    seq: 4n,
    workerKey: worker.publicKey,
  },
  worker.seed,
);

describe('chrysalis attest receipt', () => {
  let dir: string;
  const output = muteOutputEachTest();
  const stdout = (): string => output.out.mock.calls.map((c) => String(c[0])).join('');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-receipt-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, data: string | Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };

  it('accepts a gateway answer carrying the chrysalis field (exit 0, --json)', async () => {
    const p = file(
      'answer.json',
      JSON.stringify({
        object: 'chat.completion',
        chrysalis: {
          receipt: Buffer.from(bytes).toString('base64'),
          signature: Buffer.from(signature).toString('base64'),
        },
      }),
    );
    await expect(run([p, '--worker-key', hex(worker.publicKey), '--insecure-trust-key', '--json'])).resolves.toBe(0);
    const j = JSON.parse(stdout()) as { ok: boolean; receipt: { completionTokens: number; amountNano: string } };
    expect(j.ok).toBe(true);
    expect(j.receipt.completionTokens).toBe(7);
    expect(j.receipt.amountNano).toBe('1140'); // 3 x 100 + 7 x 120
  });

  it('accepts binary receipt || signature, and receipt with --signature', async () => {
    const p = file('r.bin', Buffer.concat([bytes, signature]));
    await expect(run([p, '--worker-key', hex(worker.publicKey), '--insecure-trust-key'])).resolves.toBe(0);
    const q = file('r-only.bin', bytes);
    await expect(
      run([q, '--worker-key', hex(worker.publicKey), '--insecure-trust-key', '--signature', hex(signature)]),
    ).resolves.toBe(0);
  });

  it('rejects a receipt checked against another key (exit 1, RECEIPT_WORKER_KEY_MISMATCH)', async () => {
    const p = file('r2.bin', Buffer.concat([bytes, signature]));
    await expect(run([p, '--worker-key', hex(other.publicKey), '--insecure-trust-key', '--json'])).resolves.toBe(1);
    expect(JSON.parse(stdout())).toMatchObject({ ok: false, code: 'RECEIPT_WORKER_KEY_MISMATCH' });
  });

  it('rejects a tampered receipt (exit 1, RECEIPT_SIGNATURE_INVALID)', async () => {
    const t = Buffer.from(bytes);
    t[120] = (t[120] ?? 0) ^ 1; // completion tokens
    const p = file('r3.bin', Buffer.concat([t, signature]));
    await expect(run([p, '--worker-key', hex(worker.publicKey), '--insecure-trust-key', '--json'])).resolves.toBe(1);
    expect(JSON.parse(stdout())).toMatchObject({ ok: false, code: expect.stringMatching(/^RECEIPT_/) });
  });

  it('rejects malformed receipt bytes (exit 1)', async () => {
    const p = file('r4.bin', Buffer.alloc(100, 1));
    await expect(
      run([p, '--worker-key', hex(worker.publicKey), '--insecure-trust-key', '--signature', hex(signature)]),
    ).resolves.toBe(1);
  });

  it('exits 2 on bad usage, 3 on unreadable input', async () => {
    const key = ['--worker-key', hex(worker.publicKey), '--insecure-trust-key'];
    await expect(run([])).resolves.toBe(2);
    await expect(run([file('k.bin', bytes), '--worker-key', hex(worker.publicKey)])).resolves.toBe(2); // no opt-in
    await expect(run([file('b.bin', bytes)])).resolves.toBe(2); // neither --bundle nor --worker-key
    await expect(run([file('x.bin', bytes), '--worker-key', 'zz', '--insecure-trust-key'])).resolves.toBe(2);
    await expect(run(['--bogus'])).resolves.toBe(2);
    await expect(run([join(dir, 'missing.bin'), ...key])).resolves.toBe(3);
    await expect(run([file('y.bin', bytes), ...key])).resolves.toBe(3); // no signature
    await expect(run([file('z.json', '{"nope":1}'), ...key])).resolves.toBe(3);
  });

  it('says the key was not attested when --insecure-trust-key is used', async () => {
    const p = file('w.bin', Buffer.concat([bytes, signature]));
    await expect(run([p, '--worker-key', hex(worker.publicKey), '--insecure-trust-key', '--json'])).resolves.toBe(0);
    expect(JSON.parse(stdout()).warnings.join(' ')).toMatch(/INSECURE/);
  });
});
