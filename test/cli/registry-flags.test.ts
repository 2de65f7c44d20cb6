/**
 * A registry is named the same way everywhere: `--registry-address ADDR --endpoint URL` reads it from the chain;
 * `--registry-file FILE` takes exactly what `chrysalis contracts registry` prints. `attest admissions` with a wrong
 * log address says so and exits 1. The devnet's printed address lines are a stable interface.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { type DevnetChain, startDevnetChain } from '../../devnet/chain/sandbox-chain';
import { main } from '../../cli';
import { loadRegistry, parseRegistryJson } from '../../cli/registry-source';
import { devnetAddressLines, parseBrokerLines, parseDevnetAddressLines } from '../../cli/devnet-output';
import { capture } from './helpers';

const IMG = 'aa'.repeat(32);
const PLT = 'bb'.repeat(32);
const MDL = 'cc'.repeat(32);

describe('registry flags against the devnet chain API', () => {
  jest.setTimeout(120_000);
  let dev: DevnetChain;
  let dir: string;
  beforeAll(async () => {
    dev = await startDevnetChain({
      images: [Buffer.from(IMG, 'hex')],
      platforms: [Buffer.from(PLT, 'hex')],
      models: [{ id: Buffer.from(MDL, 'hex'), multiplier: 15000 }],
    });
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-registry-flags-'));
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('`contracts registry` output is exactly what --registry-file reads; --registry-address reads the same', async () => {
    const printed = await capture(() =>
      main([
        'contracts',
        'registry',
        '--registry-address',
        dev.registry.toString(),
        '--network',
        'devnet',
        '--endpoint',
        dev.url,
      ]),
    );
    expect(printed.code).toBe(0);
    const file = join(dir, 'registry.json');
    writeFileSync(file, printed.stdout);
    const fromFile = parseRegistryJson(printed.stdout, file);
    expect(fromFile.images).toEqual([IMG]);
    expect(fromFile.models).toEqual([{ id: MDL, multiplier: 15000 }]);
    // The dump carries each model's prompt/completion price (decimal strings), and the file reads them back.
    const dumped = JSON.parse(printed.stdout) as {
      params: { promptPricePerToken: string; completionPricePerToken: string };
      modelPrices: Record<string, { promptNano: string; completionNano: string }>;
    };
    const scaled = (base: string): bigint => (BigInt(base) * 15000n + 9999n) / 10000n;
    expect(dumped.modelPrices).toEqual({
      [MDL]: {
        promptNano: String(scaled(dumped.params.promptPricePerToken)),
        completionNano: String(scaled(dumped.params.completionPricePerToken)),
      },
    });
    expect(fromFile.modelPrices[MDL]).toEqual({
      promptNano: scaled(dumped.params.promptPricePerToken),
      completionNano: scaled(dumped.params.completionPricePerToken),
    });
    const fromChain = await loadRegistry({ 'registry-address': dev.registry.toString(), endpoint: dev.url }, true);
    expect({ ...fromChain, source: '' }).toEqual({ ...fromFile, source: '' });
    expect(fromFile.attestationLog).toBe(dev.attestationLog.toString());
  });

  it('--registry-address needs --endpoint (exit 2); both flags at once is a usage error; no contract there: exit 1', async () => {
    const bundleArgs = ['attest', 'bundle', join(dir, 'registry.json')];
    expect((await capture(() => main([...bundleArgs, '--registry-address', dev.registry.toString()]))).code).toBe(2);
    expect(
      (
        await capture(() =>
          main([...bundleArgs, '--registry-address', dev.registry.toString(), '--registry-file', join(dir, 'x.json')]),
        )
      ).code,
    ).toBe(2);
    const nowhere = new Address(0, Buffer.alloc(32, 5)).toString();
    const r = await capture(() => main([...bundleArgs, '--registry-address', nowhere, '--endpoint', dev.url]));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CLI_CONTRACT_NOT_FOUND');
  });

  it('attest admissions: a wrong log address is an error (exit 1), not "0 admissions"', async () => {
    const base = ['attest', 'admissions', '--endpoint', dev.url];
    const notALog = await capture(() => main([...base, '--log', dev.registry.toString()]));
    expect(notALog.code).toBe(1);
    expect(notALog.stderr).toContain('CLI_NOT_AN_ATTESTATION_LOG');
    const nothing = await capture(() => main([...base, '--log', new Address(0, Buffer.alloc(32, 6)).toString()]));
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('CLI_CONTRACT_NOT_FOUND');
    // The right log, found through the registry: 0 admissions on a fresh chain is then the truth.
    const ok = await capture(() => main([...base, '--registry-address', dev.registry.toString(), '--json']));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, complete: true, records: [] });
  });
});

describe('devnet address lines', () => {
  it('print gateway (ending in /v1), broker, chain-api, registry and attestation-log, and parse back', () => {
    const info = {
      gateway: 'http://127.0.0.1:8787/v1',
      broker: 'http://127.0.0.1:8788',
      chainApi: 'http://127.0.0.1:8789/jsonRPC',
      registry: new Address(0, Buffer.alloc(32, 1)).toString(),
      attestationLog: new Address(0, Buffer.alloc(32, 2)).toString(),
    };
    const lines = devnetAddressLines(info);
    expect(lines).toEqual([
      `gateway: ${info.gateway}`,
      `broker: ${info.broker}`,
      `chain-api: ${info.chainApi}`,
      `registry: ${info.registry}`,
      `attestation-log: ${info.attestationLog}`,
    ]);
    expect(parseDevnetAddressLines(['', ...lines, 'model: x'].join('\n'))).toEqual(info);
    expect(devnetAddressLines({ ...info, gateway: 'http://127.0.0.1:1' })[0]).toBe('gateway: http://127.0.0.1:1/v1');
  });

  it('print one broker line per broker, in order; parsing keeps the first as `broker` and lists them all', () => {
    const brokers = ['http://127.0.0.1:8788', 'http://127.0.0.1:8790'];
    const text = devnetAddressLines({
      gateway: 'http://127.0.0.1:8787/v1',
      broker: brokers[0]!,
      brokers,
      chainApi: 'http://127.0.0.1:8789/jsonRPC',
      registry: 'r',
      attestationLog: 'l',
    }).join('\n');
    expect(text.split('\n').filter((l) => l.startsWith('broker: '))).toEqual(brokers.map((b) => `broker: ${b}`));
    expect(parseDevnetAddressLines(text).broker).toBe(brokers[0]);
    expect(parseBrokerLines(`x\n${text}\nbroker: not a line\n`)).toEqual(brokers);
  });
});
