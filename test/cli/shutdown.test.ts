/**
 * How long-running commands wait to be stopped: SIGINT, SIGTERM or an AbortSignal, whichever comes first; the
 * listeners are gone afterwards (commands run repeatedly in one process leak none).
 */
import { untilShutdown } from '../../cli/shutdown';

describe('untilShutdown', () => {
  const counts = (): number[] => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];

  it.each(['SIGINT', 'SIGTERM'] as const)('resolves with %s and removes every listener it added', async (sig) => {
    const before = counts();
    const ac = new AbortController();
    const p = untilShutdown(ac.signal);
    expect(counts()).toEqual(before.map((n) => n + 1));
    process.emit(sig);
    await expect(p).resolves.toBe(sig);
    expect(counts()).toEqual(before);
    ac.abort(); // no longer listened to: nothing happens
  });

  it("resolves with 'abort' when the signal fires, and at once when it already has", async () => {
    const before = counts();
    const ac = new AbortController();
    const p = untilShutdown(ac.signal);
    ac.abort();
    await expect(p).resolves.toBe('abort');
    expect(counts()).toEqual(before);
    await expect(untilShutdown(ac.signal)).resolves.toBe('abort');
    expect(counts()).toEqual(before);
  });

  it('without a signal it waits for a process signal only', async () => {
    const p = untilShutdown();
    process.emit('SIGTERM');
    await expect(p).resolves.toBe('SIGTERM');
  });
});
