/**
 * `chrysalis attest admissions` against the devnet chain with real admissions in its AttestationLog (appended by the
 * broker's ChainAdmissionLogger), re-verifying SIMULATED bundles from an archive directory and from a broker's
 * /v1/workers listing (a loopback server): ok, digest mismatch, log mismatch, unavailable; human and --json output.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNano } from '@ton/core';
import { AttestationLog, TonChainClient } from '../../contracts';
import { startDevnetChain, type DevnetChain } from '../../devnet';
import { NOW, pkis, registryFor, simulateBundle, MODEL_ID } from '../../devnet/sim-bundle';
import { ChainAdmissionLogger, openBrokerWallet } from '../../broker/chain';
import { bundleDigest } from '../../attestation/bundle';
import { trustFileToJson } from '../../attestation/trust-file';
import { main } from '../../cli';
import { keyFromSeed } from '../broker-chain/helpers';
import { capture } from './helpers';

interface Row {
  index: string;
  workerKey: string;
  bundleDigest: string;
  reverified: string;
  code?: string;
}

describe('chrysalis attest admissions re-verifies logged admissions', () => {
  jest.setTimeout(120_000);
  const broker = keyFromSeed('cli-admissions-broker');
  const ids = registryFor();
  let dev: DevnetChain;
  let dir: string;
  let server: Server;
  let brokerUrl: string;
  let otherLog: string;
  const digests: Record<string, string> = {};
  const f = (...n: string[]): string => join(dir, ...n);

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: Math.floor(NOW.getTime() / 1000),
      images: [ids.imageIds[0]!],
      platforms: [ids.platformIds[0]!],
      models: [{ id: ids.modelIds[0]!, multiplier: 10000 }],
      brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
      fundWallets: [broker.publicKey],
    });
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-admissions-'));
    mkdirSync(f('bundles'));
    const chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    const wallet = openBrokerWallet(chain, broker, { pollMs: 10, confirmTimeoutMs: 5000 });
    const logger = new ChainAdmissionLogger({
      chain,
      registry: dev.registry,
      wallet,
      pollMs: 10,
      confirmTimeoutMs: 5000,
      retryDelayMs: 10,
    });
    const stranger = keyFromSeed('cli-admissions-stranger').publicKey;
    const names = ['ok', 'keymismatch', 'digestmismatch', 'frombroker', 'unavailable'] as const;
    const built: Record<string, Uint8Array> = {};
    for (const [i, name] of names.entries()) {
      const worker = keyFromSeed(`cli-admissions-worker-${i}`).publicKey;
      const b = await simulateBundle({ keys: { hpkePublicKey: new Uint8Array(32).fill(i), signingPublicKey: worker } });
      built[name] = b.encoded;
      digests[name] = bundleDigest(b.encoded);
      await logger.logAdmission({
        workerId: name,
        // The log names another worker key than the bundle attests for 'keymismatch'.
        signingPublicKey: name === 'keymismatch' ? stranger : worker,
        imageId: Buffer.from(ids.imageIds[0]!, 'hex'),
        platformId: Buffer.from(ids.platformIds[0]!, 'hex'),
        modelId: Buffer.from(MODEL_ID),
        bundleDigest: Buffer.from(digests[name]!, 'hex'),
        at: NOW,
      });
    }
    await logger.drain();
    expect(logger.outcomes.map((o) => o.code)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    writeFileSync(f('bundles', `${digests['ok']}.bin`), built['ok']!);
    writeFileSync(f('bundles', `${digests['keymismatch']}.bin`), built['keymismatch']!);
    // Archived under the digest of another bundle.
    writeFileSync(f('bundles', `${digests['digestmismatch']}.bin`), built['ok']!);
    const { intel, nvidia } = pkis();
    writeFileSync(
      f('trust.json'),
      trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust }),
    );
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ workers: [{ bundle: Buffer.from(built['frombroker']!).toString('base64') }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    brokerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // A second AttestationLog (another appender, so another address) that the registry does not name.
    const second = dev.blockchain.openContract(
      AttestationLog.createFromConfig({ registry: dev.deployer.address }, dev.codes.attestationLog),
    );
    await second.sendDeploy(dev.deployer.getSender(), toNano('1'));
    otherLog = second.address.toString();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const admissions = (extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    capture(() => main(['attest', 'admissions', '--endpoint', dev.url, ...extra]));

  it('--json: each admission judged at its own time; failures are counted (exit 1)', async () => {
    const r = await admissions([
      '--registry-address',
      dev.registry.toString(),
      '--bundles',
      f('bundles'),
      '--broker',
      brokerUrl,
      '--trust',
      f('trust.json'),
      '--json',
    ]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as {
      ok: boolean;
      log: string;
      complete: boolean;
      stop: string;
      range: unknown;
      records: (Row & { brokerKey: string; txLt: string; txHash: string; atUnix: number })[];
    };
    expect(j.ok).toBe(false);
    // The export: the log, the range, completeness proven by walking to the account's first transaction.
    expect(j).toMatchObject({ log: dev.attestationLog.toString(), complete: true, stop: 'account-start' });
    expect(j.range).toEqual({ from: null, to: null });
    expect(j.records[0]).toMatchObject({
      brokerKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      txHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      atUnix: expect.any(Number),
    });
    const by = Object.fromEntries(j.records.map((a) => [a.bundleDigest, a]));
    expect(by[digests['ok']!]!.reverified).toBe('ok');
    expect(by[digests['frombroker']!]!.reverified).toBe('ok');
    expect(by[digests['keymismatch']!]).toMatchObject({ reverified: 'failed', code: 'AUDIT_LOG_MISMATCH' });
    expect(by[digests['digestmismatch']!]).toMatchObject({ reverified: 'failed', code: 'AUDIT_DIGEST_MISMATCH' });
    expect(by[digests['unavailable']!]!.reverified).toBe('bundle-unavailable');
    expect(j.records.map((a) => a.index)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('--from/--to select a time range; a walk cut short by --limit says it is incomplete', async () => {
    const future = await admissions(['--log', dev.attestationLog.toString(), '--from', '4102444800', '--json']);
    expect(JSON.parse(future.stdout)).toMatchObject({ complete: true, stop: 'range-start', records: [] });
    const all = await admissions(['--log', dev.attestationLog.toString(), '--from', '1970-01-01T00:00:00Z', '--json']);
    expect((JSON.parse(all.stdout) as { records: unknown[] }).records).toHaveLength(5);
    const past = await admissions(['--log', dev.attestationLog.toString(), '--to', '1000', '--json']);
    expect(JSON.parse(past.stdout)).toMatchObject({ complete: true, records: [] });
    const cut = await admissions(['--log', dev.attestationLog.toString(), '--limit', '1']);
    expect(cut.stdout).toContain('INCOMPLETE: the walk stopped (limit) after 1 transaction(s)');
    const bad = await admissions(['--log', dev.attestationLog.toString(), '--from', 'yesterday']);
    expect(bad.code).toBe(2);
  });

  it('human output: one line per admission with its outcome and the SIMULATED note', async () => {
    const r = await admissions([
      '--log',
      dev.attestationLog.toString(),
      '--bundles',
      f('bundles'),
      '--trust',
      f('trust.json'),
      '--limit',
      '50',
      '--at',
      NOW.toISOString(),
    ]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `admission log ${dev.attestationLog.toString()}: 5 admission(s) (SIMULATED devnet roots trusted)`,
    );
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^complete: every log transaction in the range was walked \(\d+ transaction\(s\)/);
    expect(lines[2]).toMatch(/^#0 2025-06-10T12:00:00\.000Z worker [0-9a-f]{16}… image [0-9a-f]{12}… .* ok$/);
    expect(r.stdout).toContain('failed (AUDIT_LOG_MISMATCH)');
    expect(r.stdout).toMatch(/bundle-unavailable\n/);
  });

  it('without the devnet trust file the archived bundles fail re-verification with the verifier code', async () => {
    const r = await admissions(['--log', dev.attestationLog.toString(), '--bundles', f('bundles'), '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { records: Row[] };
    const ok = j.records.find((a) => a.bundleDigest === digests['ok'])!;
    expect(ok).toMatchObject({ reverified: 'failed', code: 'BUNDLE_TDX_INVALID' });
  });

  it('nothing to re-verify is exit 0; an unreachable broker is a warning; another log than the registry names is flagged', async () => {
    const r = await admissions(['--log', dev.attestationLog.toString(), '--broker', 'http://127.0.0.1:9', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: broker listing unavailable');
    expect(
      (JSON.parse(r.stdout) as { records: Row[] }).records.every((a) => a.reverified === 'bundle-unavailable'),
    ).toBe(true);
    const other = await admissions(['--log', otherLog, '--registry-address', dev.registry.toString(), '--json']);
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('warning: the registry names another AttestationLog');
    expect(JSON.parse(other.stdout)).toMatchObject({ ok: true, complete: true, records: [] });
  });

  it('usage: no log and no registry, a bad --limit or --at (exit 2)', async () => {
    for (const extra of [[], ['--log', dev.attestationLog.toString(), '--limit', 'many'], ['--at', 'dawn']]) {
      const r = await admissions(extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: chrysalis attest admissions');
    }
  });
});
