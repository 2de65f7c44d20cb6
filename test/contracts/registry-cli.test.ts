/**
 * `chrysalis contracts registry propose-owner | accept-owner | cancel-owner | upgrade` against the devnet's toncenter
 * API: a handover between two mnemonic wallets, refusals by the contract (exit 1 with its exit code), and upgrades
 * with the default code and with --code / --data files.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { mnemonicNew, mnemonicToPrivateKey } from '@ton/crypto';
import { run } from '../../cli/contracts';
import { EXIT } from '../../cli/exit';
import { type DevnetChain, startDevnetChain, walletV4Address } from '../../devnet/chain/sandbox-chain';
import { TonChainClient } from '../../contracts/chain/ton-client';
import { compileContract } from '../../contracts/wrappers/compile';
import { Registry, registryConfigToCell } from '../../contracts/wrappers/registry';
import { hexId } from './helpers';
import { capture } from '../cli/helpers';

describe('chrysalis contracts registry: owner handover and upgrade', () => {
  jest.setTimeout(180_000);
  let dev: DevnetChain;
  let chain: TonChainClient;
  let dir: string;
  const files: Record<'a' | 'b', string> = { a: '', b: '' };
  const wallets: Record<'a' | 'b', Address> = {} as Record<'a' | 'b', Address>;

  beforeAll(async () => {
    const words = { a: await mnemonicNew(), b: await mnemonicNew() };
    const keys = { a: await mnemonicToPrivateKey(words.a), b: await mnemonicToPrivateKey(words.b) };
    dev = await startDevnetChain({ fundWallets: [keys.a.publicKey, keys.b.publicKey] });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-registry-admin-'));
    for (const w of ['a', 'b'] as const) {
      files[w] = join(dir, `${w}.txt`);
      writeFileSync(files[w], `${words[w].join(' ')}\n`);
      wallets[w] = walletV4Address(keys[w].publicKey);
    }
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (who: 'a' | 'b', ...args: string[]) =>
    capture(() =>
      run([
        ...args,
        '--network',
        'devnet',
        '--endpoint',
        dev.url,
        '--poll-ms',
        '20',
        '--timeout',
        '20',
        '--mnemonic-file',
        files[who],
      ]),
    );

  it('hands a registry from wallet a to wallet b in two steps; b then upgrades it', async () => {
    const dep = await cli('a', 'deploy');
    expect(dep.code).toBe(EXIT.OK);
    const reg = (JSON.parse(dep.stdout) as { registry: string }).registry;
    const at = ['--registry-address', reg];

    // Nothing proposed yet: accept and cancel are refused with their own codes.
    let r = await cli('b', 'registry', 'accept-owner', ...at);
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.stderr).toContain('ERR_NO_PROPOSED_OWNER');
    r = await cli('a', 'registry', 'cancel-owner', ...at);
    expect(r.stderr).toContain('ERR_NO_PROPOSED_OWNER');

    expect((await cli('a', 'registry', 'propose-owner', '--new-owner', wallets.b.toString(), ...at)).code).toBe(
      EXIT.OK,
    );
    // Hostile: b cannot propose or cancel (not owner); a cannot accept for b.
    r = await cli('b', 'registry', 'propose-owner', '--new-owner', wallets.b.toString(), ...at);
    expect(r.stderr).toContain('ERR_NOT_OWNER');
    r = await cli('a', 'registry', 'accept-owner', ...at);
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.stderr).toContain('ERR_NOT_PROPOSED_OWNER');
    let snap = await chain.readRegistry(Address.parse(reg));
    expect(snap.owner.equals(wallets.a)).toBe(true);
    expect(snap.pendingOwner?.equals(wallets.b)).toBe(true);

    expect((await cli('b', 'registry', 'accept-owner', ...at)).code).toBe(EXIT.OK);
    snap = await chain.readRegistry(Address.parse(reg));
    expect(snap.owner.equals(wallets.b)).toBe(true);
    expect(snap.pendingOwner).toBeNull();
    expect((await cli('a', 'add-image', '--id', hexId('late'), ...at)).stderr).toContain('ERR_NOT_OWNER');
    r = await cli('a', 'registry', 'upgrade', ...at);
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.stderr).toContain('ERR_NOT_OWNER');

    // Upgrade to this release's code: the storage stays, the version moves on.
    const code = await compileContract('registry');
    r = await cli('b', 'registry', 'upgrade', ...at);
    expect(r.code).toBe(EXIT.OK);
    expect(JSON.parse(r.stdout)).toEqual({ registry: reg, codeHash: code.hash().toString('hex') });
    const upgraded = await chain.readRegistry(Address.parse(reg));
    expect(upgraded.version).toBe(snap.version + 1);
    expect(upgraded.attestationLog?.equals(snap.attestationLog as Address)).toBe(true);

    // --code and --data files: migrated storage adds an image; stale data (same version) is refused.
    const codeFile = join(dir, 'code.boc');
    writeFileSync(codeFile, code.toBoc().toString('base64'));
    const data = (version: number): string => {
      const f = join(dir, `data-${version}.boc`);
      const cell = registryConfigToCell({ ...upgraded, images: [hexId('migrated')], version });
      writeFileSync(f, cell.toBoc());
      return f;
    };
    r = await cli('b', 'registry', 'upgrade', '--code', codeFile, '--data', data(upgraded.version), ...at);
    expect(r.stderr).toContain('ERR_BAD_MIGRATION');
    r = await cli('b', 'registry', 'upgrade', '--code', codeFile, '--data', data(upgraded.version + 1), ...at);
    expect(r.code).toBe(EXIT.OK);
    const migrated = await chain.open(Registry.createFromAddress(Address.parse(reg))).getState();
    expect(migrated.images).toEqual([hexId('migrated')]);
    expect(migrated.version).toBe(upgraded.version + 1);
  });

  it('unreadable or malformed --code / --data files exit 3 before anything is sent', async () => {
    const reg = dev.registry.toString();
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'not a boc!');
    for (const argv of [
      ['--code', join(dir, 'missing.boc')],
      ['--code', junk],
      ['--data', junk],
    ]) {
      const r = await cli('a', 'registry', 'upgrade', '--registry-address', reg, ...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.INPUT });
    }
    const r = await cli('a', 'registry', 'propose-owner', '--registry-address', reg, '--new-owner', 'nope');
    expect(r.code).toBe(EXIT.USAGE);
  });
});
