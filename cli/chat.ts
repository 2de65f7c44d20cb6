/**
 * `chrysalis chat "<prompt>" [--data-dir DIR] [--max-tokens N] [--json]` — one prompt through a running devnet:
 * the SDK verifies the worker's bundle, seals the prompt, opens the streamed answer, verifies the receipt and signs
 * a voucher. Prints the answer, the worker's image and model id, the receipt and the channel balance.
 */
import { parseArgs } from 'node:util';
import { Address } from '@ton/core';
import { devnetChain, devnetClient, loadDevnetInfo, nanoToTon } from './devnet-client';

export async function run(argv: string[]): Promise<number> {
  let v;
  try {
    v = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string', default: '.data/devnet' },
        'max-tokens': { type: 'string', default: '64' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(
      `chrysalis chat: ${(err as Error).message}\nusage: chrysalis chat "<prompt>" [--data-dir DIR] [--max-tokens N] [--json]\n`,
    );
    return 2;
  }
  const prompt = v.positionals.join(' ').trim();
  if (!prompt) {
    process.stderr.write('usage: chrysalis chat "<prompt>" [--data-dir DIR] [--max-tokens N] [--json]\n');
    return 2;
  }
  let info;
  try {
    info = loadDevnetInfo(v.values['data-dir']!);
  } catch (err) {
    process.stderr.write(`chrysalis chat: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const client = await devnetClient(info);
    await client.syncAccount();
    const res = await client.chat({
      model: info.modelName,
      messages: [{ role: 'user', content: prompt }],
      max_tokens: Number(v.values['max-tokens']),
    } as never);
    const chain = devnetChain(info);
    const ch = await chain.getChannel(Address.parse(info.clientChannel));
    const r = res.receipt;
    const out = {
      answer: res.content,
      worker: {
        imageId: res.worker.imageId,
        platformId: res.worker.platformId,
        modelId: res.worker.modelId,
        tcbStatus: res.worker.tcbStatus,
      },
      receipt: {
        bytes: Buffer.from(r.bytes).toString('hex'),
        signature: Buffer.from(r.signature).toString('hex'),
        workerKey: r.workerKey,
        promptTokens: r.promptTokens,
        completionTokens: r.completionTokens,
        priceNano: r.priceNano.toString(),
        seq: r.seq.toString(),
      },
      costNano: res.costNano.toString(),
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
          `worker: image ${w.imageId}  model ${w.modelId}  tcb ${w.tcbStatus ?? '?'}`,
          `receipt: ${out.receipt.promptTokens}+${out.receipt.completionTokens} tokens x ${out.receipt.priceNano} nanoTON, seq ${out.receipt.seq}, signed by ${out.receipt.workerKey} (verified)`,
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
  } catch (err) {
    const e = err as { code?: string; message?: string };
    process.stderr.write(`chrysalis chat: ${e.code ? `${e.code}: ` : ''}${e.message}\n`);
    return 1;
  }
}
