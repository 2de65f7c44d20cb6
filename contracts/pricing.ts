/**
 * Model prices from the registry: each model has a prompt and a completion price in nanoTON per token, the
 * registry's base prices (`RegistryParams.promptPricePerToken` / `completionPricePerToken`, at multiplier
 * 10000) scaled by the model's multiplier (`models` map, 10000 = 1x).
 */
import type { ModelPrice } from '../attestation/bundle/verify-types';
import { MULTIPLIER_ONE } from './constants';

export type { ModelPrice };

function scaleUp(base: bigint, multiplier: number): bigint {
  const num = base * BigInt(multiplier);
  const one = BigInt(MULTIPLIER_ONE);
  return (num + one - 1n) / one;
}

/**
 * A model's prices: each base price x multiplier / 10000, rounded up (a worker may charge up to this).
 * @throws RangeError when a base price is negative or the multiplier is not a non-negative safe integer
 */
export function modelPrice(
  params: { readonly promptPricePerToken: bigint; readonly completionPricePerToken: bigint },
  multiplier: number,
): ModelPrice {
  if (!Number.isSafeInteger(multiplier) || multiplier < 0) throw new RangeError('multiplier must be an integer >= 0');
  if (params.promptPricePerToken < 0n || params.completionPricePerToken < 0n)
    throw new RangeError('prices must be >= 0');
  return {
    promptNano: scaleUp(params.promptPricePerToken, multiplier),
    completionNano: scaleUp(params.completionPricePerToken, multiplier),
  };
}

/** Every model's prices, keyed by model id (lowercase hex), as `RegistrySnapshot.modelPrices` carries them. */
export function registryModelPrices(
  params: { readonly promptPricePerToken: bigint; readonly completionPricePerToken: bigint },
  models: readonly { readonly id: string; readonly multiplier: number }[],
): Record<string, ModelPrice> {
  const out: Record<string, ModelPrice> = {};
  for (const m of models) out[m.id.toLowerCase()] = modelPrice(params, m.multiplier);
  return out;
}
