import { request } from 'node:http';
import { encodeStreamFrame, StreamFrameReader } from '../../broker';
import { encodeChunkStreamFrame, encodeReceiptStreamFrame } from '../../broker/wire';
import { newRequestId } from '../../broker/services/relay';
import { manualClock } from '../../core/clock';
import { Client, FakeWorker, NOW, startHarness, v1, type Harness } from './helpers';

/** Raw HTTP POST: `chunked` sends the body without Content-Length (the express route), else with it (the fast path). */
function rawPost(
  url: string,
  body: Buffer,
  opts: { chunked?: boolean; contentType?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const u = new URL(`${url}/v1/requests`);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': opts.contentType ?? 'application/x-protobuf' };
    if (!opts.chunked) headers['content-length'] = body.length;
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.chunked) {
      req.write(body.subarray(0, 1));
      req.end(body.subarray(1));
    } else req.end(body);
  });
}

describe('relay hot path', () => {
  test('hand-written chunk/receipt StreamFrames are byte-identical to protobufjs', () => {
    for (const n of [0, 1, 100, 127, 128, 300, 16_384, 70_000]) {
      const frame = new Uint8Array(n).map((_, i) => i & 0xff);
      for (const id of ['', 'r', newRequestId(manualClock(NOW)), 'é'.repeat(70)]) {
        expect(encodeChunkStreamFrame(id, frame).equals(encodeStreamFrame({ chunk: { requestId: id, frame } }))).toBe(
          true,
        );
        const sig = new Uint8Array(64).fill(7);
        expect(
          encodeReceiptStreamFrame(id, frame, sig).equals(
            encodeStreamFrame({ receipt: { requestId: id, receipt: frame, signature: sig } }),
          ),
        ).toBe(true);
      }
    }
    const f = new StreamFrameReader().push(encodeChunkStreamFrame('abc', new Uint8Array([1, 2, 3])));
    expect(f[0]!.chunk!.requestId).toBe('abc');
    expect(Array.from(f[0]!.chunk!.frame!)).toEqual([1, 2, 3]);
  });

  test('request ids are UUIDv7-shaped, unique and carry the clock milliseconds', () => {
    const clock = manualClock(NOW);
    const ids: string[] = [];
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      if (i % 3 === 0) clock.advance(i % 2 === 0 ? 1 : 7);
      times.push(clock.nowMs());
      ids.push(newRequestId(clock));
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const ms = (id: string): number => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ids.map(ms)).toEqual(times);
  });

  describe('fast path and express route answer alike', () => {
    let h: Harness;
    afterEach(async () => {
      await h?.close();
    });

    test.each([false, true])(
      'chunked=%s: success, then the same codes for bad media type, bad body, replayed nonce',
      async (chunked) => {
        h = await startHarness({ config: { maxBodyBytes: 4096 } });
        await h.connect(new FakeWorker({ frames: 2 })).admitted();
        const c = new Client();
        h.fund(c);
        const sub = c.submit();
        const body = Buffer.from(v1.SubmitRequest.encode(sub).finish());
        const ok = await rawPost(h.broker.url, body, { chunked });
        expect(ok.status).toBe(200);
        const frames = new StreamFrameReader().push(ok.body);
        expect(frames.map((f) => f.msg)).toEqual(['accepted', 'chunk', 'chunk', 'receipt']);
        expect(ok.headers['x-request-id']).toBe(frames[0]!.accepted!.requestId);

        const code = (r: { body: Buffer }): string => (JSON.parse(r.body.toString()) as { code: string }).code;
        const media = await rawPost(h.broker.url, body, { chunked, contentType: 'text/plain' });
        expect([media.status, code(media)]).toEqual([415, 'BROKER_UNSUPPORTED_MEDIA_TYPE']);
        expect(media.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(typeof media.headers['x-request-id']).toBe('string');
        const garbage = await rawPost(h.broker.url, Buffer.from([0xff, 0xff, 0xff]), { chunked });
        expect([garbage.status, code(garbage)]).toEqual([400, 'BROKER_BAD_REQUEST']);
        const replay = await rawPost(h.broker.url, body, { chunked });
        expect([replay.status, code(replay)]).toEqual([409, 'BROKER_NONCE_REPLAYED']);
        const big = await rawPost(h.broker.url, Buffer.alloc(5000), { chunked });
        expect([big.status, code(big)]).toEqual([413, 'BROKER_BODY_TOO_LARGE']);
        // charged exactly once for the one request that succeeded
        const acct = await h.ledger.getAccount(Buffer.from(c.publicKey).toString('hex'));
        expect(acct!.chargedNano).toBeGreaterThan(0);
        expect(acct!.nextSeq).toBe(2);
      },
    );
  });
});
