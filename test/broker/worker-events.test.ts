/** `onWorkerSessionEnded`: the broker tells its embedder (the devnet prints it) when an admitted worker leaves. */
import type { WorkerSessionEnded } from '../../broker';
import { FakeWorker, startHarness, type Harness } from './helpers';

describe('worker session end is reported', () => {
  let h: Harness;
  const ended: WorkerSessionEnded[] = [];
  beforeEach(async () => {
    ended.length = 0;
    h = await startHarness({ onWorkerSessionEnded: (e) => ended.push(e) });
  });
  afterEach(async () => {
    await h?.close();
  });

  test('a worker that closes its connection: one event with its id, its (sanitised) name and why', async () => {
    const w = new FakeWorker();
    const link = h.connect(w, { workerName: 'gpu-box-7\u001b[31m\n' });
    const info = await link.admitted();
    await link.close();
    for (let i = 0; i < 100 && ended.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ workerId: info.workerId, workerName: 'gpu-box-7[31m', lost: 0 });
    expect(ended[0]!.reason).toMatch(/^closed by worker \(\d+\)$/);
  });

  test('a connection that never got admitted is not reported', async () => {
    const w = new FakeWorker();
    const link = h.connect(w, { workerName: 'never' });
    await link.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(ended).toHaveLength(0);
  });
});
