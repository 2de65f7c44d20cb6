/**
 * Shared pieces of the hostile-broker and hostile-worker suites, built only from what a stranger gets: the public
 * entry points (chrysalis/broker, /worker, /devnet, /sdk), the .proto schema (loaded with protobufjs, as any
 * third-party implementation would) and the documented receipt layout (attestation/receipt/README.md).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { Address } from '@ton/core';
import pino from 'pino';
import protobuf from 'protobufjs';
import WebSocket from 'ws';
import {
  MemoryLedger,
  StaticChannels,
  StaticRegistry,
  StreamFrameReader,
  attestationBundleVerifier,
  attestationReceiptVerifier,
  startBroker,
  submitSigningMessage,
  type ModelPrice,
  type RunningBroker,
} from '../../broker';
import { NOW as SIM_NOW, MODEL_ID, registryFor, tdFields, verifyOptions } from '../../devnet';

export { SIM_NOW, MODEL_ID };

const root = protobuf.loadSync([
  join(__dirname, '../../proto/chrysalis/v1/wire.proto'),
  join(__dirname, '../../proto/chrysalis/v1/attestation.proto'),
]);
/** A message type of the chrysalis.v1 schema, read from the .proto files. */
export const pb = (name: string): protobuf.Type => root.lookupType(`chrysalis.v1.${name}`);

export type Msg = Record<string, unknown>;
export const encode = (type: string, value: Msg): Uint8Array => {
  const t = pb(type);
  return t.encode(t.fromObject(value)).finish();
};
export const decode = (type: string, bytes: Uint8Array): Msg =>
  pb(type).toObject(pb(type).decode(bytes), { longs: Number, defaults: true, oneofs: true }) as Msg;

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());

export interface Ed25519Key {
  readonly privateKey: KeyObject;
  readonly publicKey: Uint8Array;
}
export function ed25519Key(): Ed25519Key {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: new Uint8Array(spki.subarray(spki.length - 32)) };
}

export interface ReceiptFields {
  readonly sealed: Uint8Array;
  readonly responseDigest?: Uint8Array;
  readonly modelId: Uint8Array;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly prices: ModelPrice;
  /** Default: the v2 formula; a liar may claim another amount. */
  readonly amountNano?: bigint;
  readonly seq: bigint;
  readonly channel: string;
  readonly workerKey: Uint8Array;
}

/** Receipt v2 bytes as documented (attestation/receipt/README.md), channel as a TON address. */
export function encodeReceiptV2(r: ReceiptFields): Uint8Array {
  const b = Buffer.alloc(224);
  b.write('chrysalis/receipt\0', 0, 'latin1');
  b[18] = 2;
  Buffer.from(sha256(r.sealed)).copy(b, 19);
  Buffer.from(r.responseDigest ?? new Uint8Array(32)).copy(b, 51);
  Buffer.from(r.modelId).copy(b, 83);
  b.writeUInt32BE(r.promptTokens, 115);
  b.writeUInt32BE(r.completionTokens, 119);
  b.writeBigUInt64BE(r.prices.promptNano, 123);
  b.writeBigUInt64BE(r.prices.completionNano, 131);
  const amount =
    r.amountNano ?? r.prices.promptNano * BigInt(r.promptTokens) + r.prices.completionNano * BigInt(r.completionTokens);
  b.writeBigUInt64BE(amount, 139);
  b.writeBigUInt64BE(r.seq, 147);
  Buffer.from(r.workerKey).copy(b, 155);
  b[187] = 1;
  const a = Address.parse(r.channel);
  b.writeInt32BE(a.workChain, 188);
  a.hash.copy(b, 192);
  return new Uint8Array(b);
}

export function signedReceipt(
  key: Ed25519Key,
  r: Omit<ReceiptFields, 'workerKey'>,
): { receipt: Uint8Array; signature: Uint8Array } {
  const receipt = encodeReceiptV2({ ...r, workerKey: key.publicKey });
  return { receipt, signature: new Uint8Array(sign(null, receipt, key.privateKey)) };
}

/** A worker played by hand on the worker WebSocket: protobuf frames from the schema, nothing from BrokerLink. */
export interface RawLink {
  send(frame: Msg): void;
  next(kind: string): Promise<Msg>;
  close(): Promise<void>;
}

