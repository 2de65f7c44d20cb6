/**
 * The code table in attestation/README.md lists exactly the codes `chrysalis/attestation` exports (every `*_CODES`
 * array), and every code literal in the verifier's sources is one of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as attestation from '../../attestation';

const ROOT = join(__dirname, '..', '..');
const CODE_PREFIX = /^(TDX|POLICY|COLLATERAL|GPU|EVENTLOG|RUNTIME|MEASURE|BUNDLE|RECEIPT|TRUST_FILE)_[A-Z0-9_]+$/;

function exportedCodes(): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const [name, value] of Object.entries(attestation)) {
    if (name.endsWith('_CODES') && Array.isArray(value)) lists.set(name, value as string[]);
  }
  return lists;
}

function readmeTableCodes(): string[] {
  const text = readFileSync(join(ROOT, 'attestation', 'README.md'), 'utf8');
  const start = text.indexOf('\n## Error and violation codes\n');
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + 1);
  const next = rest.indexOf('\n## ');
  const section = next < 0 ? rest : rest.slice(0, next);
  const codes: string[] = [];
  for (const line of section.split('\n')) {
    const m = /^\| `([A-Z0-9_]+)` \|[^|]+\|[^|]*\S[^|]*\|$/.exec(line.replace(/\\\|/g, ''));
    if (m) codes.push(m[1] as string);
  }
  return codes;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('attestation error and violation codes', () => {
  const lists = exportedCodes();
  const exported = new Set([...lists.values()].flat());

  test('every error class area exports its code lists', () => {
    for (const name of ['TDX_PARSE_CODES', 'TDX_VERIFY_CODES', 'POLICY_VIOLATION_CODES', 'GPU_PARSE_CODES'])
      expect(lists.has(name)).toBe(true);
    for (const code of exported) expect(code).toMatch(CODE_PREFIX);
  });

  test('the README table lists exactly the exported codes, once each, with a layer and a meaning', () => {
    const table = readmeTableCodes();
    expect(table.length).toBe(new Set(table).size);
    expect([...table].sort()).toEqual([...exported].sort());
  });

  test('every code literal in attestation/ sources is exported', () => {
    const unlisted = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'attestation'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z0-9_]+)'/g)) {
        const code = m[1] as string;
        if (CODE_PREFIX.test(code) && !exported.has(code)) unlisted.add(`${code} (${file.slice(ROOT.length + 1)})`);
      }
    }
    expect([...unlisted]).toEqual([]);
  });
});
