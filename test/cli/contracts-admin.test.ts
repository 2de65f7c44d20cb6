/**
 * `chrysalis contracts` beyond the happy path of test/contracts/cli.test.ts, against the sandbox chain's toncenter
 * API: every administrative subcommand and its removal twin, explicit parameters, a v5r1 wallet, --no-wait, refusals
 * by the contract (exit 1 with its exit code), bad flags (exit 2) and an invalid mnemonic (exit 3).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address, toNano } from '@ton/core';
import { mnemonicToPrivateKey } from '@ton/crypto';
import { WalletContractV5R1 } from '@ton/ton';
import { run } from '../../cli/contracts';
import { EXIT } from '../../cli/exit';
import { type DevnetChain, startDevnetChain, walletV4Address } from '../../devnet/chain/sandbox-chain';
import { TonChainClient } from '../../contracts/chain/ton-client';
import { hexId, keyFromSeed } from '../contracts/helpers';
import { capture } from './helpers';

// A throwaway devnet-only mnemonic (never funded anywhere real).
const MNEMONIC =
  'theory island author address edge stone mansion vendor switch tornado limit bag sausage syrup valid supply invite eye spell van economy address noble correct';

describe('chrysalis contracts: administration, refusals and flag errors', () => {
  jest.setTimeout(180_000);
  let dev: DevnetChain;
  let chain: TonChainClient;
  let dir: string;
  let mfile: string;

  beforeAll(async () => {
    const kp = await mnemonicToPrivateKey(MNEMONIC.split(' '));
    dev = await startDevnetChain({ fundWallets: [kp.publicKey] });
    const v5 = WalletContractV5R1.create({
      publicKey: kp.publicKey,
      walletId: { networkGlobalId: -239, context: { workchain: 0, walletVersion: 'v5r1', subwalletNumber: 0 } },
    });
    await dev.fund(v5.address, toNano('100'));
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-contracts-admin-'));
    mfile = join(dir, 'mnemonic.txt');
    writeFileSync(mfile, `${MNEMONIC}\n`);
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const net = (): string[] => ['--network', 'devnet', '--endpoint', dev.url, '--poll-ms', '20', '--timeout', '20'];
  const cli = (...args: string[]) => capture(() => run([...args, ...net(), '--mnemonic-file', mfile]));

  it('help: the group, an unknown word with --help, and a subcommand', async () => {
    for (const argv of [['--help'], ['frobnicate', '-h']]) {
      const r = await capture(() => run(argv));
      expect(r.code).toBe(EXIT.OK);
      expect(r.stdout.startsWith('usage: chrysalis contracts <command>')).toBe(true);
      expect(r.stdout).toContain('chrysalis contracts channel open');
    }
    const sub = await capture(() => run(['remove-model', '--help']));
    expect(sub.code).toBe(EXIT.OK);
    expect(sub.stdout.startsWith('usage: chrysalis contracts remove-model --registry-address ADDR --id HEX')).toBe(
      true,
    );
    const unknown = await capture(() => run(['frobnicate']));
    expect(unknown.code).toBe(EXIT.USAGE);
    expect(unknown.stderr).toContain("unknown subcommand 'frobnicate'");
  });

  it.each([
    ['an unknown network', ['registry', '--network', 'moonnet', '--registry-address', 'x']],
    ['devnet without --endpoint', ['registry', '--network', 'devnet']],
    ['a bad registry address (testnet by default, nothing sent)', ['registry', '--registry-address', 'nope']],
    ['a bad --timeout', ['registry', '--network', 'devnet', '--endpoint', 'http://127.0.0.1:1', '--timeout', 'soon']],
    ['a bad --poll-ms', ['registry', '--network', 'devnet', '--endpoint', 'http://127.0.0.1:1', '--poll-ms', 'fast']],
  ])('%s is a usage error (exit 2)', async (_what, argv) => {
    const r = await capture(() => run(argv));
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toMatch(/chrysalis contracts [a-z-]+: usage: /);
  });

  it('bad values are usage errors (exit 2) before anything is sent', async () => {
    const reg = dev.registry.toString();
    const cases: string[][] = [
      ['deploy', '--wallet', 'v3'],
      ['deploy', '--value', '-1'],
      ['deploy', '--value', 'lots'],
      ['deploy', '--broker-fee-bps', '10001'],
      ['add-image', '--registry-address', reg],
      ['add-image', '--registry-address', reg, '--id', 'abcd'],
      ['add-model', '--registry-address', reg, '--id', hexId('m'), '--multiplier', 'x'],
      ['add-broker', '--registry-address', reg, '--wallet-address', reg, '--broker-endpoint', 'https://b'],
      ['add-broker', '--registry-address', reg, '--key', hexId('k'), '--wallet-address', 'nope'],
      ['set-log', '--registry-address', reg, '--log', 'nope'],
      ['channel', 'open', '--payee', reg],
      ['channel', 'open', '--payee', reg, '--deposit', '1', '--nonce', 'n'],
      ['channel', 'top-up', '--channel', reg, '--amount', '-3'],
      ['channel', 'status', '--channel', 'nope'],
    ];
    for (const argv of cases) {
      const r = await cli(...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.USAGE });
    }
  });

  it('a mnemonic file that is not a TON mnemonic exits 3', async () => {
    const bad = join(dir, 'bad-mnemonic.txt');
    writeFileSync(bad, `${'abandon '.repeat(24)}\n`);
    const r = await capture(() =>
      run([
        'add-image',
        '--registry-address',
        dev.registry.toString(),
        '--id',
        hexId('i'),
        ...net(),
        '--mnemonic-file',
        bad,
      ]),
    );
    expect(r.code).toBe(EXIT.INPUT);
    expect(r.stderr).toContain('not a valid TON mnemonic');
  });

  it('a v5r1 wallet that does not own the registry is refused by the contract: exit 1 with its exit code', async () => {
    const r = await cli(
      'add-image',
      '--registry-address',
      dev.registry.toString(),
      '--id',
      hexId('v5'),
      '--wallet',
      'v5r1',
    );
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.stderr).toMatch(/refused by the contract: exit code \d+/);
    expect((await chain.readRegistry(dev.registry)).images).not.toContain(hexId('v5'));
  });

  it('--no-wait sends and returns at once', async () => {
    const r = await cli('channel', 'top-up', '--channel', dev.registry.toString(), '--amount', '0.1', '--no-wait');
    expect(r.code).toBe(EXIT.OK);
    expect(r.stderr).toContain('sent (not waiting)');
  });

  it('deploys with every parameter, adds and removes each kind of entry, and hands the registry over', async () => {
    const d = await cli(
      'deploy',
      '--prompt-price-per-token',
      '3000',
      '--completion-price-per-token',
      '9000',
      '--broker-fee-bps',
      '250',
      '--min-broker-stake',
      '5',
      '--min-client-deposit',
      '0.5',
      '--client-close-delay',
      '3600',
      '--worker-close-delay',
      '7200',
      '--value',
      '0.3',
      '--api-key',
      'devnet-key',
    );
    expect(d.code).toBe(EXIT.OK);
    const deployed = JSON.parse(d.stdout) as { registry: string; attestationLog: string };
    const reg = deployed.registry;
    const registry = Address.parse(reg);
    expect((await chain.readRegistry(registry)).params).toEqual({
      promptPricePerToken: 3000n,
      completionPricePerToken: 9000n,
      brokerFeeBps: 250,
      minBrokerStake: toNano('5'),
      minClientDeposit: toNano('0.5'),
      clientCloseDelay: 3600,
      workerCloseDelay: 7200,
    });

    const brokerKey = Buffer.from(keyFromSeed('admin-broker').publicKey).toString('hex');
    const brokerWallet = walletV4Address(keyFromSeed('admin-broker').publicKey).toString();
    for (const argv of [
      ['add-image', '--id', hexId('img')],
      ['add-platform', '--id', hexId('plt')],
      ['add-model', '--id', hexId('mdl')],
      ['add-broker', '--key', brokerKey, '--wallet-address', brokerWallet, '--broker-endpoint', 'https://b.example'],
    ])
      expect((await cli(...argv, '--registry-address', reg)).code).toBe(EXIT.OK);
    let snap = await chain.readRegistry(registry);
    expect(snap.images).toEqual([hexId('img')]);
    expect(snap.platforms).toEqual([hexId('plt')]);
    expect(snap.models).toEqual([{ id: hexId('mdl'), multiplier: 10000 }]);
    expect(snap.brokers.map((b) => b.key)).toEqual([brokerKey]);

    for (const argv of [
      ['remove-image', '--id', hexId('img')],
      ['remove-platform', '--id', hexId('plt')],
      ['remove-model', '--id', hexId('mdl')],
      ['remove-broker', '--key', brokerKey],
      [
        'set-params',
        '--prompt-price-per-token',
        '4000',
        '--min-broker-stake',
        '6',
        '--min-client-deposit',
        '0.25',
        '--client-close-delay',
        '5400',
        '--worker-close-delay',
        '9000',
      ],
      ['set-log', '--log', deployed.attestationLog],
    ])
      expect((await cli(...argv, '--registry-address', reg)).code).toBe(EXIT.OK);
    snap = await chain.readRegistry(registry);
    expect([snap.images, snap.platforms, snap.models, snap.brokers]).toEqual([[], [], [], []]);
    expect(snap.params).toEqual({
      promptPricePerToken: 4000n,
      completionPricePerToken: 9000n, // not given: kept
      brokerFeeBps: 250,
      minBrokerStake: toNano('6'),
      minClientDeposit: toNano('0.25'),
      clientCloseDelay: 5400,
      workerCloseDelay: 9000,
    });

    // Channels: the default close delay without a registry, an explicit one with it.
    const payee = walletV4Address(keyFromSeed('admin-payee').publicKey).toString();
    const open1 = await cli('channel', 'open', '--payee', payee, '--deposit', '1', '--nonce', '1');
    expect(open1.code).toBe(EXIT.OK);
    const ch1 = JSON.parse(open1.stdout) as { channel: string };
    expect((await chain.getChannel(Address.parse(ch1.channel)))?.deposit).toBe(toNano('1'));
    const open2 = await cli(
      'channel',
      'open',
      '--payee',
      payee,
      '--deposit',
      '1',
      '--close-delay',
      '3700',
      '--registry-address',
      reg,
    );
    expect(open2.code).toBe(EXIT.OK);
    expect(JSON.parse(open2.stdout)).toMatchObject({ closeDelay: 3700, deposit: '1' });
    // Without --close-delay: the registry's client close delay.
    const open3 = await cli(
      'channel',
      'open',
      '--payee',
      payee,
      '--deposit',
      '1',
      '--nonce',
      '3',
      '--registry-address',
      reg,
    );
    expect(open3.code).toBe(EXIT.OK);
    expect(JSON.parse(open3.stdout)).toMatchObject({ closeDelay: 5400 });
    // Shorter than MIN_CLOSE_DELAY: refused before anything is sent (such a channel could never hold money).
    for (const argv of [
      ['channel', 'open', '--payee', payee, '--deposit', '1', '--close-delay', '3599'],
      ['set-params', '--registry-address', reg, '--client-close-delay', '60'],
      ['set-params', '--registry-address', reg, '--worker-close-delay', '0'],
    ]) {
      const short = await cli(...argv);
      expect(short.code).toBe(EXIT.USAGE);
      expect(short.stderr).toContain('at least 3600 seconds');
    }
    const none = await cli('channel', 'status', '--channel', new Address(0, Buffer.alloc(32, 8)).toString());
    expect(none.code).toBe(EXIT.REJECTED);
    expect(none.stderr).toContain('channel not deployed');

    // Propose a handover: only the proposed wallet may accept it (test/contracts/registry-cli.test.ts accepts).
    const newOwner = walletV4Address(keyFromSeed('admin-new-owner').publicKey).toString();
    expect((await cli('registry', 'propose-owner', '--new-owner', newOwner, '--registry-address', reg)).code).toBe(
      EXIT.OK,
    );
    const refused = await cli('registry', 'accept-owner', '--registry-address', reg);
    expect(refused.code).toBe(EXIT.REJECTED);
    expect(refused.stderr).toMatch(/refused by the contract: exit code \d+ \(ERR_/);
  });
});
