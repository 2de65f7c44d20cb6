/**
 * The broker's admission verifier fetches its own Intel collateral (`attestation.pcsUrl` / `--pcs-url` /
 * CHRYSALIS_BROKER_PCS_URL; default Intel PCS, `none` = only the bundle's), except for a SIMULATED trust file.
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admissionVerifier } from '../../cli/broker';
import { resolveBrokerSettings } from '../../broker/config-file';
import { trustFileToJson } from '../../attestation/trust-file';
import { createDevnetIntelPki } from '../../devnet/intel';
import { createDevnetNvidiaPki } from '../../devnet/nvidia';
import { registryFor, simulateBundle, verifyOptions } from '../../devnet/sim-bundle';
import type { RegistryView } from '../../broker/ports';

const registry = { snapshot: async () => ({ version: 1, ...registryFor() }) } as unknown as RegistryView;

describe('broker admission collateral (attestation.pcsUrl)', () => {
  let server: Server;
  let pcsUrl: string;
  const paths: string[] = [];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-broker-pcs-'));
    // A PCCS that knows nothing: every fetch fails, so admission falls back to the bundle's collateral.
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    pcsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  test('settings: flag over file over env; default unset (Intel PCS)', () => {
    expect(resolveBrokerSettings({}).pcsUrl).toBeUndefined();
    const env = { CHRYSALIS_BROKER_PCS_URL: 'https://pccs.env' };
    expect(resolveBrokerSettings({ env }).pcsUrl).toBe('https://pccs.env');
    const file = { attestation: { pcsUrl: 'https://pccs.file' } };
    expect(resolveBrokerSettings({ file, env }).pcsUrl).toBe('https://pccs.file');
    expect(resolveBrokerSettings({ file, flags: { 'pcs-url': 'none' } }).pcsUrl).toBe('none');
  });

  test('pcsUrl none and no trust file: the default verifier (nothing fetched)', () => {
    expect(admissionVerifier(resolveBrokerSettings({ flags: { 'pcs-url': 'none' } }), registry)).toEqual({});
  });

  test('real roots: each admission asks the configured PCCS for the quote\u2019s collateral first', async () => {
    const v = admissionVerifier(
      resolveBrokerSettings({ flags: { 'pcs-url': pcsUrl, db: join(dir, 'b.sqlite') } }),
      registry,
    );
    const b = await simulateBundle();
    paths.length = 0;
    // Devnet evidence under the pinned Intel roots: refused, but only after the verifier asked for its own collateral.
    await expect(
      v.bundleVerifier!.verify(b.encoded, { now: verifyOptions().now, challenge: b.challenge }),
    ).rejects.toThrow();
    expect(paths.some((p) => p.includes('/certification/v4/'))).toBe(true);
  });

  test('a SIMULATED trust file: no PCS is asked (no PCS serves the devnet PKI)', async () => {
    const intel = createDevnetIntelPki({ seed: 'bundle-test-intel' });
    const nvidia = createDevnetNvidiaPki({ seed: 'bundle-test-nvidia' });
    const trustFile = join(dir, 'trust.json');
    writeFileSync(
      trustFile,
      trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust }),
    );
    const st = resolveBrokerSettings({ flags: { 'pcs-url': pcsUrl, 'trust-file': trustFile } });
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    let v: ReturnType<typeof admissionVerifier>;
    try {
      v = admissionVerifier(st, registry);
    } finally {
      process.stderr.write = write;
    }
    const b = await simulateBundle();
    paths.length = 0;
    await v
      .bundleVerifier!.verify(b.encoded, { now: verifyOptions().now, challenge: b.challenge })
      .catch(() => undefined);
    expect(paths).toEqual([]);
  });
});
