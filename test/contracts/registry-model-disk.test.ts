/**
 * The model-disk root hash beside each model id: set by AddModel (optional trailing 256 bits), read back by
 * `get_model`, `get_lists` and `get_snapshot`, and through `chrysalis contracts registry add-model --disk-root-hash`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { beginCell, type Cell, toNano } from '@ton/core';
import { mnemonicToPrivateKey } from '@ton/crypto';
import { compileContract } from '../../contracts/wrappers/compile';
import {
  DEFAULT_PARAMS,
  parseRegistryData,
  Registry,
  registryAllowlists,
  registryConfigToCell,
} from '../../contracts/wrappers/registry';
import { ExitCodes, Opcodes } from '../../contracts/constants';
import { run } from '../../cli/contracts';
import { parseRegistryJson, toVerifyRegistry } from '../../cli/registry-source';
import { type DevnetChain, startDevnetChain } from '../../devnet/chain/sandbox-chain';
import { hexId, newChain, type Treasury } from './helpers';

const ROOT = 'cd'.repeat(32);

describe('Registry: model-disk root hash', () => {
  let code: Cell;
  let bc: Blockchain;
  let owner: Treasury;
  let registry: SandboxContract<Registry>;

  beforeAll(async () => {
    code = await compileContract('registry');
  });

  beforeEach(async () => {
    bc = await newChain();
    owner = await bc.treasury('owner');
    registry = bc.openContract(Registry.createFromConfig({ owner: owner.address, params: DEFAULT_PARAMS }, code));
    await registry.sendDeploy(owner.getSender(), toNano('0.5'));
  });

  it('sets the hash with the model and reads it back from get_model, get_lists and get_snapshot', async () => {
    const mdl = hexId('model-disk');
    const plain = hexId('model-plain');
    await registry.sendAddModel(owner.getSender(), { modelId: mdl, multiplier: 12000, diskRootHash: ROOT });
    // The earlier body layout (no hash after the multiplier) still adds a model, with no hash listed.
    await registry.sendAddModel(owner.getSender(), { modelId: plain, multiplier: 10000 });
    expect(await registry.getVersion()).toBe(2);
    expect(await registry.getModel(mdl)).toEqual({ id: mdl, multiplier: 12000, diskRootHash: ROOT });
    expect(await registry.getModel(plain)).toEqual({ id: plain, multiplier: 10000 });
    expect(await registry.getModel(hexId('absent'))).toBeNull();
    expect(await registry.getModelMultiplier(mdl)).toBe(12000);
    const models = [
      { id: mdl, multiplier: 12000, diskRootHash: ROOT },
      { id: plain, multiplier: 10000 },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect((await registry.getLists()).models).toEqual(models);
    const state = await registry.getState();
    expect(state.models).toEqual(models);
    expect(registryAllowlists(state).modelDiskRootHashes).toEqual({ [mdl]: ROOT });
  });

  it('re-adding a model replaces its hash; removing it removes both', async () => {
    const mdl = hexId('model-disk');
    await registry.sendAddModel(owner.getSender(), { modelId: mdl, multiplier: 10000, diskRootHash: ROOT });
    await registry.sendAddModel(owner.getSender(), { modelId: mdl, multiplier: 10000, diskRootHash: 'ef'.repeat(32) });
    expect((await registry.getModel(mdl))?.diskRootHash).toBe('ef'.repeat(32));
    await registry.sendAddModel(owner.getSender(), { modelId: mdl, multiplier: 10000 });
    expect(await registry.getModel(mdl)).toEqual({ id: mdl, multiplier: 10000 });
    await registry.sendRemoveModel(owner.getSender(), { modelId: mdl });
    expect(await registry.getModel(mdl)).toBeNull();
    expect(await registry.getVersion()).toBe(4);
  });

  it('refuses a body with anything but exactly 256 bits after the multiplier (ERR_BAD_PARAMS), and strangers', async () => {
    const head = (b: ReturnType<typeof beginCell>): ReturnType<typeof beginCell> =>
      b
        .storeUint(Opcodes.addModel, 32)
        .storeUint(0, 64)
        .storeUint(BigInt('0x' + hexId('m')), 256)
        .storeUint(1, 32);
    const bodies = [
      head(beginCell()).storeUint(1, 8).endCell(),
      head(beginCell()).storeUint(1, 256).storeUint(0, 1).endCell(),
      head(beginCell()).storeUint(1, 256).storeRef(beginCell().endCell()).endCell(),
    ];
    for (const body of bodies) {
      const r = await owner.send({ to: registry.address, value: toNano('0.05'), body });
      expect(r.transactions).toHaveTransaction({
        to: registry.address,
        success: false,
        exitCode: ExitCodes.ERR_BAD_PARAMS,
      });
    }
    const stranger = await bc.treasury('stranger');
    const r = await registry.sendAddModel(stranger.getSender(), {
      modelId: hexId('m'),
      multiplier: 1,
      diskRootHash: ROOT,
    });
    expect(r.transactions).toHaveTransaction({
      to: registry.address,
      success: false,
      exitCode: ExitCodes.ERR_NOT_OWNER,
    });
    expect(await registry.getVersion()).toBe(0);
  });

  it('the init data cell carries the hash (registryConfigToCell / parseRegistryData round trip)', async () => {
    const cfg = {
      owner: owner.address,
      params: DEFAULT_PARAMS,
      models: [
        { id: hexId('a'), multiplier: 1, diskRootHash: ROOT },
        { id: hexId('b'), multiplier: 2 },
      ],
    };
    const parsed = parseRegistryData(registryConfigToCell(cfg));
    expect(parsed.models).toEqual(
      [
        { id: hexId('a'), multiplier: 1, diskRootHash: ROOT },
        { id: hexId('b'), multiplier: 2 },
      ].sort((x, y) => (x.id < y.id ? -1 : 1)),
    );
    const deployed = bc.openContract(Registry.createFromConfig({ ...cfg, version: 7 }, code));
    await deployed.sendDeploy(owner.getSender(), toNano('0.5'));
    expect(await deployed.getModel(hexId('a'))).toEqual({ id: hexId('a'), multiplier: 1, diskRootHash: ROOT });
  });
});

// A throwaway devnet-only mnemonic (never funded anywhere real).
const MNEMONIC =
  'theory island author address edge stone mansion vendor switch tornado limit bag sausage syrup valid supply invite eye spell van economy address noble correct';

describe('chrysalis contracts add-model --disk-root-hash', () => {
  let dev: DevnetChain;
  let dir: string;
  let mfile: string;
  let stdout: string[];
  let spies: jest.SpyInstance[];

  beforeAll(async () => {
    const kp = await mnemonicToPrivateKey(MNEMONIC.split(' '));
    dev = await startDevnetChain({ fundWallets: [kp.publicKey] });
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-disk-'));
    mfile = join(dir, 'mnemonic.txt');
    writeFileSync(mfile, MNEMONIC + '\n');
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stdout = [];
    spies = [
      jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((s: string | Uint8Array) => (stdout.push(String(s)), true)),
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
  });
  afterEach(() => spies.forEach((s) => s.mockRestore()));

  const cli = (...args: string[]): Promise<number> =>
    run([...args, '--network', 'devnet', '--endpoint', dev.url, '--mnemonic-file', mfile, '--poll-ms', '20']);

  it('lists the hash, prints it in the registry dump, and the dump feeds the verifier snapshot', async () => {
    expect(await cli('deploy')).toBe(0);
    const reg = (JSON.parse(stdout.join('')) as { registry: string }).registry;
    const mdl = hexId('cli-model');
    expect(await cli('add-model', '--registry-address', reg, '--id', mdl, '--disk-root-hash', ROOT.toUpperCase())).toBe(
      0,
    );
    expect(await cli('add-model', '--registry-address', reg, '--id', hexId('x'), '--disk-root-hash', 'ab')).toBe(2);
    stdout.length = 0;
    expect(await cli('registry', '--registry-address', reg)).toBe(0);
    const text = stdout.join('');
    expect(JSON.parse(text).models).toEqual([{ id: mdl, multiplier: 10000, diskRootHash: ROOT }]);
    const loaded = parseRegistryJson(text, 'registry.json');
    expect(toVerifyRegistry(loaded).modelDiskRootHashes).toEqual({ [mdl]: ROOT });
    const bad = text.replace(ROOT, 'zz');
    expect(() => parseRegistryJson(bad, 'registry.json')).toThrow(
      expect.objectContaining({ code: 'CLI_REGISTRY_FILE_INVALID' }),
    );
  });
});
