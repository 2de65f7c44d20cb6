import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toNano } from '@ton/core';
import { ExitCodes, Fees, MIN_CLOSE_DELAY, Opcodes, VOUCHER_TAG } from '../../contracts/constants';

const TOLK = join(__dirname, '..', '..', 'contracts', 'tolk');

/** Opcodes: `struct (0x...) Name` in messages.tolk; exit codes: `const ERR_X = n` in errors.tolk. */
describe('constants mirror the Tolk sources', () => {
  const messages = readFileSync(join(TOLK, 'messages.tolk'), 'utf8');
  const errors = readFileSync(join(TOLK, 'errors.tolk'), 'utf8');
  const structOps = new Map<string, number>();
  for (const m of messages.matchAll(/struct \((0x[0-9a-fA-F]+)\) (\w+)/g)) structOps.set(m[2] as string, Number(m[1]));
  const tolkErrors = new Map<string, number>();
  for (const m of errors.matchAll(/^const (ERR_\w+) = (0x[0-9a-fA-F]+|\d+)/gm))
    tolkErrors.set(m[1] as string, Number(m[2]));

  it('every opcode agrees, and every Tolk message has a TS opcode', () => {
    const tsByStruct: Record<string, number> = {};
    for (const [k, v] of Object.entries(Opcodes)) tsByStruct[k[0]!.toUpperCase() + k.slice(1)] = v;
    const tolkMessages = [...structOps.entries()].filter(([name]) => name !== 'Voucher');
    expect(tolkMessages.length).toBe(Object.keys(Opcodes).length);
    for (const [name, op] of tolkMessages) expect([name, tsByStruct[name]]).toEqual([name, op]);
    expect(structOps.get('Voucher')).toBe(VOUCHER_TAG);
  });

  it('every exit code agrees in both directions', () => {
    expect(Object.fromEntries(tolkErrors)).toEqual(ExitCodes);
  });

  it('opcodes and exit codes are unique', () => {
    const ops = Object.values(Opcodes);
    expect(new Set(ops).size).toBe(ops.length);
    const codes = Object.values(ExitCodes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('fee constants agree with the contracts', () => {
    const ton = (file: string, name: string): bigint => {
      const m = readFileSync(join(TOLK, file), 'utf8').match(new RegExp(`^const ${name} = ton\\("([0-9.]+)"\\)`, 'm'));
      if (!m) throw new Error(`${name} not found in ${file}`);
      return toNano(m[1] as string);
    };
    expect(ton('payment_channel.tolk', 'OP_MIN_VALUE')).toBe(Fees.channelOpMinValue);
    expect(ton('payment_channel.tolk', 'STORAGE_RESERVE')).toBe(Fees.channelStorageReserve);
    expect(ton('registry.tolk', 'ADMISSION_MIN_VALUE')).toBe(Fees.admissionMinValue);
  });

  it('the minimum close delay agrees with the contracts', () => {
    const m = readFileSync(join(TOLK, 'storage.tolk'), 'utf8').match(/^const MIN_CLOSE_DELAY = (\d+)/m);
    expect(Number(m?.[1])).toBe(MIN_CLOSE_DELAY);
  });
});
