/**
 * toncenter API v2 JSON shapes, as @ton/ton's HttpApi validates and TonClient parses them
 * (node_modules/@ton/ton/dist/client/api/HttpApi.js, TonClient.js): get-method stacks, transactions,
 * messages, block ids. Used by the devnet server; kept separate so it can be tested alone.
 */
import { Address, beginCell, Cell, type Message, storeMessage, type Transaction, type TupleItem } from '@ton/core';

export type StackEntryIn = [string, unknown];

/** Request stack (HttpApi.serializeStack): ["num", "123"|"0x7b"], ["tvm.Cell", b64], ["tvm.Slice", b64], ["tvm.Builder", b64]. */
export function parseStackIn(stack: unknown): TupleItem[] {
  if (!Array.isArray(stack)) return [];
  return stack.map((e): TupleItem => {
    if (!Array.isArray(e) || typeof e[0] !== 'string') throw new TypeError('bad stack entry');
    const [kind, value] = e as [string, unknown];
    switch (kind) {
      case 'num':
      case 'number':
      case 'int': {
        const s = String(value);
        const neg = s.startsWith('-');
        const v = BigInt(neg ? s.slice(1) : s);
        return { type: 'int', value: neg ? -v : v };
      }
      case 'tvm.Cell':
      case 'cell':
        return { type: 'cell', cell: Cell.fromBase64(String(value)) };
      case 'tvm.Slice':
      case 'slice':
        return { type: 'slice', cell: Cell.fromBase64(String(value)) };
      case 'tvm.Builder':
      case 'builder':
        return { type: 'builder', cell: Cell.fromBase64(String(value)) };
      case 'null':
        return { type: 'null' };
      default:
        throw new TypeError(`unsupported stack entry type ${kind}`);
    }
  });
}

function numStr(v: bigint): string {
  return v < 0n ? '-0x' + (-v).toString(16) : '0x' + v.toString(16);
}

/** Nested entries inside tuples use the tvm.stackEntry* object form (TonClient.parseStackEntry). */
function stackEntryObject(item: TupleItem): unknown {
  switch (item.type) {
    case 'int':
      return {
        '@type': 'tvm.stackEntryNumber',
        number: { '@type': 'tvm.numberDecimal', number: item.value.toString() },
      };
    case 'cell':
      return {
        '@type': 'tvm.stackEntryCell',
        cell: { '@type': 'tvm.cell', bytes: item.cell.toBoc().toString('base64') },
      };
    case 'slice':
      return {
        '@type': 'tvm.stackEntrySlice',
        slice: { '@type': 'tvm.slice', bytes: item.cell.toBoc().toString('base64') },
      };
    case 'tuple':
      return {
        '@type': 'tvm.stackEntryTuple',
        tuple: { '@type': 'tvm.tuple', elements: item.items.map(stackEntryObject) },
      };
    case 'null':
      return { '@type': 'tvm.stackEntryTuple', tuple: { '@type': 'tvm.tuple', elements: [] } };
    default:
      throw new TypeError(`unsupported result stack item ${item.type}`);
  }
}

/** Response stack in the top-level form TonClient.parseStackItem reads. */
export function serializeStackOut(items: readonly TupleItem[]): unknown[] {
  return items.map((item) => {
    switch (item.type) {
      case 'int':
        return ['num', numStr(item.value)];
      case 'null':
        return ['null'];
      case 'cell':
        return ['cell', { bytes: item.cell.toBoc().toString('base64') }];
      case 'slice':
        return ['slice', { bytes: item.cell.toBoc().toString('base64') }];
      case 'builder':
        return ['builder', { bytes: item.cell.toBoc().toString('base64') }];
      case 'tuple':
        return ['tuple', { '@type': 'tvm.tuple', elements: item.items.map(stackEntryObject) }];
      default:
        throw new TypeError(`unsupported result stack item ${item.type}`);
    }
  });
}

function addrStr(a: unknown): string {
  return Address.isAddress(a) ? a.toString({ bounceable: true, urlSafe: true }) : '';
}

export function messageJson(m: Message | undefined | null): Record<string, unknown> | undefined {
  if (!m) return undefined;
  const info = m.info;
  const body = m.body;
  const boc = beginCell().store(storeMessage(m)).endCell().toBoc().toString('base64');
  return {
    '@type': 'raw.message',
    source: info.type === 'external-in' ? '' : addrStr(info.src),
    destination: info.type === 'external-out' ? '' : addrStr(info.dest),
    value: info.type === 'internal' ? info.value.coins.toString() : '0',
    fwd_fee: info.type === 'internal' ? info.forwardFee.toString() : '0',
    ihr_fee: info.type === 'internal' ? info.ihrFee.toString() : '0',
    created_lt: info.type === 'external-in' ? '0' : info.createdLt.toString(),
    body_hash: body.hash().toString('base64'),
    msg_data: { '@type': 'msg.dataRaw', body: body.toBoc().toString('base64'), init_state: '' },
    message: boc,
  };
}

export function transactionJson(tx: Transaction): Record<string, unknown> {
  const d = tx.description;
  const storageFee = d.type === 'generic' && d.storagePhase ? d.storagePhase.storageFeesCollected : 0n;
  return {
    '@type': 'raw.transaction',
    utime: tx.now,
    data: tx.raw.toBoc().toString('base64'),
    transaction_id: { '@type': 'internal.transactionId', lt: tx.lt.toString(), hash: tx.hash().toString('base64') },
    fee: tx.totalFees.coins.toString(),
    storage_fee: storageFee.toString(),
    other_fee: (tx.totalFees.coins - storageFee).toString(),
    in_msg: messageJson(tx.inMessage),
    out_msgs: [...tx.outMessages.values()].map((m) => messageJson(m)),
  };
}

export function blockIdExt(seqno: number, workchain = -1): Record<string, unknown> {
  const h = Buffer.alloc(32);
  h.writeUInt32BE(seqno >>> 0, 28);
  return {
    '@type': 'ton.blockIdExt',
    workchain,
    shard: '-9223372036854775808',
    seqno,
    root_hash: h.toString('base64'),
    file_hash: h.toString('base64'),
  };
}
