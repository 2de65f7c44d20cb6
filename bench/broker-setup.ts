/**
 * What the broker benches share: the SIMULATED bundle check, the bench's clients (keys, channels, load jobs) and a
 * broker started with the bench's settings on a given ledger (bench/broker.ts on SQLite, bench/replicas-child.ts on
 * PostgreSQL).
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { Address } from '@ton/core';
import { ed25519RawPublicKey } from '../attestation/receipt';
import {
  startBroker,
  StaticChannels,
  StaticRegistry,
  attestationReceiptVerifier,
  type RunningBroker,
  type BundleVerifier,
} from '../broker';
import type { LedgerRepository } from '../broker/ledger';
import { HMAC, MODEL, type LoadJob } from './broker-children';

/** SIMULATED bundle check for the bench (HMAC over the identity). */
export const simulatedVerifier: BundleVerifier = {
  async verify(bundle) {
    const { body, mac } = JSON.parse(Buffer.from(bundle).toString()) as { body: string; mac: string };
    if (createHmac('sha256', HMAC).update(body).digest('hex') !== mac) throw new Error('bad bundle');
    const b = JSON.parse(body) as { s: string; h: string; c: string };
    const zero = Buffer.alloc(32);
    return {
      signingPublicKey: Buffer.from(b.s, 'hex'),
      hpkePublicKey: Buffer.from(b.h, 'hex'),
      imageId: zero,
      platformId: zero,
      modelId: MODEL,
      brokerChallenge: Buffer.from(b.c, 'hex'),
      prices: { promptNano: 1n, completionNano: 1n },
    };
  },
};

export interface BenchChannel {
  readonly clientKey: string;
  readonly channel: string;
  readonly depositNano: number;
}

/** `n` clients with fresh keys and channels: the broker's channel rows and the load generator's jobs. */
export function benchClients(n: number): {
  readonly channels: BenchChannel[];
  job(url: string, requests: number, concurrency: number): LoadJob;
} {
  const clients = Array.from({ length: n }, (_, i) => {
    const k = generateKeyPairSync('ed25519').privateKey;
    return { k, channel: new Address(0, Buffer.alloc(32, i + 1)).toString() };
  });
  const keys = clients.map((c) => ({
    key: c.k.export({ format: 'der', type: 'pkcs8' }).toString('hex'),
    channel: c.channel,
  }));
  return {
    channels: clients.map((c) => ({
      clientKey: Buffer.from(ed25519RawPublicKey(c.k)).toString('hex'),
      channel: c.channel,
      depositNano: 1e15,
    })),
    job: (url, requests, concurrency) => ({ url, requests, concurrency, clients: keys }),
  };
}

/** A broker with the bench's settings (no rate limit, deep queues, clients on credit) on `ledger`. */
export function startBenchBroker(
  ledger: LedgerRepository,
  channels: readonly BenchChannel[],
  replicaId?: string,
): Promise<RunningBroker> {
  const zeroHex = '00'.repeat(32);
  return startBroker({
    config: {
      port: 0,
      rateLimitPerSec: 0,
      maxQueuePerWorker: 4096,
      defaultWorkerConcurrency: 256,
      maxWorkerConcurrency: 256,
      // Every request reserves LIMITS.maxCostNano; the bench's clients run on credit, not vouchers.
      defaultCreditNano: 1e15,
      ...(replicaId !== undefined ? { replicaId } : {}),
    },
    logger: pino({ level: 'silent' }),
    ledger,
    registry: new StaticRegistry({
      version: 1,
      imageIds: [zeroHex],
      platformIds: [zeroHex],
      modelIds: [MODEL.toString('hex')],
    }),
    bundleVerifier: simulatedVerifier,
    receipts: attestationReceiptVerifier(),
    channels: new StaticChannels([...channels]),
  });
}
