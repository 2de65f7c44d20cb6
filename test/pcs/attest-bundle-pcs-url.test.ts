/** `chrysalis attest bundle --pcs-url`: the auditor fetches its own collateral; a bundle with staler collateral fails. */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/attest/bundle';
import { trustFileToJson } from '../../attestation/trust-file';
import { createDevnetIntelPki } from '../../devnet/intel';
import { NOW, pkis, registryFor, simulateBundle } from '../../devnet/sim-bundle';
import { capture, registryFileJson } from '../cli/helpers';
import { startLoopbackPcs, type LoopbackPcs } from './loopback-pcs';
import { serveCollateral } from './replay-intel';

const pkiAt = (tcbEvaluationDataNumber: number) =>
  createDevnetIntelPki({
    seed: 'bundle-test-intel',
    issuedAt: new Date('2025-06-02T00:00:00Z'),
    tcbEvaluationDataNumber,
  });

describe('attest bundle --pcs-url (devnet PKI served as Intel PCS would)', () => {
  let dir: string;
  let pcs: LoopbackPcs;
  let args: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-bundle-pcs-'));
    const b = await simulateBundle(); // carries collateral with tcbEvaluationDataNumber 17
    writeFileSync(join(dir, 'bundle.bin'), b.encoded);
    writeFileSync(join(dir, 'registry.json'), registryFileJson(registryFor()));
    const { intel, nvidia } = pkis();
    writeFileSync(
      join(dir, 'trust.json'),
      trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust }),
    );
    pcs = await startLoopbackPcs();
    args = [
      join(dir, 'bundle.bin'),
      '--registry-file',
      join(dir, 'registry.json'),
      '--trust',
      join(dir, 'trust.json'),
      '--at',
      NOW.toISOString(),
      '--pcs-url',
      pcs.baseUrl,
      '--json',
    ];
  });
  afterAll(async () => {
    await pcs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('PCS serves the same evaluation number: verified (exit 0)', async () => {
    pcs.routes.clear();
    serveCollateral(pcs, pkiAt(17).collateral);
    const r = await capture(() => run(args));
    expect(r.code).toBe(0);
  });

  test('PCS serves a higher evaluation number: the bundle is refused, cause TDX_COLLATERAL_STALE', async () => {
    pcs.routes.clear();
    serveCollateral(pcs, pkiAt(18).collateral);
    const r = await capture(() => run(args));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      code: 'BUNDLE_TDX_INVALID',
      causeCode: 'TDX_COLLATERAL_STALE',
    });
  });

  test('PCS down: exit 4; both --collateral and --pcs-url: exit 2', async () => {
    pcs.routes.clear();
    expect((await capture(() => run(args))).code).toBe(4);
    expect((await capture(() => run([...args, '--collateral', join(dir, 'registry.json')]))).code).toBe(2);
  });
});
