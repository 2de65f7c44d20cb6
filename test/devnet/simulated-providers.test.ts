/**
 * The SIMULATED worker evidence providers: GPU count and index bounds, firmware versions and OCSP responses carried
 * into the evidence; the simulated TD's RTMR3 extension, report-data check and quote version choice.
 */
import { parseQuote } from '../../attestation/tdx';
import { replayRuntimeLog, readyRuntimeEvent } from '../../attestation/eventlog';
import {
  createDevnetIntelPki,
  createDevnetNvidiaPki,
  createSimulatedGpuProvider,
  createSimulatedTdx,
} from '../../devnet';

const NONCE = new Uint8Array(32).fill(0x42);

describe('simulated GPU provider', () => {
  const pki = createDevnetNvidiaPki({ seed: 'sim-providers', devices: 2 });

  test.each([-1, 1.5, 3])('count %s outside 0..devices is a RangeError', (count) => {
    expect(() => createSimulatedGpuProvider({ pki, count })).toThrow(RangeError);
  });

  test('defaults to one GPU; an index outside 0..count-1 is a RangeError', async () => {
    const p = createSimulatedGpuProvider({ pki });
    expect([p.kind, p.count]).toEqual(['simulated', 1]);
    await expect(p.getEvidence(NONCE, 1)).rejects.toBeInstanceOf(RangeError);
    await expect(p.getEvidence(NONCE, -1)).rejects.toBeInstanceOf(RangeError);
    const ev = await p.getEvidence(NONCE, 0);
    expect(ev.certChain.length).toBeGreaterThan(0);
    expect(ev.ocsp).toBeUndefined();
  });

  test('versions and OCSP responses are carried into the evidence of each device', async () => {
    const at = new Date('2026-01-02T00:00:00Z');
    const p = createSimulatedGpuProvider({
      pki,
      count: 2,
      driverVersion: '570.00.01',
      vbiosVersion: '96.00.AA.00.01',
      ocspAt: () => at,
    });
    const [a, b] = await Promise.all([p.getEvidence(NONCE, 0), p.getEvidence(NONCE, 1)]);
    expect(a.ocsp?.length).toBeGreaterThan(0);
    expect(b.ocsp?.length).toBeGreaterThan(0);
    expect(Buffer.from(a.certChain[0]!).equals(Buffer.from(b.certChain[0]!))).toBe(false);
    expect(Buffer.from(a.report).includes(Buffer.from('570.00.01'))).toBe(true);
  });
});

describe('simulated TD', () => {
  const pki = createDevnetIntelPki({ seed: 'sim-providers' });

  test('RTMR3 follows the extended runtime events; report data must be 64 bytes', async () => {
    const td = createSimulatedTdx({ pki, imageSeed: 'img' });
    expect([...td.rtmr3]).toEqual(new Array(48).fill(0));
    const e = readyRuntimeEvent();
    await td.extend(e);
    expect(Buffer.from(td.rtmr3).equals(Buffer.from(replayRuntimeLog([e])))).toBe(true);
    await expect(td.getQuote(new Uint8Array(63))).rejects.toBeInstanceOf(RangeError);
  });

  test.each([4, 5] as const)('quote version %s on request, carrying the report data and RTMR3', async (version) => {
    const td = createSimulatedTdx({ pki, quoteVersion: version });
    await td.extend(readyRuntimeEvent());
    const rd = new Uint8Array(64).fill(9);
    const q = parseQuote(await td.getQuote(rd));
    expect(q.header.version).toBe(version);
    if (q.teeType !== 'TDX') throw new Error('expected a TDX quote');
    expect(Buffer.from(q.body.reportData).equals(Buffer.from(rd))).toBe(true);
    expect(Buffer.from(q.body.rtmr3).equals(Buffer.from(td.rtmr3))).toBe(true);
  });
});
