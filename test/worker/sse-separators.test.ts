/**
 * Server-sent event framing (WHATWG HTML §9.2.6 "Interpreting an event stream"): a line ends at CRLF, LF or a lone
 * CR, and an empty line dispatches the event. Every stream below is fed in each possible two-way split and as one
 * byte per chunk, so separators that straddle a chunk boundary are covered.
 */
import { sseData } from '../../enclave-runtime/engines/openai-upstream';

const enc = new TextEncoder();

async function collect(parts: readonly string[]): Promise<string[]> {
  async function* chunks(): AsyncIterable<Uint8Array> {
    for (const p of parts) yield enc.encode(p);
  }
  const out: string[] = [];
  for await (const d of sseData(chunks())) out.push(d);
  return out;
}

/** The whole stream, every split into two chunks, and one character per chunk. */
function splits(s: string): string[][] {
  const out: string[][] = [[s], Array.from(s)];
  for (let i = 1; i < s.length; i++) out.push([s.slice(0, i), s.slice(i)]);
  return out;
}

const cases: ReadonlyArray<{ name: string; stream: string; events: string[] }> = [
  { name: 'mixed CRLF LF separator (\\r\\n\\n)', stream: 'data: a\r\n\ndata: b\r\n\n', events: ['a', 'b'] },
  { name: 'mixed LF CRLF separator (\\n\\r\\n)', stream: 'data: a\n\r\ndata: b\n\r\n', events: ['a', 'b'] },
  { name: '\\n\\r\\n then a lone CR line', stream: 'data: a\n\r\n\rdata: b\n\r\n', events: ['a', 'b'] },
  { name: 'lone CR line ends', stream: 'data: a\r\rdata: b\r\r', events: ['a', 'b'] },
  { name: 'LF then lone CR', stream: 'data: a\n\rdata: b\n\n', events: ['a', 'b'] },
  { name: 'multi-line data across mixed line ends', stream: 'data: x\rdata: y\r\ndata: z\n\r\n', events: ['x\ny\nz'] },
  { name: 'comments and empty events', stream: ': c\r\n\r\n\n\ndata: [DONE]\r\n\r\n', events: ['[DONE]'] },
];

describe('sseData separators', () => {
  test.each(cases)('$name', async ({ stream, events }) => {
    for (const parts of splits(stream)) expect(await collect(parts)).toEqual(events);
  });

  test('a final event without its blank line is still delivered', async () => {
    expect(await collect(['data: a\n\ndata: [DO', 'NE]'])).toEqual(['a', '[DONE]']);
    expect(await collect(['data: a\n\ndata: [DONE]\r'])).toEqual(['a', '[DONE]']);
  });

  test('a multi-byte UTF-8 character split across chunks', async () => {
    const bytes = enc.encode('data: é€\n\n');
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (const b of bytes) yield Uint8Array.of(b);
    }
    const out: string[] = [];
    for await (const d of sseData(chunks())) out.push(d);
    expect(out).toEqual(['é€']);
  });
});
