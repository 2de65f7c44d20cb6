import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address, toNano } from '@ton/core';
import { mnemonicToPrivateKey } from '@ton/crypto';
import { run } from '../../cli/contracts';
import { type DevnetChain, startDevnetChain, walletV4Address } from '../../devnet/chain/sandbox-chain';
import { TonChainClient } from '../../contracts/chain/ton-client';
import { encodeVoucherBoc, signVoucher } from '../../contracts/voucher';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { hexId, keyFromSeed } from './helpers';
import { VECTOR_ID, writeVector } from '../worker/model-id-fixture';

// A throwaway devnet-only mnemonic (never funded anywhere real).
const MNEMONIC =
  'theory island author address edge stone mansion vendor switch tornado limit bag sausage syrup valid supply invite eye spell van economy address noble correct';

describe('chrysalis contracts CLI against the devnet HTTP API', () => {
  let dev: DevnetChain;
  let dir: string;
  let mfile: string;
  let chain: TonChainClient;
  let stdout: string[];
  let stderr: string[];
  let outSpy: jest.SpyInstance;
  let errSpy: jest.SpyInstance;

  beforeAll(async () => {
    const kp = await mnemonicToPrivateKey(MNEMONIC.split(' '));
    dev = await startDevnetChain({ fundWallets: [kp.publicKey] });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-'));
    mfile = join(dir, 'mnemonic.txt');
    writeFileSync(mfile, MNEMONIC + '\n');
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stdout = [];
    stderr = [];
    outSpy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((s: string | Uint8Array) => (stdout.push(String(s)), true));
    errSpy = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation((s: string | Uint8Array) => (stderr.push(String(s)), true));
  });
  afterEach(() => {
    outSpy.mockRestore();
    errSpy.mockRestore();
  });

  const cli = (...args: string[]): Promise<number> =>
    run([
      ...args,
      '--network',
      'devnet',
      '--endpoint',
      dev.url,
      '--mnemonic-file',
      mfile,
      '--poll-ms',
      '20',
      '--timeout',
      '20',
    ]);

  it('deploys, administers the registry, and opens / tops up / closes a channel', async () => {
    expect(
      await cli(
        'deploy',
        '--prompt-price-per-token',
        '2000',
        '--completion-price-per-token',
        '6000',
        '--client-close-delay',
        '7200',
      ),
    ).toBe(0);
    const deployed = JSON.parse(stdout.join('')) as { registry: string; attestationLog: string; owner: string };
    const registry = Address.parse(deployed.registry);
    stdout.length = 0;

    expect(await cli('add-image', '--registry-address', deployed.registry, '--id', hexId('img'))).toBe(0);
    expect(await cli('add-platform', '--registry-address', deployed.registry, '--id', hexId('plt'))).toBe(0);
    expect(
      await cli('add-model', '--registry-address', deployed.registry, '--id', hexId('mdl'), '--multiplier', '15000'),
    ).toBe(0);
    const brokerKey = Buffer.from(keyFromSeed('cli-broker').publicKey).toString('hex');
    const brokerWallet = walletV4Address(keyFromSeed('cli-broker').publicKey).toString();
    expect(
      await cli(
        'add-broker',
        '--registry-address',
        deployed.registry,
        '--key',
        brokerKey,
        '--wallet-address',
        brokerWallet,
        '--broker-endpoint',
        'wss://b.example',
      ),
    ).toBe(0);
    expect(await cli('set-params', '--registry-address', deployed.registry, '--broker-fee-bps', '500')).toBe(0);
    // Refused on chain (fee > 100 %): exit 1 with the contract's code.
    expect(await cli('set-params', '--registry-address', deployed.registry, '--broker-fee-bps', '20000')).toBe(1);
    expect(stderr.join('')).toContain('ERR_BAD_PARAMS');

    const snap = await chain.readRegistry(registry);
    expect(snap.images).toEqual([hexId('img')]);
    expect(snap.platforms).toEqual([hexId('plt')]);
    expect(snap.models).toEqual([{ id: hexId('mdl'), multiplier: 15000 }]);
    expect(snap.brokers.map((b) => [b.key, b.endpoint])).toEqual([[brokerKey, 'wss://b.example']]);
    expect(snap.params).toMatchObject({
      promptPricePerToken: 2000n,
      completionPricePerToken: 6000n,
      brokerFeeBps: 500,
      clientCloseDelay: 7200,
    });
    expect(snap.attestationLog?.toString()).toBe(Address.parse(deployed.attestationLog).toString());

    expect(await cli('registry', '--registry-address', deployed.registry)).toBe(0);
    // The dump carries each model's two prices (base x multiplier 15000 / 10000, rounded up), decimal strings.
    expect(JSON.parse(stdout.join('')).modelPrices).toEqual({
      [hexId('mdl')]: { promptNano: '3000', completionNano: '9000' },
    });
    stdout.length = 0;

    // a model added and removed by its directory: the id the worker computes for it (docs/model-id.md)
    const modelDir = writeVector();
    expect(await cli('add-model', '--registry-address', deployed.registry, '--model-dir', modelDir)).toBe(0);
    expect((await chain.readRegistry(registry)).models).toContainEqual({ id: VECTOR_ID, multiplier: 10000 });
    expect(await cli('remove-model', '--registry-address', deployed.registry, '--model-dir', modelDir)).toBe(0);
    expect((await chain.readRegistry(registry)).models).toEqual([{ id: hexId('mdl'), multiplier: 15000 }]);
    const both = ['--model-dir', modelDir, '--id', VECTOR_ID];
    expect(await cli('add-model', '--registry-address', deployed.registry, ...both)).toBe(2);
    stdout.length = 0;

    const payee = walletV4Address(keyFromSeed('cli-payee').publicKey).toString();
    expect(
      await cli(
        'channel',
        'open',
        '--payee',
        payee,
        '--deposit',
        '2.5',
        '--registry-address',
        deployed.registry,
        '--nonce',
        '5',
      ),
    ).toBe(0);
    const opened = JSON.parse(stdout.join('')) as { channel: string; closeDelay: number };
    expect(opened.closeDelay).toBe(7200);
    expect(await cli('channel', 'top-up', '--channel', opened.channel, '--amount', '0.5')).toBe(0);
    expect(await chain.getChannel(Address.parse(opened.channel))).toMatchObject({
      deposit: toNano('3'),
      status: 'open',
    });
    expect(await cli('channel', 'close', '--channel', opened.channel)).toBe(0);
    expect(await cli('channel', 'finish', '--channel', opened.channel)).toBe(1); // too early
    expect(stderr.join('')).toContain('ERR_TOO_EARLY');
    expect(await cli('channel', 'status', '--channel', opened.channel)).toBe(0);
  });

  it('channel claim: any wallet claims a voucher; the payee receives exactly the delta', async () => {
    const kp = await mnemonicToPrivateKey(MNEMONIC.split(' '));
    // An active payee wallet (a bounceable payout to an address with no contract would bounce back).
    const owner = keyFromSeed('cli-claim-owner');
    const payee = walletV4Address(owner.publicKey);
    await dev.fund(payee, toNano('1'));
    const ow = await chain.walletSender(owner);
    await ow.sender.send({ to: payee, value: toNano('0.01') });
    await ow.waitForSeqno(0, { intervalMs: 20, timeoutMs: 5000 });
    expect(
      await cli(
        'channel',
        'open',
        '--payee',
        payee.toString(),
        '--deposit',
        '2',
        '--close-delay',
        '3600',
        '--nonce',
        '9',
      ),
    ).toBe(0);
    const channel = Address.parse((JSON.parse(stdout.join('')) as { channel: string }).channel);
    stdout.length = 0;
    const voucher = (amount: bigint, seq: bigint) =>
      signVoucher({ channel, globalId: NETWORK_GLOBAL_ID.devnet, amount, seq }, kp.secretKey);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

    // The payer's own wallet sends the claim (a third party to the payee); the voucher given as hex.
    const v1 = voucher(toNano('0.75'), 1n);
    const before = await chain.getBalance(payee);
    expect(
      await cli(
        'channel',
        'claim',
        '--channel',
        channel.toString(),
        '--voucher',
        hex(encodeVoucherBoc(v1)),
        '--signature',
        hex(v1.signature),
      ),
    ).toBe(0);
    expect(JSON.parse(stdout.join(''))).toMatchObject({ amount: '0.75', delta: '0.75', seq: '1' });
    stdout.length = 0;
    expect((await chain.getChannel(channel))?.claimed).toBe(toNano('0.75'));
    const gained = (await chain.getBalance(payee)) - before;
    expect(gained > toNano('0.749') && gained <= toNano('0.75')).toBe(true); // exactly delta, less its own receive fee

    // The voucher from a file (base64 text); a stale one is refused off-chain before anything is sent.
    const v2 = voucher(toNano('1'), 2n);
    const file = join(dir, 'voucher.b64');
    writeFileSync(file, Buffer.from(encodeVoucherBoc(v2)).toString('base64'));
    expect(
      await cli(
        'channel',
        'claim',
        '--channel',
        channel.toString(),
        '--voucher',
        file,
        '--signature',
        hex(v2.signature),
      ),
    ).toBe(0);
    expect((await chain.getChannel(channel))?.claimed).toBe(toNano('1'));
    const binFile = join(dir, 'voucher.boc');
    writeFileSync(binFile, encodeVoucherBoc(v1));
    expect(
      await cli(
        'channel',
        'claim',
        '--channel',
        channel.toString(),
        '--voucher',
        binFile,
        '--signature',
        hex(v1.signature),
      ),
    ).not.toBe(0);
    expect((await chain.getChannel(channel))?.claimed).toBe(toNano('1'));

    // Bad input: usage errors (2), an unreadable file (3).
    expect(
      await cli(
        'channel',
        'claim',
        '--channel',
        channel.toString(),
        '--voucher',
        'abcd',
        '--signature',
        hex(v2.signature),
      ),
    ).toBe(2);
    expect(
      await cli(
        'channel',
        'claim',
        '--channel',
        channel.toString(),
        '--voucher',
        hex(encodeVoucherBoc(v2)),
        '--signature',
        'zz',
      ),
    ).toBe(2);
    expect(
      await cli(
        'channel',
        'claim',
        '--channel',
        channel.toString(),
        '--voucher',
        join(dir, 'missing'),
        '--signature',
        hex(v2.signature),
      ),
    ).toBe(3);
  });

  it('exits 2 on bad usage, 3 on an unreadable mnemonic file', async () => {
    expect(await run([])).toBe(2);
    expect(await run(['bogus', '--network', 'devnet', '--endpoint', dev.url])).toBe(2);
    expect(
      await run([
        'add-image',
        '--network',
        'devnet',
        '--endpoint',
        dev.url,
        '--mnemonic-file',
        mfile,
        '--registry-address',
        'nope',
        '--id',
        hexId('x'),
      ]),
    ).toBe(2);
    expect(
      await run([
        'add-image',
        '--network',
        'devnet',
        '--endpoint',
        dev.url,
        '--mnemonic-file',
        join(dir, 'missing'),
        '--registry-address',
        dev.registry.toString(),
        '--id',
        hexId('x'),
      ]),
    ).toBe(3); // unreadable input
    expect(await run(['deploy', '--network', 'devnet'])).toBe(2);
    expect(await run(['--unknown-flag'])).toBe(2);
  });
});
