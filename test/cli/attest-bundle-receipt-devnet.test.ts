/**
 * `chrysalis attest bundle` and `chrysalis attest receipt` on SIMULATED devnet bundles, a registry file in the
 * `chrysalis contracts registry` shape and a devnet trust file: human output (verified and rejected), `--collateral`,
 * `--max-age`, `--allow-status`, bundle files in every accepted encoding, and the receipt inputs and refusals.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECEIPT_DOMAIN, signReceipt } from '../../attestation/receipt';
import { sign } from 'node:crypto';
import { ed25519PrivateKey } from '../../core/ed25519';
import { trustFileToJson } from '../../attestation/trust-file';
import { bundleDigest } from '../../attestation/bundle';
import { MODEL_ID, NOW, pkis, registryFor, simulateBundle } from '../../devnet/sim-bundle';
import { run as bundle } from '../../cli/attest/bundle';
import { run as receipt } from '../../cli/attest/receipt';
import { ed25519FromSeed } from '../sdk/fixtures';
import { capture, registryFileJson } from './helpers';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const worker = ed25519FromSeed(new Uint8Array(32).fill(21));

function signed(
  modelId = MODEL_ID,
  prices = { prompt: 1000n, completion: 2000n },
): { bytes: Uint8Array; signature: Uint8Array } {
  return signReceipt(
    {
      requestDigest: new Uint8Array(32).fill(1),
      responseDigest: new Uint8Array(32).fill(2),
      modelId,
      promptTokens: 4,
      completionTokens: 6,
      promptPriceNano: prices.prompt,
      completionPriceNano: prices.completion,
      channel: new Uint8Array(32).fill(4),
      seq: 2n,
      workerKey: worker.publicKey,
    },
    worker.seed,
  );
}

/** A version 1 receipt (one price at 123; every later field 8 bytes earlier than in v2), signed by `worker`. */
function signedV1(priceNano: bigint): Buffer {
  const b = Buffer.alloc(212);
  RECEIPT_DOMAIN.copy(b, 0);
  b[18] = 1;
  b.fill(1, 19, 51);
  b.fill(2, 51, 83);
  Buffer.from(MODEL_ID).copy(b, 83);
  b.writeUInt32BE(4, 115);
  b.writeUInt32BE(6, 119);
  b.writeBigUInt64BE(priceNano, 123);
  b.writeBigUInt64BE(priceNano * 10n, 131);
  b.writeBigUInt64BE(2n, 139);
  Buffer.from(worker.publicKey).copy(b, 147);
  b[179] = 0;
  b.fill(4, 180, 212);
  return Buffer.concat([b, sign(null, b, ed25519PrivateKey(worker.seed))]);
}

