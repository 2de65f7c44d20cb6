/**
 * The broker's chain timing settings (`chain.pollMs`, `chain.confirmTimeoutMs`, `chain.registryRefreshMs`): read from
 * a config file and from their flags (a flag wins), bad values refused naming the field, shown by `--print-config`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../broker/config';
import { BROKER_FIELD_FLAGS, readConfigFile, redactedSettings, resolveBrokerSettings } from '../../broker/config-file';

describe('broker chain timing settings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-broker-chain-cfg-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has a flag for each', () => {
    expect(BROKER_FIELD_FLAGS).toEqual(
      expect.arrayContaining(['chain-poll-ms', 'chain-confirm-timeout-ms', 'registry-refresh-ms']),
    );
  });

  it('reads them from a YAML file, and a flag overrides the file; print-config shows them', () => {
    const p = join(dir, 'b.yaml');
    writeFileSync(p, 'chain:\n  pollMs: 50\n  confirmTimeoutMs: 20000\n  registryRefreshMs: 7000\n');
    const file = readConfigFile(p);
    const s = resolveBrokerSettings({ file });
    expect(s.chain).toMatchObject({ pollMs: 50, confirmTimeoutMs: 20000, registryRefreshMs: 7000 });
    expect(redactedSettings(s).chain).toMatchObject({ pollMs: 50, confirmTimeoutMs: 20000, registryRefreshMs: 7000 });
    const f = resolveBrokerSettings({
      file,
      flags: { 'chain-poll-ms': '250', 'chain-confirm-timeout-ms': '90000', 'registry-refresh-ms': '1000' },
    });
    expect(f.chain).toMatchObject({ pollMs: 250, confirmTimeoutMs: 90000, registryRefreshMs: 1000 });
  });

  it('leaves them unset (the chain defaults apply) when not given', () => {
    const s = resolveBrokerSettings({});
    expect(s.chain).toMatchObject({ pollMs: undefined, confirmTimeoutMs: undefined, registryRefreshMs: undefined });
    const shown = redactedSettings(s).chain as Record<string, unknown>;
    expect('pollMs' in shown).toBe(false);
  });

  it.each([
    ['chain.pollMs', { file: { chain: { pollMs: 0 } } }],
    ['chain.pollMs', { flags: { 'chain-poll-ms': 'fast' } }],
    ['chain.confirmTimeoutMs', { file: { chain: { confirmTimeoutMs: -5 } } }],
    ['chain.confirmTimeoutMs', { flags: { 'chain-confirm-timeout-ms': '1.5' } }],
    ['chain.registryRefreshMs', { file: { chain: { registryRefreshMs: '10s' } } }],
    ['chain.registryRefreshMs', { flags: { 'registry-refresh-ms': '0' } }],
    ['chain.pollMs', { file: { chain: { pollMs: [50] } } }],
  ])('refuses a bad %s naming it', (field, src) => {
    expect(() => resolveBrokerSettings(src)).toThrow(ConfigError);
    expect(() => resolveBrokerSettings(src)).toThrow(`config: ${field}:`);
  });
});

describe('loadBrokerKeys', () => {
  it('derives the same keys from a mnemonic file and from the inline mnemonic; a key file holds a seed or a secret key', async () => {
    const { loadBrokerKeys } = await import('../../cli/broker');
    const { mnemonicNew, mnemonicToPrivateKey } = await import('@ton/crypto');
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-broker-keys-'));
    try {
      const words = await mnemonicNew();
      const want = await mnemonicToPrivateKey(words);
      const file = join(dir, 'words.txt');
      writeFileSync(file, `${words.join(' ')}\n`);
      const none = { mnemonicFile: undefined, mnemonic: undefined, keyFile: undefined, version: 'v4' as const };
      const a = await loadBrokerKeys({ ...none, mnemonicFile: file });
      const b = await loadBrokerKeys({ ...none, mnemonic: words.join('  ') });
      expect(Buffer.from(a.publicKey)).toEqual(want.publicKey);
      expect(Buffer.from(b.secretKey)).toEqual(want.secretKey);
      const secret = join(dir, 'secret.key');
      writeFileSync(secret, want.secretKey.toString('hex'));
      const seed = join(dir, 'seed.key');
      writeFileSync(seed, want.secretKey.subarray(0, 32).toString('hex'));
      for (const keyFile of [secret, seed])
        expect(Buffer.from((await loadBrokerKeys({ ...none, keyFile })).publicKey)).toEqual(want.publicKey);
      const notHex = join(dir, 'nothex.key');
      writeFileSync(notHex, 'zz'.repeat(32));
      await expect(loadBrokerKeys({ ...none, keyFile: notHex })).rejects.toThrow('config: wallet.keyFile');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
