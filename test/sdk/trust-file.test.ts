/**
 * Trust files: `chrysalis/attestation` parses them (pure), `chrysalis/sdk` reads them (`loadTrustFile`). A devnet
 * file opts in to its SIMULATED roots twice over (trust anchors + the quote policy's allowedRoots), and every worker
 * verified under them says so; without a file only the production roots count (fail closed).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TrustFileError,
  parseTrustFile,
  trustFileFromJson,
  trustFileToJson,
  type TrustFile,
} from '../../attestation/trust-file';
import { AttestationCache, defaultBundleVerifier, loadTrustFile, SdkError } from '../../sdk';
import { NOW, pkis, registryFor, simulateBundle } from '../../devnet/sim-bundle';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

function devnetFile(): TrustFile {
  const { intel, nvidia } = pkis();
  return { kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust };
}

describe('trust files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-trust-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('parseTrustFile: roots, the quote policy opt-in, and the SIMULATED flag', () => {
    const roots = parseTrustFile(trustFileToJson(devnetFile()));
    const rootSha = createHash('sha256').update(pkis().intel.rootCaDer).digest('hex');
    expect(roots.kind).toBe('devnet');
    expect(roots.simulated).toBe(true);
    expect(roots.allowedRoots).toEqual([rootSha]);
    expect(roots.policy).toEqual({ quote: { allowedRoots: [rootSha] } });
    expect(Buffer.from(roots.trust.intel!.intelRootCaDer[0]!)).toEqual(Buffer.from(pkis().intel.rootCaDer));
    expect(roots.trust.nvidia!.deviceRootDer).toHaveLength(1);
    const custom = parseTrustFile(trustFileToJson({ kind: 'custom', nvidia: pkis().nvidia.trust }));
    expect([custom.simulated, custom.allowedRoots, custom.policy]).toEqual([false, [], {}]);
  });

  test.each([
    ['not JSON', '{'],
    ['no kind', JSON.stringify({ intel: { intelRootCaDer: [] } })],
    ['unknown kind', JSON.stringify({ kind: 'prod', intel: { intelRootCaDer: [{ b64: 'MAA=' }] } })],
    ['no roots', JSON.stringify({ kind: 'devnet' })],
    ['empty root list', JSON.stringify({ kind: 'devnet', intel: { intelRootCaDer: [] } })],
    ['root is not bytes', JSON.stringify({ kind: 'devnet', intel: { intelRootCaDer: ['abc'] } })],
    ['root is not DER', JSON.stringify({ kind: 'devnet', intel: { intelRootCaDer: [{ b64: 'AAAA' }] } })],
    ['nvidia without rim roots', JSON.stringify({ kind: 'devnet', nvidia: { deviceRootDer: [{ b64: 'MAA=' }] } })],
  ])('%s -> TRUST_FILE_INVALID', (_name, text) => {
    expect(codeOf(() => trustFileFromJson(text))).toBe('TRUST_FILE_INVALID');
    expect(() => parseTrustFile(text)).toThrow(TrustFileError);
  });

  test('loadTrustFile reads the file; unreadable or invalid -> SDK_CONFIG_INVALID', () => {
    const file = join(dir, 'trust.json');
    writeFileSync(file, trustFileToJson(devnetFile()));
    expect(loadTrustFile(file).simulated).toBe(true);
    expect(codeOf(() => loadTrustFile(join(dir, 'missing.json')))).toBe('SDK_CONFIG_INVALID');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"kind":"devnet"}');
    let err: unknown;
    try {
      loadTrustFile(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SdkError);
    expect((err as SdkError).code).toBe('SDK_CONFIG_INVALID');
    expect((err as SdkError).details?.causeCode).toBe('TRUST_FILE_INVALID');
  });

  test('a SIMULATED bundle verifies with the devnet trust file (and says so); fails closed without it', async () => {
    const file = join(dir, 'devnet-trust.json');
    writeFileSync(file, trustFileToJson(devnetFile()));
    const roots = loadTrustFile(file);
    const { encoded: bundle } = await simulateBundle();

    const cache = new AttestationCache(
      defaultBundleVerifier({ registry: registryFor(), trust: roots.trust, policy: roots.policy }),
    );
    const w = await cache.verify('w1', bundle, NOW);
    expect(w.simulatedRoots).toBe(true);

    // Production roots only: the devnet chain is not trusted.
    const strict = defaultBundleVerifier({ registry: registryFor() });
    await expect(Promise.resolve().then(() => strict(bundle, NOW))).rejects.toMatchObject({
      code: expect.stringMatching(/^(TDX|BUNDLE|GPU)_/),
    });
    // The roots as anchors but not in the quote policy: still refused (the policy opt-in is part of the file's job).
    const anchorsOnly = defaultBundleVerifier({ registry: registryFor(), trust: roots.trust });
    await expect(Promise.resolve().then(() => anchorsOnly(bundle, NOW))).rejects.toMatchObject({
      code: expect.stringMatching(/POLICY/),
    });
  });
});
