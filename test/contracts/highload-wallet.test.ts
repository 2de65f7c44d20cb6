import { type Blockchain, type SandboxContract } from '@ton/sandbox';
import { beginCell, type Cell, internal, SendMode, toNano } from '@ton/core';
import { sign as ed } from '@ton/crypto';
import { ExitCodes } from '../../contracts/constants';
import {
  buildHighloadExternal,
  compileContract,
  HIGHLOAD_MAX_QUERY_ID,
  HighloadWallet,
  highloadStoredShifts,
  highloadWalletCode,
  isValidQueryId,
  nextQueryId,
} from '../../contracts/wrappers';
import { keyFromSeed, newChain, T0, type Treasury } from './helpers';

const TIMEOUT = 600;
const SUBWALLET = 7;
const key = keyFromSeed('highload broker');
const stranger = keyFromSeed('not the broker');

/** Runs `fn` and returns the exit code of the refused external (the sandbox throws on a refused external). */
async function refusedWith(fn: () => Promise<unknown>): Promise<number | undefined> {
  try {
    await fn();
  } catch (err) {
    return (err as { exitCode?: number }).exitCode;
  }
  return undefined;
}

describe('HighloadWallet (highload v3 design)', () => {
  let code: Cell;
  let bc: Blockchain;
  let deployer: Treasury;
  let wallet: SandboxContract<HighloadWallet>;
  let dests: Treasury[];

  beforeAll(async () => {
    code = await compileContract('highload_wallet');
  });

  beforeEach(async () => {
    bc = await newChain();
    deployer = await bc.treasury('deployer');
    dests = [];
    for (let i = 0; i < 3; i++) dests.push(await bc.treasury(`dest-${i}`));
    wallet = bc.openContract(
      HighloadWallet.createFromConfig({ publicKey: key.publicKey, subwalletId: SUBWALLET, timeout: TIMEOUT }, code),
    );
    await wallet.sendDeploy(deployer.getSender(), toNano('100'));
  });

  const ext = (o: { queryId: number; createdAt?: number; n?: number; secretKey?: Buffer; timeout?: number }): Cell =>
    buildHighloadExternal({
      secretKey: o.secretKey ?? key.secretKey,
      subwalletId: SUBWALLET,
      timeout: o.timeout ?? TIMEOUT,
      queryId: o.queryId,
      createdAt: o.createdAt ?? bc.now! - 1,
      wallet: wallet.address,
      messages: Array.from({ length: o.n ?? 1 }, (_, i) => ({
        message: internal({
          to: dests[i % dests.length]!.address,
          value: toNano('0.1'),
          body: beginCell().storeUint(i, 32).endCell(),
        }),
        mode: SendMode.PAY_GAS_SEPARATELY,
      })),
    });

  const storedShifts = async (): Promise<{ queries: number; oldQueries: number }> => {
    const state = (await bc.getContract(wallet.address)).account.account?.storage.state;
    if (state?.type !== 'active' || !state.state.data) throw new Error('wallet not active');
    return highloadStoredShifts(state.state.data);
  };

  it('reports its key, subwallet and timeout', async () => {
    expect(await wallet.getPublicKey()).toBe(BigInt('0x' + key.publicKey.toString('hex')));
    expect(await wallet.getSubwalletId()).toBe(SUBWALLET);
    expect(await wallet.getTimeout()).toBe(TIMEOUT);
    expect(await wallet.getLastCleanTime()).toBe(0);
  });

  it('sends one message, and a batch of several in one external', async () => {
    const one = await wallet.sendExternal(ext({ queryId: 1 }));
    expect(one.transactions).toHaveTransaction({ from: wallet.address, to: dests[0]!.address, success: true });
    const r = await wallet.sendExternal(ext({ queryId: 2, n: 9 }));
    // external -> wallet -> itself (installs the batch) -> 9 destinations
    expect(r.transactions).toHaveTransaction({ from: wallet.address, to: wallet.address, success: true });
    for (const d of dests) {
      expect(r.transactions.filter((t) => t.inMessage?.info.dest?.toString() === d.address.toString())).toHaveLength(3);
    }
    expect(await wallet.getProcessed(1)).toBe(true);
    expect(await wallet.getProcessed(2)).toBe(true);
    expect(await wallet.getProcessed(3)).toBe(false);
  });

  it('applies a repeated external once (same query id = at most once)', async () => {
    const body = ext({ queryId: 5, n: 2 });
    await wallet.sendExternal(body);
    expect(await refusedWith(() => wallet.sendExternal(body))).toBe(ExitCodes.ERR_HW_REPLAY);
    // a lost send re-signed later with the same id (new created_at, other content) is refused too
    bc.now = bc.now! + 10;
    expect(await refusedWith(() => wallet.sendExternal(ext({ queryId: 5, n: 3 })))).toBe(ExitCodes.ERR_HW_REPLAY);
  });

  it('a lost send (never applied) can be re-sent with the same query id, and applies once', async () => {
    const lost = ext({ queryId: 77 });
    expect(await wallet.getProcessed(77)).toBe(false); // never reached the chain
    const before = await dests[0]!.getBalance();
    await wallet.sendExternal(lost);
    expect(await refusedWith(() => wallet.sendExternal(lost))).toBe(ExitCodes.ERR_HW_REPLAY);
    expect((await dests[0]!.getBalance()) - before).toBeGreaterThan(toNano('0.09'));
    expect((await dests[0]!.getBalance()) - before).toBeLessThan(toNano('0.11'));
    expect(await wallet.getProcessed(77)).toBe(true);
  });

  it('refuses a bad signature, another timeout, a future and an expired created_at', async () => {
    expect(await refusedWith(() => wallet.sendExternal(ext({ queryId: 1, secretKey: stranger.secretKey })))).toBe(
      ExitCodes.ERR_HW_BAD_SIGNATURE,
    );
    expect(await refusedWith(() => wallet.sendExternal(ext({ queryId: 1, timeout: TIMEOUT + 1 })))).toBe(
      ExitCodes.ERR_HW_WRONG_TIMEOUT,
    );
    expect(await refusedWith(() => wallet.sendExternal(ext({ queryId: 1, createdAt: bc.now! + 5 })))).toBe(
      ExitCodes.ERR_HW_FUTURE,
    );
    expect(await refusedWith(() => wallet.sendExternal(ext({ queryId: 1, createdAt: bc.now! - TIMEOUT })))).toBe(
      ExitCodes.ERR_HW_EXPIRED,
    );
    // an external signed at T0 is dead once the timeout passed, even if never sent
    const late = ext({ queryId: 2, createdAt: T0 });
    bc.now = T0 + TIMEOUT;
    expect(await refusedWith(() => wallet.sendExternal(late))).toBe(ExitCodes.ERR_HW_EXPIRED);
    expect(await wallet.getProcessed(1)).toBe(false);
  });

  it('refuses another subwallet id, a bit number of 1023 and a non-internal message', async () => {
    const sign = (inner: Cell): Cell => {
      return beginCell().storeBuffer(ed(inner.hash(), key.secretKey)).storeRef(inner).endCell();
    };
    const msg = beginCell().storeUint(0, 1).endCell();
    const inner = (o: { sub?: number; qid?: number; msg?: Cell }): Cell =>
      beginCell()
        .storeUint(o.sub ?? SUBWALLET, 32)
        .storeRef(o.msg ?? msg)
        .storeUint(3, 8)
        .storeUint(o.qid ?? 9, 23)
        .storeUint(bc.now! - 1, 64)
        .storeUint(TIMEOUT, 22)
        .endCell();
    expect(await refusedWith(() => wallet.sendExternal(sign(inner({ sub: SUBWALLET + 1 }))))).toBe(
      ExitCodes.ERR_HW_WRONG_SUBWALLET,
    );
    expect(await refusedWith(() => wallet.sendExternal(sign(inner({ qid: 1023 }))))).toBe(
      ExitCodes.ERR_HW_BAD_QUERY_ID,
    );
    const extOut = beginCell().storeUint(3, 2).endCell();
    expect(await refusedWith(() => wallet.sendExternal(sign(inner({ msg: extOut }))))).toBe(
      ExitCodes.ERR_HW_BAD_MESSAGE,
    );
  });

  it('ignores InternalTransfer from anyone but itself, and accepts plain top-ups', async () => {
    const forged = beginCell().storeUint(0xae42e5a4, 32).storeUint(0, 64).storeRef(beginCell().endCell()).endCell();
    const before = await wallet.getProcessed(0);
    const r = await deployer.send({ to: wallet.address, value: toNano('1'), body: forged });
    expect(r.transactions).toHaveTransaction({ to: wallet.address, success: true, outMessagesCount: 0 });
    expect(before).toBe(false);
  });

  it('keeps state bounded: query ids rotate out after two timeouts', async () => {
    let qid = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 30; i++) {
        await wallet.sendExternal(ext({ queryId: qid }));
        qid = nextQueryId(qid + 1023 - ((qid + 1) % 1024)); // a new shift each time: worst case for state
      }
      const shifts = await storedShifts();
      expect(shifts.queries + shifts.oldQueries).toBeLessThanOrEqual(60);
      bc.now = bc.now! + TIMEOUT + 1;
    }
    // after two idle timeouts both dicts are empty again
    bc.now = bc.now! + 2 * TIMEOUT + 1;
    await wallet.sendExternal(ext({ queryId: 1 }));
    expect(await wallet.getProcessed(1)).toBe(true);
    expect(await wallet.getLastCleanTime()).toBe(bc.now);
    expect(await storedShifts()).toEqual({ queries: 1, oldQueries: 0 });
  });

  it('the embedded code BoC is the compiled contract', () => {
    expect(highloadWalletCode().hash().toString('hex')).toBe(code.hash().toString('hex'));
  });

  it('query ids: valid range and successor', () => {
    expect(isValidQueryId(0)).toBe(true);
    expect(isValidQueryId(1023)).toBe(false);
    expect(isValidQueryId(HIGHLOAD_MAX_QUERY_ID)).toBe(true);
    expect(isValidQueryId(HIGHLOAD_MAX_QUERY_ID + 1)).toBe(false);
    expect(nextQueryId(1022)).toBe(1024);
    expect(nextQueryId(HIGHLOAD_MAX_QUERY_ID)).toBe(0);
    expect(() =>
      buildHighloadExternal({
        secretKey: key.secretKey,
        subwalletId: 1,
        timeout: 1,
        queryId: 1023,
        createdAt: 0,
        wallet: dests[0]!.address,
        messages: [],
      }),
    ).toThrow(RangeError);
  });
});
