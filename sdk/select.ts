/**
 * Worker selection: model, then prices (each at most the client's cap), then load, then price (prompt, then
 * completion); workers equal on all of these are put in random order (`random`, default Math.random), so the traffic
 * and the GPU owners' pay spread over them instead of all going to one. Deterministic given `random`: the caller
 * passes only workers it has verified itself.
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

/**
 * Listings that may serve `modelIdHex` with both prices at or under `cap`, least loaded and cheapest first; equally
 * good ones in random order.
 */
export function filterListings(
  listings: readonly WorkerListing[],
  modelIdHex: string,
  cap: ModelPrice,
  random: () => number = Math.random,
): WorkerListing[] {
  const fit = listings.filter(
    (l) => l.modelId.toLowerCase() === modelIdHex && withinPrice(l.prices, cap) && l.bundle.length > 0,
  );
  return spreadTies(fit.sort(compareListings), compareRank, random);
}

/** Preference: load, then prompt price, then completion price (0: equally good). */
export function compareRank(a: WorkerListing, b: WorkerListing): number {
  if (a.load !== b.load) return a.load - b.load;
  if (a.prices.promptNano !== b.prices.promptNano) return a.prices.promptNano < b.prices.promptNano ? -1 : 1;
  if (a.prices.completionNano !== b.prices.completionNano)
    return a.prices.completionNano < b.prices.completionNano ? -1 : 1;
  return 0;
}

/** A total order: the preference, then worker id (so the input order never matters before ties are spread). */
export function compareListings(a: WorkerListing, b: WorkerListing): number {
  return compareRank(a, b) || (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0);
}

/** Shuffles (Fisher-Yates, `random`) each run of items that `rank` finds equal in the sorted `xs`; in place. */
function spreadTies<T>(xs: T[], rank: (a: T, b: T) => number, random: () => number): T[] {
  for (let i = 0; i < xs.length;) {
    let j = i + 1;
    while (j < xs.length && rank(xs[i]!, xs[j]!) === 0) j++;
    for (let k = j - 1; k > i; k--) {
      const r = i + Math.min(k - i, Math.floor(random() * (k - i + 1)));
      [xs[k], xs[r]] = [xs[r]!, xs[k]!];
    }
    i = j;
  }
  return xs;
}

/** The best verified candidate (one of the equally best, at random), or undefined. */
export function chooseWorker(
  candidates: readonly Candidate[],
  random: () => number = Math.random,
): Candidate | undefined {
  const sorted = [...candidates].sort((x, y) => compareListings(x.listing, y.listing));
  return spreadTies(sorted, (x, y) => compareRank(x.listing, y.listing), random)[0];
}
