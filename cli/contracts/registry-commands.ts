/** `chrysalis contracts deploy | add-* | remove-* | set-params | set-log | registry [admin]`. */
import { type Address, type OpenedContract, toNano } from '@ton/core';
import { compileAll } from '../../contracts/wrappers/compile';
import { DEFAULT_PARAMS, Registry, type RegistryParams } from '../../contracts/wrappers/registry';
import { AttestationLog } from '../../contracts/wrappers/attestation-log';
import { registryModelPrices } from '../../contracts/pricing';
import { modelIdOfDir } from '../../enclave-runtime/model/model-id';
import { usageError } from '../exit';
import { addr, closeDelayFlag, hex256, int, need, out, ton } from './args';
import { currentParams, type Ctx } from './context';
import { registryAdminCommand } from './registry-admin-commands';
import type { Values } from './options';

/** `--id HEX`, or the model id of `--model-dir DIR` (docs/model-id.md); not both. */
async function modelIdArg(v: Values): Promise<string> {
  const dir = v['model-dir'];
  if (dir === undefined) return hex256(v, 'id');
  if (v.id !== undefined) throw usageError('give --id or --model-dir, not both');
  return modelIdOfDir(dir);
}

function nano(v: Values, name: 'prompt-price-per-token' | 'completion-price-per-token', base: bigint): bigint {
  const n = int(v[name], name, Number.MAX_SAFE_INTEGER);
  return n !== undefined ? BigInt(n) : base;
}

/** The Registry parameters from the flags; a flag not given keeps its value in `base`. */
function readParams(v: Values, base: RegistryParams, maxFeeBps: number): RegistryParams {
  return {
    promptPricePerToken: nano(v, 'prompt-price-per-token', base.promptPricePerToken),
    completionPricePerToken: nano(v, 'completion-price-per-token', base.completionPricePerToken),
    brokerFeeBps: int(v['broker-fee-bps'], 'broker-fee-bps', maxFeeBps) ?? base.brokerFeeBps,
    minBrokerStake: v['min-broker-stake'] ? ton(v['min-broker-stake'], 'min-broker-stake') : base.minBrokerStake,
    minClientDeposit: v['min-client-deposit']
      ? ton(v['min-client-deposit'], 'min-client-deposit')
      : base.minClientDeposit,
    clientCloseDelay: closeDelayFlag(v['client-close-delay'], 'client-close-delay') ?? base.clientCloseDelay,
    workerCloseDelay: closeDelayFlag(v['worker-close-delay'], 'worker-close-delay') ?? base.workerCloseDelay,
  };
}

/** Deploys a Registry and its AttestationLog, links them, and prints the addresses. */
export async function deployCommand(ctx: Ctx, v: Values, value: bigint | undefined): Promise<number> {
  const { w } = await ctx.wallet();
  const codes = await compileAll();
  const params = readParams(v, DEFAULT_PARAMS, 10000);
  const registry = ctx.chain.open(Registry.createFromConfig({ owner: w.address, params }, codes.registry));
  const log = ctx.chain.open(AttestationLog.createFromConfig({ registry: registry.address }, codes.attestationLog));
  let rc = await ctx.send(registry.address, (ww) => registry.sendDeploy(ww.sender, value ?? toNano('0.2')));
  if (rc !== 0) return rc;
  rc = await ctx.send(log.address, (ww) => log.sendDeploy(ww.sender, value ?? toNano('0.2')));
  if (rc !== 0) return rc;
  rc = await ctx.send(registry.address, (ww) => registry.sendSetAttestationLog(ww.sender, { log: log.address }));
  if (rc !== 0) return rc;
  out({
    network: ctx.chain.network,
    owner: w.address,
    registry: registry.address,
    attestationLog: log.address,
    params,
  });
  return 0;
}

/** The owner's Registry operations (one message each) and the read-only `registry` dump. */
export async function registryCommand(
  ctx: Ctx,
  sub: readonly string[],
  v: Values,
  value: bigint | undefined,
): Promise<number> {
  const withValue = value !== undefined ? { value } : {};
  const reg = (): OpenedContract<Registry> => ctx.chain.open(Registry.createFromAddress(addr(v, 'registry-address')));
  const registryAddr = (): Address => addr(v, 'registry-address');
  switch (sub[0]) {
    case 'add-image':
      return ctx.send(registryAddr(), (w) => reg().sendAddImage(w.sender, { imageId: hex256(v, 'id'), ...withValue }));
    case 'remove-image':
      return ctx.send(registryAddr(), (w) =>
        reg().sendRemoveImage(w.sender, { imageId: hex256(v, 'id'), ...withValue }),
      );
    case 'add-platform':
      return ctx.send(registryAddr(), (w) =>
        reg().sendAddPlatform(w.sender, { platformId: hex256(v, 'id'), ...withValue }),
      );
    case 'remove-platform':
      return ctx.send(registryAddr(), (w) =>
        reg().sendRemovePlatform(w.sender, { platformId: hex256(v, 'id'), ...withValue }),
      );
    case 'add-model': {
      const multiplier = int(v.multiplier, 'multiplier', 2 ** 32 - 1) ?? 10000;
      const modelId = await modelIdArg(v);
      const disk = v['disk-root-hash'] !== undefined ? { diskRootHash: hex256(v, 'disk-root-hash') } : {};
      return ctx.send(registryAddr(), (w) =>
        reg().sendAddModel(w.sender, { modelId, multiplier, ...disk, ...withValue }),
      );
    }
    case 'remove-model': {
      const modelId = await modelIdArg(v);
      return ctx.send(registryAddr(), (w) => reg().sendRemoveModel(w.sender, { modelId, ...withValue }));
    }
    case 'add-broker': {
      const brokerKey = hex256(v, 'key');
      const walletAddress = addr(v, 'wallet-address');
      const endpoint = need(v, 'broker-endpoint');
      return ctx.send(registryAddr(), (w) =>
        reg().sendAddBroker(w.sender, { brokerKey, wallet: walletAddress, endpoint, ...withValue }),
      );
    }
    case 'remove-broker':
      return ctx.send(registryAddr(), (w) =>
        reg().sendRemoveBroker(w.sender, { brokerKey: hex256(v, 'key'), ...withValue }),
      );
    case 'set-params': {
      const params = readParams(v, await currentParams(ctx, registryAddr()), 65535);
      return ctx.send(registryAddr(), (w) => reg().sendSetParams(w.sender, { params, ...withValue }));
    }
    case 'set-log':
      return ctx.send(registryAddr(), (w) =>
        reg().sendSetAttestationLog(w.sender, { log: addr(v, 'log'), ...withValue }),
      );
    case 'registry': {
      if (sub[1] !== undefined) return registryAdminCommand(ctx, sub[1], v, value);
      const snap = await ctx.chain.readRegistry(registryAddr());
      out({ ...snap, modelPrices: registryModelPrices(snap.params, snap.models) });
      return 0;
    }
    default:
      throw usageError(`unknown subcommand '${sub.join(' ')}'`);
  }
}
