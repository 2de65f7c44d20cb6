/**
 * The devnet with two brokers (`chrysalis devnet --brokers 2`), every program its own OS process: each broker has its
 * own key, wallet, registry entry, ledger, port and process, the client one channel to each (derivable from the
 * Registry), every worker dials both brokers and is admitted by each. The gateway takes its brokers from the Registry.
 *
 * Failover: under concurrent requests through the gateway (the official `openai` client), the broker that served the
 * last answer is killed with SIGKILL. Every request either succeeds or fails with a typed error (OpenAI error JSON
 * carrying an SDK code), none hangs, and requests succeed again within the 20 s of the kill. Money: each
 * served answer is paid once (the client's owed total over both channels is exactly the sum of the served receipts),
 * and after settlement the surviving broker has claimed exactly what the client vouched on its channel.
 *
 * The programs run from the compiled package (`npm run build`); skipped when `dist/` is missing.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { Address } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { decodeReceipt } from '../../attestation/receipt';
import { createChainClient } from '../../contracts/chain';
import { clientChannelAddress } from '../../contracts/wrappers/payment-channel';
import { pollUntil } from '../../core/retry';
import { describeBuilt, readVoucherState, useDevnet } from './helpers';

/** Concurrent request loops during the failover. */
const CONCURRENCY = 4;
/** The bound: from the kill to the first answer served again. */
const RECOVER_BOUND_MS = 20_000;
/** Answers served after the kill before the load stops. */
const SERVED_AFTER_KILL = 6;

type Outcome =
  | { kind: 'served'; channel: string; amountNano: bigint; maxCostNano: bigint; startMs: number; endMs: number }
  | { kind: 'typed'; status: number; code: string; startMs: number; endMs: number }
  | { kind: 'untyped'; what: string; startMs: number; endMs: number };

interface Ext {
  receipt: string;
  channel: string;
  maxCostNano: string;
}

const raw = (a: string): string => Address.parse(a).toRawString();

