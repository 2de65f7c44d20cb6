/**
 * The worker's TDX collateral source against a loopback PCS replaying RECORDED Intel collateral (../shared/vectors):
 * fetch for a real quote's FMSPC, caches (memory, disk), refresh, keep-last-good while valid, and each failure code.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collateralFromJson } from '../../attestation/collateral';
import { verifyQuote } from '../../attestation/tdx';
import { manualClock } from '../../core/clock';
import { collateralWindow, createTdxCollateralSource } from '../../enclave-runtime/evidence/tdx-collateral';
import { describeVectors, readVector } from '../helpers/vectors';
import { route, startLoopbackPcs, type LoopbackPcs } from './loopback-pcs';
import { recordedCollateral, serveCollateral } from './replay-intel';

const HOUR = 3600_000;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? 'NO_CODE';
  }
  return 'NO_ERROR';
}

describe('TDX collateral source: inputs that need no vectors', () => {
  test('a quote without a PCK chain is PCS_QUOTE_UNSUPPORTED', async () => {
    const src = createTdxCollateralSource({ pcsUrl: 'http://127.0.0.1:9' });
    expect(await codeOf(src.collateralFor(new Uint8Array(100)))).toBe('PCS_QUOTE_UNSUPPORTED');
  });
});

describeVectors('pcs')('TDX collateral source on a loopback PCS replaying recorded Intel collateral', () => {
  const quote = new Uint8Array(readVector('tdx', 'google-go-tdx-guest/testing/testdata/quote_v5_sample.dat'));
  // The real v5 quote of go-tdx-guest and the recorded Intel collateral of its FMSPC (MANIFEST case
  // gotdx-v5-with-phala-collateral-uptodate).
  const recorded = recordedCollateral(readVector('tdx', 'phala-dcap-qvl/sample/tdx_quote_outdated_collateral.json'));
  const win = collateralWindow(recorded);
  let pcs: LoopbackPcs;
  let dir: string;
  const tcbPath = '/tdx/certification/v4/tcb?fmspc=90C06F000000';
  const tcbHits = (): number => pcs.hits.get(tcbPath.toLowerCase()) ?? 0;

  beforeEach(async () => {
    pcs = await startLoopbackPcs();
    serveCollateral(pcs, recorded);
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-pcs-'));
  });
  afterEach(async () => {
    await pcs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the recorded collateral has a validity window', () => {
    expect(win.validFrom).toBeLessThan(win.validUntil);
  });

  test('fetches the collateral of the quote FMSPC; the real quote verifies with it', async () => {
    const clock = manualClock(win.validFrom + HOUR);
    const src = createTdxCollateralSource({ pcsUrl: `${pcs.baseUrl}/tdx/certification/v4/`, clock });
    const json = await src.collateralFor(quote);
    const v = verifyQuote(quote, collateralFromJson(json), { now: clock.now() });
    expect(v.teeType).toBe('TDX');
    expect(v.fmspc).toBe('90c06f000000');
    expect(v.tcbStatus).toBe('UpToDate');
    expect(v.tcbEvaluationDataNumber).toBe(18);
    expect(Buffer.from(collateralFromJson(json).tcbInfo)).toEqual(Buffer.from(recorded.tcbInfo));
  });

  test('serves from memory, refreshes after refreshEveryMs and before nextUpdate', async () => {
    const clock = manualClock(win.validFrom + HOUR);
    const src = createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock, refreshEveryMs: 6 * HOUR });
    await src.collateralFor(quote);
    await src.collateralFor(quote);
    expect(tcbHits()).toBe(1);
    clock.advance(6 * HOUR);
    await src.collateralFor(quote);
    expect(tcbHits()).toBe(2);
    // Within refreshBeforeMs (7 days) of nextUpdate every call refreshes.
    clock.set(win.validUntil - 2 * 24 * HOUR);
    await src.collateralFor(quote);
    await src.collateralFor(quote);
    expect(tcbHits()).toBe(4);
  });

  test('PCS down: the last good value (memory or disk) is kept while valid, then PCS_UNREACHABLE', async () => {
    const clock = manualClock(win.validFrom + HOUR);
    const first = createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock, cacheDir: dir });
    const good = await first.collateralFor(quote);
    pcs.routes.clear(); // every request now 404s
    clock.advance(48 * HOUR); // past refreshEveryMs: a refresh is tried and fails
    expect(await first.collateralFor(quote)).toBe(good);
    // A fresh process reads the disk cache.
    const second = createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock, cacheDir: dir });
    expect(await second.collateralFor(quote)).toBe(good);
    clock.set(win.validUntil);
    expect(await codeOf(first.collateralFor(quote))).toBe('PCS_UNREACHABLE');
    expect(await codeOf(second.collateralFor(quote))).toBe('PCS_UNREACHABLE');
  });

  test('PCS down without a cache: PCS_UNREACHABLE (connection refused and HTTP 500)', async () => {
    const clock = manualClock(win.validFrom + HOUR);
    route(pcs, tcbPath, { status: 500, body: 'down' });
    expect(await codeOf(createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock }).collateralFor(quote))).toBe(
      'PCS_UNREACHABLE',
    );
    const url = pcs.baseUrl;
    await pcs.close();
    expect(await codeOf(createTdxCollateralSource({ pcsUrl: url, clock }).collateralFor(quote))).toBe(
      'PCS_UNREACHABLE',
    );
    pcs = await startLoopbackPcs(); // for afterEach
  });

  test('expired and not-yet-valid collateral from PCS: their codes, unless a valid cache remains', async () => {
    const late = manualClock(win.validUntil + HOUR);
    expect(await codeOf(createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock: late }).collateralFor(quote))).toBe(
      'PCS_COLLATERAL_EXPIRED',
    );
    const early = manualClock(win.validFrom - HOUR);
    expect(await codeOf(createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock: early }).collateralFor(quote))).toBe(
      'PCS_COLLATERAL_NOT_YET_VALID',
    );
    // A cached good value outlives a refresh that returns unusable collateral, while it is valid.
    const clock = manualClock(win.validFrom + HOUR);
    const src = createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock, refreshEveryMs: HOUR });
    const good = await src.collateralFor(quote);
    route(pcs, tcbPath, { body: '{"tcbInfo":{}}', headers: {} });
    clock.advance(2 * HOUR);
    expect(await src.collateralFor(quote)).toBe(good);
    expect(await codeOf(createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock }).collateralFor(quote))).toBe(
      'PCS_RESPONSE_INVALID',
    );
  });

  test('concurrent calls share one fetch', async () => {
    const clock = manualClock(win.validFrom + HOUR);
    const src = createTdxCollateralSource({ pcsUrl: pcs.baseUrl, clock });
    const [a, b] = await Promise.all([src.collateralFor(quote), src.collateralFor(quote)]);
    expect(a).toBe(b);
    expect(tcbHits()).toBe(1);
  });
});
