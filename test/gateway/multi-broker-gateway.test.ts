/**
 * The gateway over a MultiBrokerClient (two FakeBrokers, each with its own channel), driven by the official openai
 * client: a dead broker is failed over before acceptance; with every broker down the answer is 503 SDK_NO_BROKER.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../cli/gateway';
import { capture } from '../cli/helpers';
import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../../sdk/gateway';
import { CHANNEL, answerFor, type FakeBroker } from '../sdk/fixtures';
import { CHANNEL2 as CH2, startTwoBrokers, testMultiClient } from '../sdk/test-client';

const PROMPT = 'hello two brokers';

describe('gateway over several brokers', () => {
  let b1: FakeBroker;
  let b2: FakeBroker;
  let gw: RunningGateway;
  let openai: OpenAI;

  beforeEach(async () => {
    [b1, b2] = await startTwoBrokers();
    const client = testMultiClient(b1, b2);
    gw = await startGateway({ client, port: 0, host: '127.0.0.1' });
    openai = new OpenAI({ baseURL: gw.url, apiKey: 'not-needed', maxRetries: 0 });
  });
  afterEach(async () => {
    await gw.close();
    await b1.stop();
    await b2.stop();
  });

  it('lists the models of every broker and serves through the live one when one is down', async () => {
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['tiny']);
    await b1.stop();
    const r = await openai.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: PROMPT }] });
    expect(r.choices[0]?.message.content).toBe(answerFor(PROMPT).join(''));
    expect(b2.log.requests).toHaveLength(1);
  });

  it('answers 503 SDK_NO_BROKER when every broker is down', async () => {
    await b1.stop();
    b2.hostile = 'garbage';
    const e = await openai.chat.completions
      .create({ model: 'tiny', messages: [{ role: 'user', content: PROMPT }] })
      .catch((x: unknown) => x as InstanceType<typeof OpenAI.APIError>);
    expect(e).toBeInstanceOf(OpenAI.APIError);
    expect((e as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((e as InstanceType<typeof OpenAI.APIError>).code).toBe('SDK_NO_BROKER');
  });
});

describe('chrysalis gateway run() with two brokers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-two-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one broker: line per broker and shuts down on abort', async () => {
    const registry = join(dir, 'registry.json');
    writeFileSync(
      registry,
      JSON.stringify({
        version: 1,
        images: [],
        platforms: [],
        models: [],
        params: {
          promptPricePerToken: '1',
          completionPricePerToken: '1',
          brokerFeeBps: 0,
          minBrokerStake: '0',
          minClientDeposit: '0',
          clientCloseDelay: 86400,
          workerCloseDelay: 86400,
        },
        brokers: [],
      }),
    );
    const ctl = new AbortController();
    const saved = process.env.CHRYSALIS_CHANNEL_KEY;
    process.env.CHRYSALIS_CHANNEL_KEY = '11'.repeat(32);
    try {
      const argv = ['--broker', 'http://127.0.0.1:1', '--channel', CHANNEL, '--broker', 'http://127.0.0.1:2'];
      const pending = capture(() =>
        run([...argv, '--channel', CH2, '--registry-file', registry, '--port', '0', '--no-settle'], {
          signal: ctl.signal,
        }),
      );
      setTimeout(() => ctl.abort(), 300);
      const r = await pending;
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('broker: '))).toEqual([
        'broker: http://127.0.0.1:1',
        'broker: http://127.0.0.1:2',
      ]);
    } finally {
      if (saved === undefined) delete process.env.CHRYSALIS_CHANNEL_KEY;
      else process.env.CHRYSALIS_CHANNEL_KEY = saved;
    }
  });
});
