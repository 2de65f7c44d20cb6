/** `chrysalis contracts registry propose-owner | accept-owner | cancel-owner | upgrade`: the Registry's administration. */
import { readFileSync } from 'node:fs';
import { type Address, Cell } from '@ton/core';
import { compileContract } from '../../contracts/wrappers/compile';
import { Registry } from '../../contracts/wrappers/registry';
import { inputError, usageError } from '../exit';
import { addr, out } from './args';
import type { Ctx } from './context';
import type { Values } from './options';

/** `--code FILE` / `--data FILE`: one BoC, binary or as hex / base64 text. */
function bocFile(path: string, flag: 'code' | 'data'): Cell {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw inputError(`cannot read --${flag} ${path}`, e);
  }
  const text = raw.toString('utf8').trim();
  const bytes = /^([0-9a-fA-F]{2})+$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/=\s]+$/.test(text)
      ? Buffer.from(text, 'base64')
      : raw;
  try {
    const [root] = Cell.fromBoc(bytes);
    if (!root) throw new Error('empty BoC');
    return root;
  } catch (e) {
    throw inputError(`--${flag} ${path}: not a BoC`, e);
  }
}

/**
 * The two-step owner change and the code upgrade. Each sends one message from the --mnemonic-file wallet: the owner's
 * for propose / cancel / upgrade, the proposed owner's for accept. The contract refuses anyone else (exit 1 with
 * ERR_NOT_OWNER, ERR_NOT_PROPOSED_OWNER or ERR_NO_PROPOSED_OWNER).
 */
export async function registryAdminCommand(
  ctx: Ctx,
  sub: string,
  v: Values,
  value: bigint | undefined,
): Promise<number> {
  const withValue = value !== undefined ? { value } : {};
  const registry: Address = addr(v, 'registry-address');
  const reg = ctx.chain.open(Registry.createFromAddress(registry));
  switch (sub) {
    case 'propose-owner': {
      const newOwner = addr(v, 'new-owner');
      return ctx.send(registry, (w) => reg.sendProposeOwner(w.sender, { newOwner, ...withValue }));
    }
    case 'accept-owner':
      return ctx.send(registry, (w) => reg.sendAcceptOwner(w.sender, withValue));
    case 'cancel-owner':
      return ctx.send(registry, (w) => reg.sendCancelOwner(w.sender, withValue));
    case 'upgrade': {
      const code = v.code ? bocFile(v.code, 'code') : await compileContract('registry');
      const data = v.data ? bocFile(v.data, 'data') : null;
      const rc = await ctx.send(registry, (w) => reg.sendUpgrade(w.sender, { code, data, ...withValue }));
      if (rc === 0 && !v['no-wait']) out({ registry, codeHash: code.hash().toString('hex') });
      return rc;
    }
    default:
      throw usageError(`unknown subcommand 'registry ${sub}'`);
  }
}
