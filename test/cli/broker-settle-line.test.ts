/**
 * What `chrysalis broker` prints after a SIGUSR2 flush: `flushOutcome` reads the settler's channels and workers and
 * reports ok only when nothing is left pending; `settleLine` words it.
 */
import { flushOutcome, settleLine } from '../../cli/broker';
import type { ChannelSettlement, WorkerSettlement } from '../../broker/chain/settler-types';

const channel = (c: Partial<ChannelSettlement>): ChannelSettlement => ({
  channel: 'EQ_c',
  clientKey: 'ab'.repeat(32),
  latestNano: 0n,
  latestSeq: 0n,
  claimedOnChainNano: 0n,
  status: 'open',
  lastError: null,
  ...c,
});
const worker = (w: Partial<WorkerSettlement>): WorkerSettlement => ({
  workerId: 'w1',
  owedNano: 0n,
  signedNano: 0n,
  channel: null,
  lastError: null,
  ...w,
});
const settler = (channels: ChannelSettlement[], workers: WorkerSettlement[]) => ({
  channels: () => channels,
  workers: () => workers,
});

describe('broker settlement flush outcome', () => {
  it('is ok when every voucher is claimed and no worker failed', () => {
    expect(flushOutcome(settler([], []))).toEqual({ ok: true });
    const claimed = channel({ latestNano: 500n, claimedOnChainNano: 500n, lastError: 'CHAIN_SEND_FAILED' });
    const unclaimedNoError = channel({ latestNano: 900n, claimedOnChainNano: 500n });
    const o = flushOutcome(settler([claimed, unclaimedNoError], [worker({ owedNano: 5n, signedNano: 5n })]));
    expect(o).toEqual({ ok: true });
    expect(settleLine(o)).toBe('settlement: flushed (every voucher held claimed on chain, workers paid)');
  });

  it('fails with the first pending error and the count: a channel above its claim, then failing workers', () => {
    const o = flushOutcome(
      settler(
        [
          channel({ channel: 'EQ_ok', latestNano: 100n, claimedOnChainNano: 100n }),
          channel({ channel: 'EQ_stuck', latestNano: 900n, claimedOnChainNano: 500n, lastError: 'CHAIN_UNREACHABLE' }),
        ],
        [worker({ workerId: 'w1', lastError: 'WORKER_CHANNEL_OPEN_FAILED' }), worker({ workerId: 'w2' })],
      ),
    );
    expect(o).toEqual({ ok: false, code: 'CHAIN_UNREACHABLE', pending: 2 });
    expect(settleLine(o)).toBe('settlement: flush failed (CHAIN_UNREACHABLE; 2 pending); the next pass retries');
  });

  it('a failing worker alone fails the flush with its code', () => {
    const o = flushOutcome(settler([], [worker({ lastError: 'SETTLER_WORKER_PAY_FAILED' })]));
    expect(o).toEqual({ ok: false, code: 'SETTLER_WORKER_PAY_FAILED', pending: 1 });
    expect(settleLine(o)).toContain('(SETTLER_WORKER_PAY_FAILED; 1 pending)');
  });
});
