/**
 * The main job end to end: `startDevnet` is what `npm start` runs (chrysalis devnet). The official `openai` client,
 * pointed at the gateway, gets attested, end-to-end encrypted, receipted and paid inference at the registry's prices;
 * the client's voucher store owes exactly what the receipts charge and vouched at most one reservation more; once the
 * broker settles, the channel's on-chain claimed total grows by exactly what the client vouched; the on-chain
 * admission log lists both workers.
 *
 * The workers run as child processes from the compiled package (`npm ci` builds it); the test skips with a clear
 * message when `dist/` is missing.
 */
import 'reflect-metadata';
import OpenAI from 'openai';
import { Address } from '@ton/core';
import { decodeReceipt, verifyReceipt } from '../../attestation/receipt';
import { createChainClient } from '../../contracts/chain';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { registryModelPrices } from '../../contracts/pricing';
import { voucherKey } from '../../sdk';
import { SqliteVoucherStore } from '../../sdk/node';
import { AttestationLog } from '../../contracts/wrappers/attestation-log';
import { run as auditAdmissions } from '../../cli/attest/admissions';
import { run as runChat } from '../../cli/chat';
import { run as runStatus } from '../../cli/status';
import { describeBuilt, useDevnet } from './helpers';

interface Ext {
  receipt: string;
  signature: string;
  workerKey: string;
  imageId: string;
  modelId: string;
  channel: string;
}

