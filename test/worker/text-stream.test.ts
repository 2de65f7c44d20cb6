import { TextStream } from '../../enclave-runtime/engines';

// A toy decoder with the two properties that matter: a join with spaces and punctuation clean-up, and a byte-level
// tail that is incomplete (U+FFFD) until its second token arrives.
const VOCAB = ['Alice', 'ran', '.', 'down', '\u00e9-a', '\u00e9-b', 'END'];
function decode(ids: readonly number[]): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) {
    const t = VOCAB[ids[i]!]!;
    if (t === '\u00e9-a') s += ids[i + 1] !== undefined && VOCAB[ids[i + 1]!] === '\u00e9-b' ? ' \u00e9' : ' \uFFFD';
    else if (t === '\u00e9-b') continue;
    else s += (i === 0 ? '' : t === '.' ? '' : ' ') + t;
  }
  return s.replace(/^ /, '');
}

function run(ids: number[], stops: string[] = []): { parts: string[]; stopped: boolean } {
  const ts = new TextStream(decode, stops);
  const parts: string[] = [];
  for (const id of ids) {
    const p = ts.push(id);
    if (p) parts.push(p);
    if (ts.stopped) break;
  }
  const tail = ts.end();
  if (tail) parts.push(tail);
  return { parts, stopped: ts.stopped };
}

describe('TextStream', () => {
  test('emits exactly the full decode, in order', () => {
    const ids = [0, 1, 3, 2, 0, 1, 2];
    expect(run(ids).parts.join('')).toBe(decode(ids));
  });
  test('holds back an incomplete UTF-8 tail', () => {
    const { parts } = run([0, 4, 5, 1]);
    expect(parts.join('')).toBe('Alice \u00e9 ran');
    expect(parts.some((p) => p.includes('\uFFFD'))).toBe(false);
  });
  test('stop sequence cuts before it, even across tokens', () => {
    const { parts, stopped } = run([0, 1, 3, 2, 0, 1], ['down.']);
    expect(parts.join('')).toBe('Alice ran ');
    expect(stopped).toBe(true);
  });
  test('held-back prefix of a stop that never completes is flushed', () => {
    expect(run([0, 1, 3], ['down the']).parts.join('')).toBe('Alice ran down');
  });
});