export async function rawLink(url: string): Promise<RawLink> {
  const ws = new WebSocket(url);
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  const frames: Msg[] = [];
  const waiters: Array<() => void> = [];
  let closed = false;
  ws.on('message', (d: Buffer) => {
    frames.push(decode('BrokerFrame', d));
    for (const w of waiters.splice(0)) w();
  });
  ws.once('close', () => {
    closed = true;
    for (const w of waiters.splice(0)) w();
  });
  return {
    send: (f) => ws.send(encode('WorkerFrame', f)),
    async next(kind) {
      for (;;) {
        const i = frames.findIndex((f) => f.msg === kind);
        if (i >= 0) return frames.splice(i, 1)[0]![kind] as Msg;
        if (closed) throw new Error(`link closed without a ${kind} frame`);
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    async close() {
      if (closed) return;
      const done = new Promise((r) => ws.once('close', r));
      ws.close();
      await done;
    },
  };
}

export const CHANNEL = new Address(0, Buffer.alloc(32, 7)).toString();
/** Registry prices of the devnet test model: the ceiling every committed price is held to. */
export const REGISTRY_PRICES: ModelPrice = { promptNano: 100n, completionNano: 200n };

export interface RealBroker {
  readonly broker: RunningBroker;
  readonly ledger: MemoryLedger;
  readonly channels: StaticChannels;
  close(): Promise<void>;
}

/**
 * A REAL broker (chrysalis/broker) that admits workers with the real verifyBundle against the devnet SIMULATED
 * Intel/NVIDIA roots, with the registry's prices for MODEL_ID; its clock is pinned to the simulated bundles' time.
 */
export async function startRealBroker(creditNano = 0): Promise<RealBroker> {
  const v = verifyOptions();
  const registry = new StaticRegistry({ version: 1, ...registryFor(tdFields(), MODEL_ID, REGISTRY_PRICES) });
  const ledger = new MemoryLedger();
  const channels = new StaticChannels();
  const broker = await startBroker({
    logger: pino({ level: 'silent' }),
    ledger,
    registry,
    channels,
    bundleVerifier: attestationBundleVerifier({ registry, trust: v.trust!, policy: v.policy! }),
    receipts: attestationReceiptVerifier(),
    clock: { now: () => SIM_NOW },
    config: { port: 0, heartbeatIntervalMs: 60_000, heartbeatTimeoutMs: 120_000, defaultCreditNano: creditNano },
  });
  return {
    broker,
    ledger,
    channels,
    async close() {
      await broker.close();
      await ledger.close();
    },
  };
}

/** An honest client of the broker's HTTP API: signs a v3 SubmitRequest and reads the whole stream. */
export class HonestClient {
  readonly key = ed25519Key();
  get keyHex(): string {
    return hex(this.key.publicKey);
  }
  async submit(
    url: string,
    o: { sealed?: Uint8Array; maxCostNano: number; modelId?: Uint8Array },
  ): Promise<{ status: number; body?: { code: string }; frames: Msg[] }> {
    const fields = {
      sealed: o.sealed ?? new Uint8Array(randomBytes(64)),
      nonce: new Uint8Array(randomBytes(16)),
      workerId: '',
      modelId: o.modelId ?? MODEL_ID,
      channel: CHANNEL,
      maxPromptPriceNano: Number(REGISTRY_PRICES.promptNano),
      maxCompletionPriceNano: Number(REGISTRY_PRICES.completionNano),
      maxCostNano: o.maxCostNano,
    };
    const signature = sign(null, submitSigningMessage(fields), this.key.privateKey);
    const res = await fetch(`${url}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: Buffer.from(encode('SubmitRequest', { ...fields, clientKey: this.key.publicKey, signature })),
    });
    if (res.status !== 200) return { status: res.status, body: (await res.json()) as { code: string }, frames: [] };
    const reader = new StreamFrameReader();
    const frames: Msg[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      for (const f of reader.push(chunk)) frames.push(decode('StreamFrame', pb('StreamFrame').encode(f).finish()));
    }
    return { status: 200, frames };
  }
}