describeBuilt('devnet end-to-end test')('devnet end to end (npm start)', () => {
  jest.setTimeout(240_000);
  const net = useDevnet('devnet', { seed: 'devnet-e2e' });
  const { lines } = net;
  let dev: typeof net.dev;
  let dir: string;
  beforeAll(() => {
    dev = net.dev;
    dir = net.dir;
  });

  function checkReceipt(ext: Ext): bigint {
    const bytes = Buffer.from(ext.receipt, 'base64');
    const sig = Buffer.from(ext.signature, 'base64');
    const key = Buffer.from(ext.workerKey, 'hex');
    expect(() => verifyReceipt(bytes, sig, key)).not.toThrow();
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(() => verifyReceipt(flipped, sig, key)).toThrow();
    const r = decodeReceipt(bytes);
    expect(Buffer.from(r.modelId).toString('hex')).toBe(dev.info.modelId);
    return r.amountNano;
  }

  async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((x) => {
      out.push(String(x));
      return true;
    });
    try {
      return { code: await run(), out: out.join('') };
    } finally {
      spy.mockRestore();
    }
  }

  it('on a fresh devnet the broker knows the client from its on-chain channel: `chrysalis status` shows the account', async () => {
    // Nothing has been requested yet: the broker's ledger is empty, the channel exists only on-chain.
    const { code, out } = await capture(() => runStatus(['--data-dir', dir, '--json']));
    expect(code).toBe(0);
    const st = JSON.parse(out) as {
      workers: { tcbStatus: string }[];
      channel: { broker: { channel: string; depositNano: number; vouchedNano: number } | null };
    };
    expect(st.workers).toHaveLength(2);
    for (const w of st.workers) expect(w.tcbStatus).toMatch(/SIMULATED roots/);
    expect(st.channel.broker).toMatchObject({ channel: dev.info.clientChannel, depositNano: 100_000_000_000 });
  });

  it('serves the official openai client, streaming and not, with verifiable receipts, and settles them on-chain', async () => {
    const chain = createChainClient({ network: 'devnet', endpoint: dev.info.chainApi });
    const channel = Address.parse(dev.info.clientChannel);
    const before = (await chain.getChannel(channel))!.claimed;

    const openai = new OpenAI({ baseURL: dev.info.gateway, apiKey: 'devnet' });
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toContain(dev.info.modelName);

    const res = await openai.chat.completions.create({
      model: dev.info.modelName,
      messages: [{ role: 'user', content: 'Tell me about the sea' }],
      max_tokens: 24,
    });
    expect(typeof res.choices[0]?.message.content).toBe('string');
    expect(res.usage?.completion_tokens).toBeGreaterThan(0);
    const ext1 = (res as unknown as { chrysalis: Ext }).chrysalis;
    const reg = await chain.readRegistry(Address.parse(dev.info.registry));
    const price = registryModelPrices(reg.params, reg.models)[dev.info.modelId]!;
    const r1 = decodeReceipt(Buffer.from(ext1.receipt, 'base64'));
    expect({ promptNano: r1.promptPriceNano, completionNano: r1.completionPriceNano }).toEqual(price); // committed
    expect(ext1.imageId).toBe(dev.info.imageId);
    let charged = checkReceipt(ext1);

    const stream = await openai.chat.completions.create({
      model: dev.info.modelName,
      messages: [{ role: 'user', content: 'Once upon a time' }],
      max_tokens: 24,
      stream: true,
    });
    let text = '';
    let ext2: Ext | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      const e = (chunk as unknown as { chrysalis?: Ext }).chrysalis;
      if (e) ext2 = e;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(ext2).toBeDefined();
    charged += checkReceipt(ext2!);

    // The client's own voucher state (the gateway's store): it owes exactly what the verified receipts charged, and
    // signed only for that plus the reservation of the request in flight when it signed.
    const store = new SqliteVoucherStore(dev.info.voucherStoreFile);
    const state = await store.read(voucherKey(dev.info.clientChannel, dev.info.globalId)).finally(() => store.close());
    expect(dev.info.globalId).toBe(NETWORK_GLOBAL_ID.devnet);
    expect(state.owedNano).toBe(charged);
    expect(state.reservedNano).toBe(0n);
    const reservation = (prompt: string): bigint =>
      price.promptNano * BigInt(Buffer.byteLength(prompt) + 16 + 16) + price.completionNano * 24n;
    expect(state.vouchedNano).toBeGreaterThanOrEqual(charged);
    expect(state.vouchedNano - charged).toBeLessThanOrEqual(reservation('Tell me about the sea'));

    // The broker claims the latest voucher it holds: the chain pays exactly what the client signed, on this network.
    await dev.settle();
    const after = (await chain.getChannel(channel))!.claimed;
    expect(after - before).toBe(state.vouchedNano);

    // The admission log lists both workers (the broker logs admissions asynchronously: poll, bounded).
    const log = chain.open(AttestationLog.createFromAddress(Address.parse(dev.info.attestationLog)));
    const listed = (await (await fetch(`${dev.info.broker}/v1/workers`)).json()) as {
      workers: { signingPublicKey: string; promptPriceNano: number; completionPriceNano: number }[];
    };
    expect(listed.workers).toHaveLength(2);
    for (const w of listed.workers)
      expect([BigInt(w.promptPriceNano), BigInt(w.completionPriceNano)]).toEqual([
        price.promptNano,
        price.completionNano,
      ]);
    for (const w of listed.workers) {
      const key = Buffer.from(w.signingPublicKey, 'base64');
      let rec = null;
      for (let i = 0; i < 100 && !rec; i++) {
        rec = await log.getAdmission(key);
        if (!rec) await new Promise((r) => setTimeout(r, 200));
      }
      expect(rec).not.toBeNull();
    }

    // An auditor walks the log and re-verifies each admitted bundle offline.
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((x) => {
      out.push(String(x));
      return true;
    });
    let code: number;
    try {
      code = await auditAdmissions([
        '--endpoint',
        dev.info.chainApi,
        '--log',
        dev.info.attestationLog,
        '--broker',
        dev.info.broker,
        '--registry-address',
        dev.info.registry,
        '--trust',
        dev.info.trustFile,
        '--json',
      ]);
    } finally {
      spy.mockRestore();
    }
    const audit = JSON.parse(out.join('')) as { ok: boolean; records: { reverified: string }[] };
    expect(code).toBe(0);
    expect(audit.records.filter((a) => a.reverified === 'ok').length).toBeGreaterThanOrEqual(2);
  });

  it('`chrysalis chat "Hello"` answers through the devnet (roots SIMULATED, said so), continuing the gateway\'s voucher state', async () => {
    const readState = async () => {
      const store = new SqliteVoucherStore(dev.info.voucherStoreFile);
      return store.read(voucherKey(dev.info.clientChannel, dev.info.globalId)).finally(() => store.close());
    };
    const before = await readState();
    const { code, out } = await capture(() => runChat(['Hello', '--data-dir', dir, '--max-tokens', '8', '--json']));
    expect(code).toBe(0);
    const res = JSON.parse(out) as {
      answer: string;
      worker: { imageId: string; simulatedRoots: boolean };
      receipt: { amountNano: string };
    };
    const after = await readState();
    // One store for the gateway and chat: chat's syncAccount found the broker's voucher already in the store (in step,
    // so owed stays the sum of receipts: no prepaid credit given away), then its verified receipt was added, in the
    // gateway's file.
    expect(after.owedNano).toBe(before.owedNano + BigInt(res.receipt.amountNano));
    expect(after.seq).toBeGreaterThanOrEqual(before.seq);
    expect(typeof res.answer).toBe('string');
    expect(res.worker.imageId).toBe(dev.info.imageId);
    expect(res.worker.simulatedRoots).toBe(true);
  });

  it('a worker that disappears is reported: one line for its process, one for its broker session', async () => {
    const victim = dev.workers[0]!;
    expect(victim.pid).toBeDefined();
    process.kill(victim.pid!, 'SIGKILL');
    const exited = new RegExp(`^worker ${victim.name} \\(pid ${victim.pid}\\) exited on signal SIGKILL`);
    const left = new RegExp(`^worker ${victim.name} \\([0-9a-f]{16}…\\) left the broker: closed by worker`);
    for (let i = 0; i < 200 && !(lines.some((l) => exited.test(l)) && lines.some((l) => left.test(l))); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(lines.filter((l) => exited.test(l))).toHaveLength(1);
    expect(lines.filter((l) => left.test(l))).toHaveLength(1);
  });
});
