/**
 * Registry administration in the sandbox: the two-step owner change (propose, accept, cancel) with its refusals,
 * the upgrade path (code only, and code + migrated data) keeping every list and param, and the one-call snapshot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { Address, beginCell, Cell, toNano } from '@ton/core';
import { runTolkCompiler } from '@ton/tolk-js';
import { compileContract, TOLK_DIR } from '../../contracts/wrappers/compile';
import { DEFAULT_PARAMS, Registry, registryConfigToCell, type RegistryState } from '../../contracts/wrappers/registry';
import { ExitCodes, Opcodes } from '../../contracts/constants';
import { hexId, newChain, type Treasury } from './helpers';

/** registry.tolk compiled with another CODE_VERSION: the "v2" an upgrade installs (same storage layout). */
async function compileRegistryRevision(revision: number): Promise<Cell> {
  const entry = join(TOLK_DIR, 'registry.tolk');
  const out = await runTolkCompiler({
    entrypointFileName: entry,
    fsReadCallback: (path: string) => {
      const src = readFileSync(path, 'utf8');
      return path === entry ? src.replace(/^const CODE_VERSION = \d+$/m, `const CODE_VERSION = ${revision}`) : src;
    },
  });
  if (out.status !== 'ok') throw new Error(out.message);
  return Cell.fromBoc(Buffer.from(out.codeBoc64, 'base64'))[0] as Cell;
}

/** Comparable form: addresses as strings (Address instances carry per-instance closures), bigints as strings. */
function plain(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : Address.isAddress(v) ? v.toString() : v,
    ),
  );
}

/** The storage a migration writes: the current state with `version + 1` and `change` applied. */
function migrated(s: RegistryState, change: Partial<Parameters<typeof registryConfigToCell>[0]> = {}): Cell {
  return registryConfigToCell({
    owner: s.owner,
    params: s.params,
    attestationLog: s.attestationLog,
    images: s.images,
    platforms: s.platforms,
    models: s.models,
    brokers: s.brokers,
    version: s.version + 1,
    ...change,
  });
}

