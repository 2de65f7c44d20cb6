/**
 * Pure contract-side codecs: toncenter v2 stack shapes both ways (what the devnet server speaks), uint256 ids,
 * snake text cells and address equality. No chain needed.
 */
import { Address, beginCell, type TupleItem } from '@ton/core';
import { createChainClient, openWallet, parseStackIn, serializeStackOut, TonChainClient } from '../../contracts/chain';
import { addressEq, readSnakeText, snakeText, toBytes32, toHex256, toUint256 } from '../../contracts/wrappers/codec';

describe('toncenter stack codec', () => {
  const cell = beginCell().storeUint(7, 8).endCell();
  const b64 = cell.toBoc().toString('base64');

  it('reads every request entry form', () => {
    const items = parseStackIn([
      ['num', '-5'],
      ['number', '0x10'],
      ['int', 3],
      ['tvm.Cell', b64],
      ['cell', b64],
      ['tvm.Slice', b64],
      ['slice', b64],
      ['tvm.Builder', b64],
      ['builder', b64],
      ['null', null],
    ]);
    expect(items.map((i) => i.type)).toEqual([
      'int',
      'int',
      'int',
      'cell',
      'cell',
      'slice',
      'slice',
      'builder',
      'builder',
      'null',
    ]);
    expect(items.slice(0, 3).map((i) => (i as { value: bigint }).value)).toEqual([-5n, 16n, 3n]);
    expect((items[3] as { cell: typeof cell }).cell.equals(cell)).toBe(true);
    expect(parseStackIn(undefined)).toEqual([]);
    expect(() => parseStackIn([['tuple', []]])).toThrow(TypeError);
    expect(() => parseStackIn(['num'])).toThrow(TypeError);
  });

  it('writes every result item form, nested tuples in the object form', () => {
    const items: TupleItem[] = [
      { type: 'int', value: -255n },
      { type: 'int', value: 16n },
      { type: 'null' },
      { type: 'cell', cell },
      { type: 'slice', cell },
      { type: 'builder', cell },
      {
        type: 'tuple',
        items: [
          { type: 'int', value: 1n },
          { type: 'cell', cell },
          { type: 'slice', cell },
          { type: 'null' },
          { type: 'tuple', items: [] },
        ],
      },
    ];
    const out = serializeStackOut(items) as unknown[][];
    expect(out.slice(0, 3)).toEqual([['num', '-0xff'], ['num', '0x10'], ['null']]);
    expect(out[3]).toEqual(['cell', { bytes: b64 }]);
    expect(out[5]).toEqual(['builder', { bytes: b64 }]);
    const tuple = out[6]![1] as { elements: Array<Record<string, unknown>> };
    expect(tuple.elements.map((e) => e['@type'])).toEqual([
      'tvm.stackEntryNumber',
      'tvm.stackEntryCell',
      'tvm.stackEntrySlice',
      'tvm.stackEntryTuple',
      'tvm.stackEntryTuple',
    ]);
    expect(() => serializeStackOut([{ type: 'nan' } as TupleItem])).toThrow(TypeError);
    expect(() => serializeStackOut([{ type: 'tuple', items: [{ type: 'builder', cell }] }])).toThrow(TypeError);
  });
});

describe('wrapper codecs', () => {
  it('uint256 ids from bigint, hex (0x optional) and 32 bytes; out-of-range is RangeError', () => {
    const hex = 'ab'.repeat(32);
    const v = toUint256(hex);
    expect(toUint256(`0x${hex}`)).toBe(v);
    expect(toUint256(new Uint8Array(Buffer.from(hex, 'hex')))).toBe(v);
    expect(toUint256(v)).toBe(v);
    expect(toHex256(v)).toBe(hex);
    expect(Buffer.from(toBytes32(v)).toString('hex')).toBe(hex);
    expect(() => toUint256(-1n)).toThrow(RangeError);
    expect(() => toUint256(1n << 256n)).toThrow(RangeError);
    expect(() => toUint256('abc')).toThrow(RangeError);
    expect(() => toUint256(new Uint8Array(31))).toThrow(RangeError);
  });

  it('snake text round-trips across cells; address equality handles null', () => {
    const long = 'x'.repeat(400) + 'é';
    expect(readSnakeText(snakeText(long))).toBe(long);
    expect(readSnakeText(snakeText(''))).toBe('');
    const a = Address.parse(`0:${'ab'.repeat(32)}`);
    expect(addressEq(a, Address.parse(a.toString()))).toBe(true);
    expect(addressEq(a, null)).toBe(false);
    expect(addressEq(null, null)).toBe(true);
  });
});

describe('chain client construction and wallets (no network)', () => {
  it('devnet needs an explicit endpoint; testnet and mainnet default to toncenter', () => {
    expect(() => createChainClient({ network: 'devnet' })).toThrow(TypeError);
    expect(createChainClient({ network: 'testnet', apiKey: 'k', timeoutMs: 1000 }).network).toBe('testnet');
    expect(new TonChainClient({ network: 'mainnet' }).network).toBe('mainnet');
  });

  it('a request that fails is CHAIN_REQUEST_FAILED', async () => {
    const c = new TonChainClient({ network: 'devnet', endpoint: 'http://127.0.0.1:9/jsonRPC', timeoutMs: 2000 });
    await expect(c.getBalance(Address.parse(`0:${'ab'.repeat(32)}`))).rejects.toMatchObject({
      code: 'CHAIN_REQUEST_FAILED',
    });
  });

  it('wallets: v4r2 by default, v5r1 with a network-specific id; bad key sizes are RangeError', () => {
    const chain = new TonChainClient({ network: 'testnet' });
    const keys = { publicKey: new Uint8Array(32).fill(1), secretKey: new Uint8Array(64).fill(2) };
    const v4 = openWallet(chain, keys);
    const v5 = openWallet(chain, { ...keys, version: 'v5r1' });
    const v5main = openWallet(new TonChainClient({ network: 'mainnet' }), { ...keys, version: 'v5r1' });
    expect(v4.address.equals(v5.address)).toBe(false);
    expect(v5.address.equals(v5main.address)).toBe(false);
    expect(() => openWallet(chain, { ...keys, secretKey: new Uint8Array(32) })).toThrow(RangeError);
  });
});
