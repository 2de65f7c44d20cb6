import { createMetrics } from '../../broker';
import { OTHER_LABEL, boundedLabel } from '../../broker/metrics';
import { FakeWorker, metricsText, post, startHarness, type Harness } from './helpers';
import { channelClient } from './voucher-helpers';

async function seriesCount(m: ReturnType<typeof createMetrics>, name: string): Promise<number> {
  const metric = m.registry.getSingleMetric(name);
  return (await metric!.get()).values.length;
}

describe('metric label values come from fixed sets; anything else is `other`', () => {
  test('1000 distinct codes, outcomes and directions stay a bounded number of series', async () => {
    const m = createMetrics();
    for (let i = 0; i < 1000; i++) {
      m.rejections.inc({ code: `WORKER_MADE_UP_${i}` });
      m.requests.inc({ outcome: `RANDOM_${i}` });
      m.duration.observe({ outcome: `RANDOM_${i}` }, 0.01);
      m.admissions.inc({ result: `r${i}`, code: `TDX_NOPE_${i}` });
      m.relayBytes.labels({ direction: `d${i}` }).inc(1);
      m.rejections.labels(`POSITIONAL_${i}`).inc();
    }
    m.rejections.inc({ code: 'BROKER_BAD_SIGNATURE' });
    m.rejections.inc({ code: 'TDX_QUOTE_TRUNCATED' });
    m.requests.inc({ outcome: 'completed' });
    expect(await seriesCount(m, 'chrysalis_broker_rejections_total')).toBe(3);
    expect(await seriesCount(m, 'chrysalis_broker_requests_total')).toBe(2);
    expect(await seriesCount(m, 'chrysalis_broker_admissions_total')).toBe(1);
    expect(await seriesCount(m, 'chrysalis_broker_relay_bytes_total')).toBe(1);
    const text = await m.registry.metrics();
    expect(text).toContain(`chrysalis_broker_rejections_total{code="${OTHER_LABEL}"} 2000`);
    expect(text).toContain('chrysalis_broker_rejections_total{code="BROKER_BAD_SIGNATURE"} 1');
    expect(text).not.toContain('MADE_UP');
    expect(boundedLabel('code', 'VOUCHER_STALE_SEQ')).toBe('VOUCHER_STALE_SEQ');
    expect(boundedLabel('code', 42)).toBe(OTHER_LABEL);
    expect(boundedLabel('unknown_label', 'x')).toBe(OTHER_LABEL);
    expect(boundedLabel('direction', 'worker_to_client')).toBe('worker_to_client');
  });

  describe('over HTTP', () => {
    let h: Harness;
    afterEach(async () => {
      await h?.close();
    });
    test('codes a worker makes up do not become label values', async () => {
      h = await startHarness();
      const c = channelClient();
      h.fund(c);
      for (let i = 0; i < 20; i++) {
        const w = new FakeWorker({ failWith: `WORKER_INVENTED_${i}` });
        await h.connect(w).admitted();
        await post(h.broker.url, c.submit({ workerId: w.workerId }));
      }
      const text = await metricsText(h.broker.url);
      expect(text).not.toContain('WORKER_INVENTED');
      expect(text).toContain('chrysalis_broker_requests_total{outcome="other"} 20');
    });
  });
});