describe('chrysalis attest bundle / receipt on SIMULATED devnet bundles', () => {
  let dir: string;
  let digest: string;
  const f = (...n: string[]): string => join(dir, ...n);
  const at = NOW.toISOString();
  const reg = (): string[] => ['--registry-file', f('registry.json'), '--trust', f('trust.json'), '--at', at];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-bundle-receipt-'));
    const b = await simulateBundle({
      keys: { hpkePublicKey: new Uint8Array(32).fill(3), signingPublicKey: worker.publicKey },
    });
    digest = bundleDigest(b.encoded);
    writeFileSync(f('bundle.bin'), b.encoded);
    writeFileSync(f('bundle.b64'), `${Buffer.from(b.encoded).toString('base64')}\n`);
    writeFileSync(f('garbage.bin'), Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x01]));
    writeFileSync(f('registry.json'), registryFileJson(registryFor()));
    writeFileSync(f('empty-registry.json'), registryFileJson({ imageIds: [], platformIds: [], modelIds: [] }));
    const cheap = JSON.parse(registryFileJson(registryFor())) as { params: Record<string, unknown> };
    cheap.params.completionPricePerToken = '1999';
    writeFileSync(f('cheap-registry.json'), JSON.stringify(cheap));
    const { intel, nvidia } = pkis();
    writeFileSync(
      f('trust.json'),
      trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust }),
    );
    writeFileSync(f('bad-trust.json'), '{"kind": "devnet"}');
    writeFileSync(f('collateral.json'), JSON.stringify(intel.collateralJson()));
    writeFileSync(f('bad-collateral.json'), '{}');
    mkdirSync(f('bundles'));
    writeFileSync(f('bundles', 'a-garbage.bin'), Buffer.from('junk'));
    writeFileSync(f('bundles', `${digest}.bin`), b.encoded);
    mkdirSync(f('bundles', 'nested'));
    writeFileSync(f('workers-broken.json'), '{"workers": [');
    writeFileSync(f('workers-none.json'), '{"items": []}');

    const r = signed();
    writeFileSync(f('receipt.bin'), Buffer.concat([r.bytes, r.signature]));
    writeFileSync(f('receipt-only.bin'), r.bytes);
    writeFileSync(f('receipt.json'), JSON.stringify({ receipt: hex(r.bytes), signature: hex(r.signature) }));
    writeFileSync(f('receipt-nosig.json'), JSON.stringify({ receipt: hex(r.bytes) }));
    writeFileSync(f('receipt-broken.json'), '  {"receipt": ');
    writeFileSync(f('receipt-norec.json'), JSON.stringify({ answer: 'hi' }));
    writeFileSync(f('receipt-badenc.json'), JSON.stringify({ receipt: '***', signature: hex(r.signature) }));
    const other = signed(new Uint8Array(32).fill(0x77));
    writeFileSync(f('receipt-other-model.bin'), Buffer.concat([other.bytes, other.signature]));
    const overpriced = signed(MODEL_ID, { prompt: 1000n, completion: 2500n });
    writeFileSync(f('receipt-other-price.bin'), Buffer.concat([overpriced.bytes, overpriced.signature]));
    writeFileSync(f('receipt-v1.bin'), signedV1(500n));
    writeFileSync(f('sig.hex'), hex(r.signature));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('attest bundle', () => {
    it('human output of a verified bundle: digest, SIMULATED warning, identities, keys and GPUs', async () => {
      const r = await capture(() => bundle([f('bundle.b64'), ...reg()]));
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe(`bundle ${digest}: VERIFIED (registry: file ${f('registry.json')})`);
      expect(lines[1]).toMatch(/^warning: SIMULATED devnet trust roots/);
      expect(r.stdout).toContain(`imageId: ${registryFor().imageIds[0]}`);
      expect(r.stdout).toContain(`signingPublicKey: ${hex(worker.publicKey)}`);
      expect(r.stdout).toContain('tcbStatus: UpToDate');
      expect(r.stdout).toContain('promptPriceNano: 1000');
      expect(r.stdout).toContain('completionPriceNano: 2000');
      expect(r.stdout).toMatch(/^gpus: \[/m);
    });

    it('human output of a rejection: code, message and each violation', async () => {
      const r = await capture(() =>
        bundle([f('bundle.bin'), '--registry-file', f('empty-registry.json'), '--trust', f('trust.json'), '--at', at]),
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(': REJECTED (registry: file');
      expect(r.stdout).toContain('code: BUNDLE_POLICY_REJECTED');
      expect(r.stdout).toMatch(/^message: /m);
      expect(r.stdout).toMatch(/^ {2}violation POLICY_IMAGE_NOT_ALLOWED imageId = [0-9a-f]{64}$/m);
    });

    it('the committed prices in JSON; a claimed price above the registry is BUNDLE_PRICE_ABOVE_REGISTRY', async () => {
      const ok = await capture(() => bundle([f('bundle.bin'), ...reg(), '--json']));
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ promptPriceNano: '1000', completionPriceNano: '2000' });
      const r = await capture(() =>
        bundle([f('bundle.bin'), '--registry-file', f('cheap-registry.json'), '--trust', f('trust.json'), '--at', at]),
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('code: BUNDLE_PRICE_ABOVE_REGISTRY');
    });

    it('a TDX failure carries its cause code; the GPU count is still reported', async () => {
      const j = await capture(() =>
        bundle([f('bundle.bin'), '--registry-file', f('registry.json'), '--at', at, '--json']),
      );
      expect(j.code).toBe(1);
      const out = JSON.parse(j.stdout) as { code: string; causeCode?: string; gpuCount?: number };
      expect(out.code).toBe('BUNDLE_TDX_INVALID');
      expect(out.causeCode).toBe('TDX_PCK_CHAIN_UNTRUSTED');
      expect(out.gpuCount).toBe(1);
      const h = await capture(() => bundle([f('bundle.bin'), '--registry-file', f('registry.json'), '--at', at]));
      expect(h.stdout).toContain('code: BUNDLE_TDX_INVALID (cause: TDX_PCK_CHAIN_UNTRUSTED)');
    });

    it('bytes that are no bundle: a rejection without a GPU count', async () => {
      const r = await capture(() => bundle([f('garbage.bin'), ...reg(), '--json']));
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { code: string; gpuCount?: number };
      expect(out.code).toMatch(/^BUNDLE_/);
      expect(out.gpuCount).toBeUndefined();
    });

    it('--collateral replaces the bundled collateral; --allow-status and --max-age feed the policy', async () => {
      expect(
        (await capture(() => bundle([f('bundle.bin'), ...reg(), '--collateral', f('collateral.json')]))).code,
      ).toBe(0);
      const statuses = await capture(() =>
        bundle([f('bundle.bin'), ...reg(), '--allow-status', 'UpToDate, OutOfDate', '--json']),
      );
      expect(statuses.code).toBe(0);
      const later = new Date(NOW.getTime() + 600_000).toISOString();
      const base = [f('bundle.bin'), '--registry-file', f('registry.json'), '--trust', f('trust.json')];
      const stale = await capture(() => bundle([...base, '--at', later, '--max-age', '60', '--json']));
      expect(stale.code).toBe(1);
      expect(JSON.parse(stale.stdout).code).toMatch(/^BUNDLE_/);
      // A --max-age that is not a number leaves the default (3600 s) in force.
      expect((await capture(() => bundle([...base, '--at', later, '--max-age', 'soon']))).code).toBe(0);
    });

    it('an unreadable --collateral or --trust file exits 3', async () => {
      for (const extra of [
        ['--collateral', f('bad-collateral.json')],
        ['--collateral', f('missing.json')],
        ['--trust', f('bad-trust.json')],
      ]) {
        const r = await capture(() =>
          bundle([f('bundle.bin'), '--registry-file', f('registry.json'), '--at', at, ...extra, '--json']),
        );
        expect(r.code).toBe(3);
        expect(JSON.parse(r.stdout).code).toBe('CLI_INPUT_UNREADABLE');
      }
    });
  });

  describe('attest receipt', () => {
    it('binary receipt||signature against a single bundle file: human output names the attested bundle', async () => {
      const r = await capture(() => receipt([f('receipt.bin'), '--bundle', f('bundle.bin'), ...reg()]));
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('receipt: VALID (Ed25519 signature by the attested worker key)');
      expect(r.stdout).toContain('warning: SIMULATED devnet trust roots in use');
      expect(r.stdout).toMatch(new RegExp(`^ {2}bundle\\.bundleDigest +${digest}$`, 'm'));
      expect(r.stdout).toMatch(/^ {2}bundle\.promptPriceNano +1000$/m);
      expect(r.stdout).toMatch(/^ {2}bundle\.completionPriceNano +2000$/m);
      expect(r.stdout).toMatch(/^ {2}version +2$/m);
      expect(r.stdout).toMatch(/^ {2}promptTokens +4$/m);
      expect(r.stdout).toMatch(/^ {2}promptPriceNano +1000$/m);
      expect(r.stdout).toMatch(/^ {2}completionPriceNano +2000$/m);
      expect(r.stdout).toMatch(/^ {2}amountNano +16000$/m);
      expect(r.stdout).toMatch(new RegExp(`^ {2}workerKey +${hex(worker.publicKey)}$`, 'm'));
    });

    it('a directory with junk, nested folders and the bundle: the matching one is chosen', async () => {
      const r = await capture(() => receipt([f('receipt.json'), '--bundle', f('bundles'), ...reg(), '--json']));
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).bundle.bundleDigest).toBe(digest);
    });

    it('receipt bytes alone take --signature (hex); without it the input is refused (exit 3)', async () => {
      const sig = hex(signed().signature);
      const ok = await capture(() =>
        receipt([f('receipt-only.bin'), '--bundle', f('bundle.bin'), ...reg(), '--signature', sig]),
      );
      expect(ok.code).toBe(0);
      const b64 = Buffer.from(signed().signature).toString('base64');
      const json = await capture(() =>
        receipt([f('receipt-nosig.json'), '--bundle', f('bundle.bin'), ...reg(), '--signature', b64]),
      );
      expect(json.code).toBe(0);
      for (const file of ['receipt-only.bin', 'receipt-nosig.json']) {
        const r = await capture(() => receipt([f(file), '--bundle', f('bundle.bin'), ...reg(), '--json']));
        expect(r.code).toBe(3);
        expect(r.stderr).toContain('no signature in the receipt input');
      }
    });

    it('a receipt naming another model than the bundle attests: CLI_RECEIPT_MODEL_MISMATCH (exit 1)', async () => {
      const r = await capture(() =>
        receipt([f('receipt-other-model.bin'), '--bundle', f('bundle.bin'), ...reg(), '--json']),
      );
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).code).toBe('CLI_RECEIPT_MODEL_MISMATCH');
    });

    it('a v2 receipt at other prices than the bundle commits to: CLI_RECEIPT_PRICE_MISMATCH (exit 1)', async () => {
      const r = await capture(() =>
        receipt([f('receipt-other-price.bin'), '--bundle', f('bundle.bin'), ...reg(), '--json']),
      );
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).code).toBe('CLI_RECEIPT_PRICE_MISMATCH');
    });

    it('a version 1 receipt still verifies, both prices = its one price, with a warning', async () => {
      const r = await capture(() => receipt([f('receipt-v1.bin'), '--bundle', f('bundle.bin'), ...reg(), '--json']));
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { receipt: Record<string, unknown>; warnings: string[] };
      expect(out.receipt).toMatchObject({
        version: 1,
        promptPriceNano: '500',
        completionPriceNano: '500',
        amountNano: '5000',
      });
      expect(out.warnings).toContain('version 1 receipt: its price is not committed in the bundle');
    });

    it('malformed receipt inputs and bundle listings exit 3', async () => {
      const cases: string[][] = [
        [f('receipt-broken.json'), '--bundle', f('bundle.bin')],
        [f('receipt-norec.json'), '--bundle', f('bundle.bin')],
        [f('receipt-badenc.json'), '--bundle', f('bundle.bin')],
        [f('receipt.bin'), '--bundle', f('workers-broken.json')],
        [f('receipt.bin'), '--bundle', f('workers-none.json')],
        [f('receipt-only.bin'), '--bundle', f('bundle.bin'), '--signature', '%%%'],
      ];
      for (const c of cases) {
        const r = await capture(() => receipt([...c, ...reg(), '--json']));
        expect(r.code).toBe(3);
        expect(JSON.parse(r.stdout).code).toBe('CLI_INPUT_UNREADABLE');
      }
    });

    it('usage: --bundle with --worker-key, --worker-key without the opt-in or malformed, neither (exit 2)', async () => {
      const key = hex(worker.publicKey);
      const cases: string[][] = [
        ['--bundle', f('bundle.bin'), '--worker-key', key, '--insecure-trust-key'],
        ['--worker-key', key],
        ['--worker-key', 'abc', '--insecure-trust-key'],
        [],
      ];
      for (const c of cases) {
        const r = await capture(() => receipt([f('receipt.bin'), ...c]));
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('usage: chrysalis attest receipt');
      }
      const insecure = await capture(() =>
        receipt([f('receipt.bin'), '--worker-key', `0x${key}`, '--insecure-trust-key']),
      );
      expect(insecure.code).toBe(0);
      expect(insecure.stdout).toContain('receipt: VALID (Ed25519 signature by the given key)');
      expect(insecure.stdout).toContain('warning: INSECURE');
    });
  });
});
