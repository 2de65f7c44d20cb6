/**
 * `chrysalis chat "<prompt>" [--data-dir DIR] [--max-tokens N] [--json]` — one prompt through a running devnet:
 * the SDK verifies the worker's bundle, reserves the request's max cost (signing a prepay voucher when needed),
 * seals the prompt, opens the streamed answer and verifies the receipt. Prints the answer, the worker's image and
 * model id, the receipt and the channel balance. The voucher state is `<data dir>/vouchers.sqlite`, the store the
 * devnet's gateway (and `chrysalis gateway --data-dir DIR`) uses for the same channel.
 */
import { join, resolve } from 'node:path';
import { Address } from '@ton/core';
import { SqliteVoucherStore, VOUCHER_STORE_FILE } from '../sdk/voucher-store';
import { devnetChain, devnetClient, loadDevnetInfo, nanoToTon } from './devnet-client';
import { usageError } from './exit';
import { parseCount, runCommand, type CommandSpec, type Parsed } from './flags';

export const spec = {
  name: 'chat',
  synopsis: '"<prompt>" [options]',
  summary:
    'Send one prompt through a running devnet: the SDK verifies the worker, seals the prompt, checks the receipt.',
  positionals: [0, 1000],
  options: {
    'data-dir': {
      type: 'string',
      arg: 'DIR',
      default: '.data/devnet',
      desc: "the running devnet's data directory (holds the voucher store vouchers.sqlite)",
    },
    'max-tokens': { type: 'string', arg: 'N', default: '64', desc: 'most tokens in the answer' },
    json: { type: 'boolean', desc: 'print one JSON object (`chrysalis attest receipt` reads it)' },
  },
} as const satisfies CommandSpec;

export async function run(argv: string[]): Promise<number> {
  return runCommand(spec, argv, chat);
}

async function chat(v: Parsed<(typeof spec)['options']>): Promise<number> {
  const prompt = v.positionals.join(' ').trim();
  if (!prompt) throw usageError('missing argument: "<prompt>"');
  const maxTokens = parseCount(v.values['max-tokens'], 'max-tokens', 1_000_000);
  const dataDir = v.values['data-dir']!;
  const info = loadDevnetInfo(dataDir);
  const store = new SqliteVoucherStore(join(resolve(dataDir), VOUCHER_STORE_FILE));
  let res;
  try {
    const client = await devnetClient(info, { voucherStore: store });
    await client.syncAccount();
    res = await client.chat({
      model: info.modelName,
      messages: [{ role: 'user', content: prompt }],
      ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
    });
  } finally {
    store.close();
  }
  const chain = devnetChain(info);
  const ch = await chain.getChannel(Address.parse(info.clientChannel));
  const r = res.receipt;
  const out = {
    answer: res.content,
    worker: {
      imageId: res.worker.imageId,
      platformId: res.worker.platformId,
      modelId: res.worker.modelId,
      workerKey: res.worker.workerKey,
      bundleDigest: res.worker.bundleDigest,
      tcbStatus: res.worker.tcbStatus,
      simulatedRoots: res.worker.simulatedRoots === true,
    },
    receipt: {
      bytes: Buffer.from(r.bytes).toString('hex'),
      signature: Buffer.from(r.signature).toString('hex'),
      workerKey: r.workerKey,
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      promptPriceNano: r.promptPriceNano.toString(),
      completionPriceNano: r.completionPriceNano.toString(),
      amountNano: r.amountNano.toString(),
      seq: r.seq.toString(),
    },
    costNano: res.costNano.toString(),
    maxCostNano: res.maxCostNano.toString(),
    cumulativeVouchedNano: res.cumulativeNano?.toString(),
    channel: ch
      ? { address: info.clientChannel, depositNano: ch.deposit.toString(), claimedNano: ch.claimed.toString() }
      : null,
  };
  if (v.values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const w = out.worker;
    process.stdout.write(
      [
        res.content,
        '',
        `worker: image ${w.imageId}  model ${w.modelId}  tcb ${w.tcbStatus ?? '?'}${w.simulatedRoots ? '  (SIMULATED roots: not real hardware)' : ''}`,
        `receipt: ${out.receipt.promptTokens} x ${out.receipt.promptPriceNano} + ${out.receipt.completionTokens} x ${out.receipt.completionPriceNano} nanoTON, seq ${out.receipt.seq}, signed by ${out.receipt.workerKey} (verified)`,
        `         ${out.receipt.bytes}`,
        `cost: ${nanoToTon(res.costNano)} TON; vouched so far: ${res.cumulativeNano !== undefined ? nanoToTon(res.cumulativeNano) : '-'} TON`,
        out.channel
          ? `channel ${info.clientChannel}: deposit ${nanoToTon(BigInt(out.channel.depositNano))} TON, claimed on-chain ${nanoToTon(BigInt(out.channel.claimedNano))} TON`
          : `channel ${info.clientChannel}: not found on chain`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}