describe('Registry administration', () => {
  let code: Cell;
  let v2: Cell;
  let bc: Blockchain;
  let owner: Treasury;
  let next: Treasury;
  let stranger: Treasury;
  let registry: SandboxContract<Registry>;

  beforeAll(async () => {
    code = await compileContract('registry');
    v2 = await compileRegistryRevision(2);
  });

  beforeEach(async () => {
    bc = await newChain();
    owner = await bc.treasury('owner');
    next = await bc.treasury('next-owner');
    stranger = await bc.treasury('stranger');
    registry = bc.openContract(Registry.createFromConfig({ owner: owner.address, params: DEFAULT_PARAMS }, code));
    await registry.sendDeploy(owner.getSender(), toNano('0.5'));
  });

  const refused = (r: { transactions: unknown }, from: Treasury, exitCode: number): void =>
    expect(r.transactions).toHaveTransaction({ from: from.address, to: registry.address, success: false, exitCode });

  it('hands over in two steps: propose (owner unchanged), accept by the proposed address only', async () => {
    let r = await registry.sendProposeOwner(owner.getSender(), { newOwner: next.address });
    expect(r.transactions).toHaveTransaction({ from: registry.address, to: owner.address, op: Opcodes.excesses });
    let s = await registry.getState();
    expect(s.owner.equals(owner.address)).toBe(true);
    expect(s.pendingOwner?.equals(next.address)).toBe(true);
    expect(s.version).toBe(1);

    // Hostile: a stranger and the current owner cannot accept on the proposed address's behalf.
    refused(await registry.sendAcceptOwner(stranger.getSender()), stranger, ExitCodes.ERR_NOT_PROPOSED_OWNER);
    refused(await registry.sendAcceptOwner(owner.getSender()), owner, ExitCodes.ERR_NOT_PROPOSED_OWNER);
    // Until accepted, the old owner still governs.
    await registry.sendAddImage(owner.getSender(), { imageId: hexId('before') });
    expect(await registry.getImageAllowed(hexId('before'))).toBe(true);

    r = await registry.sendAcceptOwner(next.getSender());
    expect(r.transactions).toHaveTransaction({ from: next.address, to: registry.address, success: true });
    s = await registry.getState();
    expect(s.owner.equals(next.address)).toBe(true);
    expect(s.pendingOwner).toBeNull();
    expect(s.version).toBe(3);
    refused(await registry.sendAddImage(owner.getSender(), { imageId: hexId('late') }), owner, ExitCodes.ERR_NOT_OWNER);
    refused(await registry.sendAcceptOwner(next.getSender()), next, ExitCodes.ERR_NO_PROPOSED_OWNER);
    await registry.sendAddImage(next.getSender(), { imageId: hexId('after') });
    expect(await registry.getImageAllowed(hexId('after'))).toBe(true);
  });

  it('a proposal not accepted changes nothing; the owner can replace or cancel it', async () => {
    refused(await registry.sendCancelOwner(owner.getSender()), owner, ExitCodes.ERR_NO_PROPOSED_OWNER);
    refused(await registry.sendAcceptOwner(next.getSender()), next, ExitCodes.ERR_NO_PROPOSED_OWNER);
    refused(
      await registry.sendProposeOwner(stranger.getSender(), { newOwner: stranger.address }),
      stranger,
      ExitCodes.ERR_NOT_OWNER,
    );
    await registry.sendProposeOwner(owner.getSender(), { newOwner: stranger.address });
    await registry.sendProposeOwner(owner.getSender(), { newOwner: next.address }); // replaces the first proposal
    refused(await registry.sendAcceptOwner(stranger.getSender()), stranger, ExitCodes.ERR_NOT_PROPOSED_OWNER);
    refused(await registry.sendCancelOwner(next.getSender()), next, ExitCodes.ERR_NOT_OWNER);
    await registry.sendCancelOwner(owner.getSender());
    refused(await registry.sendAcceptOwner(next.getSender()), next, ExitCodes.ERR_NO_PROPOSED_OWNER);
    const s = await registry.getState();
    expect(s.owner.equals(owner.address)).toBe(true);
    expect(s.pendingOwner).toBeNull();
    expect(s.version).toBe(3);
  });

  /** A populated v1: one of everything, custom params, a log address. */
  async function populate(): Promise<RegistryState> {
    const o = owner.getSender();
    await registry.sendAddImage(o, { imageId: hexId('img') });
    await registry.sendAddPlatform(o, { platformId: hexId('plt') });
    await registry.sendAddModel(o, { modelId: hexId('mdl'), multiplier: 15000 });
    await registry.sendAddBroker(o, {
      brokerKey: hexId('brk'),
      wallet: stranger.address,
      endpoint: 'https://b.example',
    });
    await registry.sendSetParams(o, { params: { ...DEFAULT_PARAMS, brokerFeeBps: 250 } });
    await registry.sendSetAttestationLog(o, { log: next.address });
    return registry.getState();
  }

  it('upgrades the code and keeps every list, param and the log; the version bumps; get-methods answer', async () => {
    const before = await populate();
    expect(await registry.getCodeVersion()).toBe(1);
    const r = await registry.sendUpgrade(owner.getSender(), { code: v2, value: toNano('0.1') });
    expect(r.transactions).toHaveTransaction({ from: owner.address, to: registry.address, success: true });
    expect(await registry.getCodeVersion()).toBe(2);
    const after = await registry.getState();
    expect(plain(after)).toEqual(plain({ ...before, version: before.version + 1 }));
    expect(await registry.getImageAllowed(hexId('img'))).toBe(true);
    expect(await registry.getModelMultiplier(hexId('mdl'))).toBe(15000);
    expect((await registry.getBroker(hexId('brk')))?.endpoint).toBe('https://b.example');
    expect((await registry.getParams()).brokerFeeBps).toBe(250);
    // The new code governs: owner operations still work, and a second upgrade goes back.
    await registry.sendRemoveImage(owner.getSender(), { imageId: hexId('img') });
    expect(await registry.getImageAllowed(hexId('img'))).toBe(false);
    await registry.sendUpgrade(owner.getSender(), { code, value: toNano('0.1') });
    expect(await registry.getCodeVersion()).toBe(1);
    expect(await registry.getVersion()).toBe(before.version + 3);
  });

  it('upgrades with migrated data that keeps the owner and carries version + 1', async () => {
    const before = await populate();
    const data = migrated(before, { images: [...before.images, hexId('migrated')] });
    await registry.sendUpgrade(owner.getSender(), { code: v2, data, value: toNano('0.1') });
    expect(await registry.getCodeVersion()).toBe(2);
    const after = await registry.getState();
    expect(after.version).toBe(before.version + 1);
    expect([...after.images].sort()).toEqual([hexId('img'), hexId('migrated')].sort());
    expect(plain(after.brokers)).toEqual(plain(before.brokers));
  });

  it('refuses an upgrade from a non-owner and migrated data that drops the owner or the version bump', async () => {
    const before = await populate();
    refused(await registry.sendUpgrade(stranger.getSender(), { code: v2 }), stranger, ExitCodes.ERR_NOT_OWNER);
    const bad = [
      migrated(before, { owner: stranger.address }),
      migrated(before, { version: before.version }), // stale: computed from an older snapshot
      migrated(before, { version: before.version + 2 }),
      beginCell().storeUint(0, 8).endCell(), // not even a header: the compute phase fails (cell underflow)
    ];
    for (const data of bad) {
      const r = await registry.sendUpgrade(owner.getSender(), { code: v2, data, value: toNano('0.1') });
      expect(r.transactions).toHaveTransaction({ from: owner.address, to: registry.address, success: false });
    }
    const r = await registry.sendUpgrade(owner.getSender(), { code: v2, data: bad[0] as Cell, value: toNano('0.1') });
    refused(r, owner, ExitCodes.ERR_BAD_MIGRATION);
    expect(await registry.getCodeVersion()).toBe(1);
    expect(plain(await registry.getState())).toEqual(plain(before));
  });

  it('the snapshot agrees with the single-field get-methods', async () => {
    await populate();
    await registry.sendProposeOwner(owner.getSender(), { newOwner: next.address });
    const s = await registry.getState();
    const d = await registry.getRegistryData();
    expect(plain({ owner: s.owner, version: s.version, attestationLog: s.attestationLog })).toEqual(plain(d));
    expect(s.params).toEqual(await registry.getParams());
    expect(plain({ images: s.images, platforms: s.platforms, models: s.models, brokers: s.brokers })).toEqual(
      plain(await registry.getLists()),
    );
    expect(s.pendingOwner?.equals(next.address)).toBe(true);
  });
});
