/**
 * `chrysalis devnet` (= `npm start`): the whole network on this machine: the chain in this process, the broker,
 * workers and gateway as their own processes started from config files (`startDevnet` in `devnet/network.ts`). This command parses the flags, refuses an unsafe gateway before anything starts, prints the
 * progress and address lines, and stops everything on SIGINT/SIGTERM.
 */
import { DEVNET_SPEC, parseDevnetFlags, type DevnetFlags } from './devnet-flags';
import { devnetAddressLines, workerPayoutLines } from './devnet-output';
import { nanoToTon } from './devnet-client';
import { EXIT, reportError, usageError } from './exit';
import { helpText } from './flags';
import { untilShutdown, type RunOptions } from './shutdown';
import { startDevnet, type DevnetInfo, type DevnetOptions, type RunningDevnet } from '../devnet';
import { apiKeyProblem } from '../sdk/gateway/auth';

/**
 * Off loopback the gateway needs an API key (it spends the devnet client's channel): refuse before starting.
 * @throws CliError (usage, exit 2)
 */
function devnetOptions(f: DevnetFlags): DevnetOptions {
  const apiKey = process.env.CHRYSALIS_GATEWAY_API_KEY;
  const keyProblem = apiKeyProblem(f.host, apiKey || undefined);
  if (keyProblem)
    throw usageError(
      `gateway: ${keyProblem.replace('--api-key (or CHRYSALIS_GATEWAY_API_KEY)', 'CHRYSALIS_GATEWAY_API_KEY')}`,
    );
  return { ...f, ...(apiKey ? { apiKey } : {}) };
}

/** What `chrysalis devnet` prints once ready: the stable address lines, then how to try it. */
function readyText(i: DevnetInfo, dataDir: string): string {
  return [
    '',
    ...devnetAddressLines(i),
    ...workerPayoutLines(i.workerPayouts),
    '',
    `model: ${i.modelName} (id ${i.modelId}) — a tiny TEST model, not a language model`,
    `client channel${i.clientChannels.length > 1 ? 's (one per broker)' : ''}: ${i.clientChannels.join(', ')}   data: ${dataDir}`,
    `programs (each its own process, started from the config file written in ${dataDir}; output in logs/):`,
    ...i.configFiles.brokers.map((f) => `  chrysalis broker --config ${f}`),
    ...i.configFiles.workers.map((f) => `  chrysalis worker --config ${f}`),
    `  chrysalis gateway --config ${i.configFiles.gateway}`,
    `worker payouts: each broker pays each worker-payout address through a channel every settle interval; a worker`,
    `  claims once its voucher is ${nanoToTon(BigInt(i.claimThresholdNano))} TON above what it claimed (a devnet setting; chrysalis worker defaults to 160 TON)`,
    '',
    'try:',
    `  curl -s ${i.gateway}/chat/completions -H 'content-type: application/json' \\`,
    `    -d '{"model":"${i.modelName}","messages":[{"role":"user","content":"Tell me a story"}]}'`,
    '',
    `  node -e 'const OpenAI=require("openai");new OpenAI({baseURL:"${i.gateway}",apiKey:"devnet"}).chat.completions.create({model:"${i.modelName}",messages:[{role:"user",content:"Hello"}]}).then(r=>console.log(r.choices[0].message.content))'`,
    '',
    `  npx chrysalis chat "Hello"      npx chrysalis status`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  let f: DevnetFlags | 'help';
  try {
    f = parseDevnetFlags(argv);
  } catch (err) {
    return reportError(DEVNET_SPEC.name, err, { usage: helpText(DEVNET_SPEC) });
  }
  if (f === 'help') {
    process.stdout.write(helpText(DEVNET_SPEC));
    return EXIT.OK;
  }
  process.stdout.write('chrysalis devnet — everything below runs on this machine; SIMULATED parts are marked.\n');
  let dev: RunningDevnet;
  try {
    dev = await startDevnet(devnetOptions(f), (l) => process.stdout.write(`${l}\n`));
  } catch (err) {
    process.stderr.write('chrysalis devnet: failed to start\n');
    return reportError(DEVNET_SPEC.name, err);
  }
  process.stdout.write(readyText(dev.info, f.dataDir));
  await untilShutdown(opts.signal);
  process.stdout.write('\nstopping: draining the gateway and broker, stopping workers and the chain...\n');
  await dev.close();
  process.stdout.write('stopped.\n');
  return 0;
}