describeBuilt('devnet failover test')('devnet with two brokers: one killed, the gateway fails over', () => {
  jest.setTimeout(240_000);
  const net = useDevnet('devnet-failover', { seed: 'devnet-failover', brokers: 2 });

  /** One request through the gateway, classified: served (with its receipt), typed refusal, or anything else. */
  async function request(openai: OpenAI, i: number): Promise<Outcome> {
    const startMs = Date.now();
    try {
      const res = await openai.chat.completions.create({
        model: net.dev.info.modelName,
        messages: [{ role: 'user', content: `Failover request ${i}` }],
        max_tokens: 32,
      });
      const ext = (res as unknown as { chrysalis: Ext }).chrysalis;
      return {
        kind: 'served',
        channel: raw(ext.channel),
        amountNano: decodeReceipt(Buffer.from(ext.receipt, 'base64')).amountNano,
        maxCostNano: BigInt(ext.maxCostNano),
        startMs,
        endMs: Date.now(),
      };
    } catch (e) {
      const endMs = Date.now();
      // A typed refusal: an HTTP error whose OpenAI error JSON carries an SDK code (GATEWAY_INTERNAL is the untyped 500).
      if (e instanceof OpenAI.APIError && typeof e.status === 'number' && /^SDK_[A-Z_]+$/.test(String(e.code)))
        return { kind: 'typed', status: e.status, code: String(e.code), startMs, endMs };
      return { kind: 'untyped', what: `${(e as Error).name}: ${(e as Error).message}`, startMs, endMs };
    }
  }

  it('runs each broker as its own process on its own port, with a derivable client channel to each', async () => {
    const { dev } = net;
    expect(dev.processes.map((p) => p.name)).toEqual([
      'devnet-broker',
      'devnet-broker-2',
      'devnet-worker-1',
      'devnet-worker-2',
      'devnet-gateway',
    ]);
    expect(new Set(dev.processes.map((p) => p.pid)).size).toBe(5);
    const { brokers, clientChannels } = dev.info;
    expect(brokers).toHaveLength(2);
    expect(brokers[0]).toBe(dev.info.broker);
    expect(new Set(brokers.map((b) => new URL(b).port)).size).toBe(2);
    expect(new URL(dev.info.gateway).port).not.toBe(new URL(brokers[0]!).port);
    expect(dev.info.configFiles.brokers.map((f) => f.split('/').pop())).toEqual(['broker.yaml', 'broker-2.yaml']);

    // Each channel is the one the spec derives: payer = the client key's wallet, payee = that broker's registered
    // wallet, the registry's clientCloseDelay, nonce 0; deployed and funded on-chain.
    const chain = createChainClient({ network: 'devnet', endpoint: dev.info.chainApi });
    const reg = await chain.readRegistry(Address.parse(dev.info.registry));
    const clientKey = keyPairFromSeed(Buffer.from(readFileSync(dev.info.clientKeyFile, 'utf8').trim(), 'hex'));
    expect(clientChannels).toHaveLength(2);
    expect(clientChannels[0]).toBe(dev.info.clientChannel);
    for (const [i, url] of brokers.entries()) {
      const entry = reg.brokers.find((b) => b.endpoint === url);
      expect(entry).toBeDefined();
      const derived = clientChannelAddress({
        payerKey: new Uint8Array(clientKey.publicKey),
        payee: entry!.wallet,
        closeDelay: reg.params.clientCloseDelay,
      });
      expect(derived.toRawString()).toBe(raw(clientChannels[i]!));
      const data = await chain.getChannel(derived);
      expect(data).toMatchObject({ nonce: 0n, status: 'open', claimed: 0n });
      expect(data!.payee.equals(entry!.wallet)).toBe(true);
      expect(data!.deposit).toBeGreaterThan(0n);
    }
    expect(new Set(clientChannels.map(raw)).size).toBe(2);

    // Both brokers admitted both workers (the same two signing keys).
    const admitted = await Promise.all(
      brokers.map(async (b) => {
        const j = (await (await fetch(`${b}/v1/workers`)).json()) as { workers: { signingPublicKey: string }[] };
        return j.workers.map((w) => w.signingPublicKey).sort();
      }),
    );
    expect(admitted[0]).toHaveLength(2);
    expect(admitted[1]).toEqual(admitted[0]);
  });

  it('SIGKILL of a broker under load: every request served or refused typed, served again within 20 s, paid once', async () => {
    const { dev } = net;
    const openai = new OpenAI({ baseURL: dev.info.gateway, apiKey: 'devnet', maxRetries: 0, timeout: 60_000 });
    const outcomes: Outcome[] = [];
    let n = 0;

    // Served before the fault.
    for (let i = 0; i < 3; i++) outcomes.push(await request(openai, n++));
    expect(outcomes.map((o) => o.kind)).toEqual(['served', 'served', 'served']);

    // Concurrent load; a broker is killed while it relays a request; the load stops once answers are served again.
    let killAt = 0;
    const servedAfterKill = (): number =>
      outcomes.filter((o) => killAt > 0 && o.kind === 'served' && o.startMs >= killAt).length;
    const stopAt = (): boolean =>
      killAt > 0 && (servedAfterKill() >= SERVED_AFTER_KILL || Date.now() > killAt + 60_000);
    const loops = Array.from({ length: CONCURRENCY }, async () => {
      while (!stopAt()) outcomes.push(await request(openai, n++));
    });
    const warm = await pollUntil(async () => (outcomes.length >= 3 + CONCURRENCY ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    expect(warm).toBe(true);
    // The victim: a broker with a request in flight to a worker right now (its `/v1/workers` queue depth).
    const inFlight = await pollUntil(
      async () => {
        for (const [i, b] of dev.info.brokers.entries()) {
          const j = (await (await fetch(`${b}/v1/workers`)).json()) as { workers: { queueDepth: number }[] };
          if (j.workers.some((w) => w.queueDepth > 0)) return i;
        }
        return undefined;
      },
      { timeoutMs: 30_000, intervalMs: 5 },
    );
    expect(inFlight).toBeDefined();
    const victimIndex = inFlight!;
    const survivorChannel = raw(dev.info.clientChannels[1 - victimIndex]!);
    const victim = dev.processes.find((p) => p.name === (victimIndex === 0 ? 'devnet-broker' : 'devnet-broker-2'))!;
    process.kill(victim.pid!, 'SIGKILL');
    killAt = Date.now();
    // The devnet says which program died and how; from then on nothing can be served through its channel.
    const label = victimIndex === 0 ? 'broker' : 'broker 2';
    const deadAt = await pollUntil(
      async () =>
        net.lines.some((l) => l.startsWith(`${label} (pid ${victim.pid}) exited on signal SIGKILL`))
          ? Date.now()
          : undefined,
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    await Promise.all(loops);
    expect(deadAt).toBeDefined();

    // Every request either served or refused with a typed error; none hung (the client's 60 s timeout is untyped).
    const untyped = outcomes.filter((o) => o.kind === 'untyped');
    expect(untyped).toEqual([]);
    for (const o of outcomes) if (o.kind === 'typed') expect(o.status).not.toBe(500);
    // Served again within the bound, measured from the kill to the first answer to a request sent after it.
    const firstAfter = outcomes
      .filter((o) => o.kind === 'served' && o.startMs >= killAt)
      .reduce((m, o) => Math.min(m, o.endMs), Infinity);
    expect(servedAfterKill()).toBeGreaterThanOrEqual(SERVED_AFTER_KILL);
    expect(firstAfter - killAt).toBeLessThanOrEqual(RECOVER_BOUND_MS);
    // Once the victim was gone every answer came through the survivor's channel.
    for (const o of outcomes) if (o.kind === 'served' && o.startMs >= deadAt!) expect(o.channel).toBe(survivorChannel);

    // Money. The client's voucher state per channel (the gateway's store file in the data directory).
    const served = outcomes.filter((o): o is Extract<Outcome, { kind: 'served' }> => o.kind === 'served');
    const sumOn = (ch: string): bigint => served.filter((o) => o.channel === ch).reduce((s, o) => s + o.amountNano, 0n);
    const maxCost = served.reduce((m, o) => (o.maxCostNano > m ? o.maxCostNano : m), 0n);
    const states = await Promise.all(dev.info.clientChannels.map((c) => readVoucherState(dev, c)));
    // Each served answer paid once: what the client owes over both channels is exactly the served receipts' sum.
    expect(states.reduce((s, st) => s + st.owedNano, 0n)).toBe(served.reduce((s, o) => s + o.amountNano, 0n));
    const survivorState = states[1 - victimIndex]!;
    expect(survivorState.owedNano).toBe(sumOn(survivorChannel));
    expect(survivorState.reservedNano).toBe(0n);
    // Vouched covers what is owed, plus at most the reservations of the requests in flight when it signed, plus
    // whatever stays reserved for recovery on the dead broker's channel (accepted there, outcome unknown).
    for (const st of states) {
      expect(st.vouchedNano).toBeGreaterThanOrEqual(st.owedNano);
      expect(st.vouchedNano - st.owedNano).toBeLessThanOrEqual(st.reservedNano + BigInt(CONCURRENCY) * maxCost);
    }

    // Settle (the dead broker is skipped): the survivor claims exactly what the client vouched on its channel.
    await dev.settle();
    const chain = createChainClient({ network: 'devnet', endpoint: dev.info.chainApi });
    const claimed = await Promise.all(
      dev.info.clientChannels.map(async (c) => (await chain.getChannel(Address.parse(c)))!.claimed),
    );
    expect(claimed[1 - victimIndex]).toBe(survivorState.vouchedNano);
    expect(claimed[victimIndex]).toBeLessThanOrEqual(states[victimIndex]!.vouchedNano);
  });
});
