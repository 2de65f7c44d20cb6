/**
 * The lines `chrysalis devnet` prints once it is ready. They are a stable interface (scripts read them):
 *
 *   gateway: <url ending in /v1>
 *   broker: <url>          (one line per broker, in broker order: `--brokers N`)
 *   chain-api: <url>
 *   registry: <address>
 *   attestation-log: <address>
 *
 * and then one `worker-payout: <address>` line per worker, in worker order (`workerPayoutLines`).
 */
export interface DevnetAddresses {
  readonly gateway: string;
  /** The first broker. */
  readonly broker: string;
  /** Every broker, in order (default: `[broker]`). */
  readonly brokers?: readonly string[];
  readonly chainApi: string;
  readonly registry: string;
  readonly attestationLog: string;
}

export function devnetAddressLines(i: DevnetAddresses): string[] {
  const gateway = i.gateway.replace(/\/+$/, '');
  return [
    `gateway: ${gateway.endsWith('/v1') ? gateway : `${gateway}/v1`}`,
    ...(i.brokers ?? [i.broker]).map((b) => `broker: ${b}`),
    `chain-api: ${i.chainApi}`,
    `registry: ${i.registry}`,
    `attestation-log: ${i.attestationLog}`,
  ];
}

/** Parses those lines back (for scripts and tests): key -> value (`broker`: the first one; all: `parseBrokerLines`). */
export function parseDevnetAddressLines(text: string): Partial<Record<keyof DevnetAddresses, string>> {
  const keys: Record<string, keyof DevnetAddresses> = {
    gateway: 'gateway',
    broker: 'broker',
    'chain-api': 'chainApi',
    registry: 'registry',
    'attestation-log': 'attestationLog',
  };
  const out: Partial<Record<keyof DevnetAddresses, string>> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z-]+): (\S+)$/.exec(line);
    const k = m ? keys[m[1]!] : undefined;
    if (m && k && out[k] === undefined) out[k] = m[2]!;
  }
  return out;
}

/** Every `broker: <url>` line's URL, in order. */
export function parseBrokerLines(text: string): string[] {
  return [...text.matchAll(/^broker: (\S+)$/gm)].map((m) => m[1]!);
}

/** One `worker-payout: <address>` line per worker (the GPU owner's wallet the broker pays), in worker order. */
export function workerPayoutLines(addresses: readonly string[]): string[] {
  return addresses.map((a) => `worker-payout: ${a}`);
}

/** Parses those lines back: the payout addresses, in order. */
export function parseWorkerPayoutLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^worker-payout: (\S+)$/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}
