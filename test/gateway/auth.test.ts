/**
 * Who may call the gateway: nobody off this machine without the API key. Off loopback the gateway refuses to start
 * without one (library and CLI config alike); with a key every route but /healthz needs `Authorization: Bearer`.
 */
import OpenAI from 'openai';
import type { ChrysalisClient } from '../../sdk';
import { startGateway, isLoopbackHost, GATEWAY_API_KEY_INVALID, type RunningGateway } from '../../sdk/gateway';
import { ConfigError, parseGatewayConfig } from '../../sdk/gateway/config';
import { CHANNEL, FakeBroker, makeTestWorker } from '../sdk/fixtures';
import { testClient } from '../sdk/test-client';

const BASE = ['--broker', 'http://127.0.0.1:1', '--channel', CHANNEL, '--registry-file', 'r.json'];
const ENV = { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) };

describe('gateway API key', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.5', false],
    ['10.0.0.1', false],
    ['example.com', false],
    ['128.0.0.1', false],
  ])('isLoopbackHost(%s) = %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  test('config: off loopback without a key is refused; --api-key or CHRYSALIS_GATEWAY_API_KEY lets it start', () => {
    expect(() => parseGatewayConfig([...BASE, '--host', '0.0.0.0'], ENV)).toThrow(ConfigError);
    expect(() => parseGatewayConfig([...BASE, '--host', '0.0.0.0', '--api-key', ''], ENV)).toThrow(ConfigError);
    expect(parseGatewayConfig([...BASE, '--host', '0.0.0.0', '--api-key', 'k1'], ENV).apiKey).toBe('k1');
    expect(parseGatewayConfig([...BASE, '--host', '0.0.0.0'], { ...ENV, CHRYSALIS_GATEWAY_API_KEY: 'k2' }).apiKey).toBe(
      'k2',
    );
    const local = parseGatewayConfig(BASE, ENV);
    expect([local.host, local.apiKey]).toEqual(['127.0.0.1', undefined]);
  });

  describe('served', () => {
    let broker: FakeBroker;
    let client: ChrysalisClient;
    let gw: RunningGateway | undefined;
    beforeEach(async () => {
      broker = await new FakeBroker().start();
      broker.workers = [await makeTestWorker()];
      client = testClient(broker);
    });
    afterEach(async () => {
      await gw?.close();
      gw = undefined;
      await broker.stop();
    });

    test('startGateway off loopback without a key -> SDK_CONFIG_INVALID, nothing listens', async () => {
      await expect(startGateway({ client, port: 0, host: '0.0.0.0' })).rejects.toMatchObject({
        code: 'SDK_CONFIG_INVALID',
      });
      await expect(startGateway({ client, port: 0, host: '127.0.0.1', apiKey: '' })).rejects.toMatchObject({
        code: 'SDK_CONFIG_INVALID',
      });
    });

    test('with a key: 401 GATEWAY_API_KEY_INVALID without it or with a wrong one; the openai client with it works', async () => {
      gw = await startGateway({ client, port: 0, host: '0.0.0.0', apiKey: 'sekrit-key' });
      const url = `${gw.url}/models`;
      const none = await fetch(url);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe(GATEWAY_API_KEY_INVALID);
      for (const auth of ['Bearer wrong', 'Bearer sekrit-ke', 'Bearer sekrit-key2', 'Basic sekrit-key', 'sekrit-key']) {
        const r = await fetch(url, { headers: { authorization: auth } });
        expect([auth, r.status]).toEqual([auth, 401]);
      }
      const post = await fetch(`${gw.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'tiny', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(post.status).toBe(401);
      expect(broker.log.requests).toHaveLength(0);
      expect((await fetch(`${gw.origin}/healthz`)).status).toBe(200);

      const ok = await fetch(url, { headers: { authorization: 'Bearer sekrit-key' } });
      expect(ok.status).toBe(200);
      const wrong = new OpenAI({ baseURL: gw.url, apiKey: 'nope', maxRetries: 0 });
      await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, code: GATEWAY_API_KEY_INVALID });
      const openai = new OpenAI({ baseURL: gw.url, apiKey: 'sekrit-key', maxRetries: 0 });
      const res = await openai.chat.completions.create({
        model: 'tiny',
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(typeof res.choices[0]?.message.content).toBe('string');
    });

    test('on loopback no key is needed', async () => {
      gw = await startGateway({ client, port: 0, host: '127.0.0.1' });
      expect((await fetch(`${gw.url}/models`)).status).toBe(200);
    });
  });
});
