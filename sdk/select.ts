/**
 * Worker selection: model, then prices (each at most the client's cap), then load, then price (prompt, then
 * completion), then a stable tie-break on worker id. Pure: the caller passes only workers it has verified itself.
 */
import { withinPrice } from './reservation';
import type { AttestedWorker, ModelPrice, WorkerListing } from './types';

export interface Candidate {
  readonly listing: WorkerListing;
  readonly worker: AttestedWorker;
}

/**
 * Resolves an OpenAI `model` string to a hex model id: an alias from `aliases`, a 64-hex model id, or a name the
 * broker lists. Returns undefined when nothing matches.
 */
export function resolveModelId(
  model: string,
  listings: readonly WorkerListing[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const alias = aliases[model];
  if (alias !== undefined) return alias.toLowerCase();
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(model)) return model.replace(/^0x/, '').toLowerCase();
  const byName = listings.find((l) => l.model === model);
  return byName?.modelId.toLowerCase();
}

/** Listings that may serve `modelIdHex` with both prices at or under `cap`, least loaded and cheapest first. */
export function filterListings(
  listings: readonly WorkerListing[],
  modelIdHex: string,
  cap: ModelPrice,
): WorkerListing[] {
  return listings
    .filter((l) => l.modelId.toLowerCase() === modelIdHex && withinPrice(l.prices, cap) && l.bundle.length > 0)
    .sort(compareListings);
}

export function compareListings(a: WorkerListing, b: WorkerListing): number {
  if (a.load !== b.load) return a.load - b.load;
  if (a.prices.promptNano !== b.prices.promptNano) return a.prices.promptNano < b.prices.promptNano ? -1 : 1;
  if (a.prices.completionNano !== b.prices.completionNano)
    return a.prices.completionNano < b.prices.completionNano ? -1 : 1;
  return a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0;
}

/** The best verified candidate, or undefined. */
export function chooseWorker(candidates: readonly Candidate[]): Candidate | undefined {
  return [...candidates].sort((x, y) => compareListings(x.listing, y.listing))[0];
}
