/**
 * A hostile worker's bundle bytes against a REAL broker (real verifyBundle over SIMULATED devnet hardware evidence),
 * on the real worker WebSocket: bytes that protobuf would accept but that are not the canonical encoding are refused
 * at admission with BUNDLE_TRAILING_DATA (and logged under the digest of the whole bytes sent); an oversized bundle
 * never reaches the verifier; an admission never outlives the evidence; and a worker that answers the broker's
 * re-attestation with evidence the broker cannot verify is refused with the verifier's code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { simulateBundle } from '../../devnet';
import {
  REGISTRY_PRICES,
  SIM_NOW,
  ed25519Key,
  rawLink,
  startRealBroker,
  type Msg,
  type RawLink,
  type RealBroker,
} from './helpers-a2';

/** The documented cap on an encoded bundle (attestation README: 8 MiB); a stranger knows it from the docs. */
const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;

const sha256hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const cat = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

let b: RealBroker;
let link: RawLink | undefined;
beforeEach(async () => {
  b = await startRealBroker();
});
afterEach(async () => {
  await link?.close();
  link = undefined;
  await b.close();
});

/** Dials, says hello and returns the first challenge. */
async function dial(): Promise<{ link: RawLink; challenge: Uint8Array }> {
  const l = await rawLink(b.broker.workerUrl);
  link = l;
  l.send({ hello: { protocolVersion: 1, maxConcurrency: 1, workerName: 'hostile' } });
  return { link: l, challenge: (await l.next('challenge')).challenge as Uint8Array };
}

async function bundleFor(challenge: Uint8Array, issuedAt = SIM_NOW): Promise<Uint8Array> {
  const keys = { hpkePublicKey: new Uint8Array(randomBytes(32)), signingPublicKey: ed25519Key().publicKey };
  return (await simulateBundle({ challenge, keys, issuedAt, prices: REGISTRY_PRICES })).encoded;
}

describe('hostile bundle bytes at admission', () => {
  test.each<[string, (enc: Uint8Array) => Uint8Array]>([
    ['a repeated field appended', (enc) => cat(enc, [0x08, 0x01])],
    ['an unknown field in front', (enc) => cat([0xf8, 0x07, 0x00], enc)],
    ['an unknown bytes field appended', (enc) => cat(enc, [0xfa, 0x07, 0x02, 0xde, 0xad])],
  ])('%s: refused with BUNDLE_TRAILING_DATA, recorded under the digest of the bytes sent', async (_what, mangle) => {
    const { link: l, challenge } = await dial();
    const sent = mangle(await bundleFor(challenge));
    l.send({ bundle: { challenge, bundle: sent } });
    const a = await l.next('admission');
    expect([a.ok, a.code]).toEqual([false, 'BUNDLE_TRAILING_DATA']);
    const [rec] = await b.ledger.listAdmissions(1);
    expect(rec).toMatchObject({ ok: false, code: 'BUNDLE_TRAILING_DATA', bundleDigest: sha256hex(sent) });
  });

  test('an oversized bundle is cut off at the frame limit: no admission, nothing verified or recorded', async () => {
    const { link: l, challenge } = await dial();
    l.send({ bundle: { challenge, bundle: new Uint8Array(MAX_BUNDLE_BYTES + 1) } });
    await expect(l.next('admission')).rejects.toThrow('link closed');
    expect(await b.ledger.listAdmissions(10)).toEqual([]);
  });

  test('the honest bytes are admitted under the digest of the whole encoding', async () => {
    const { link: l, challenge } = await dial();
    const enc = await bundleFor(challenge);
    l.send({ bundle: { challenge, bundle: enc } });
    const a = await l.next('admission');
    expect([a.ok, a.code]).toEqual([true, '']);
    expect(Buffer.from(a.bundleDigest as Uint8Array).toString('hex')).toBe(sha256hex(enc));
  });
});

describe('admission validity follows the evidence', () => {
  test('an admission ends with the evidence; a re-attestation the broker cannot verify is refused with its code', async () => {
    const { link: l, challenge } = await dial();
    // issued 3590 s before the broker's now: with the default maxAgeSeconds (3600) the evidence holds 10 s more
    const issuedAt = new Date(SIM_NOW.getTime() - 3_590_000);
    l.send({ bundle: { challenge, bundle: await bundleFor(challenge, issuedAt) } });
    const a: Msg = await l.next('admission');
    expect(a.ok).toBe(true);
    expect(Number(a.validUntilMs)).toBe(SIM_NOW.getTime() + 10_000);
    // less than the re-attestation grace is left: the broker challenges at once
    const again = (await l.next('challenge')).challenge as Uint8Array;
    // the worker can only offer evidence that is already past its age limit
    l.send({ bundle: { challenge: again, bundle: await bundleFor(again, new Date(SIM_NOW.getTime() - 3_601_000)) } });
    const refused = await l.next('admission');
    expect([refused.ok, refused.code]).toEqual([false, 'BUNDLE_STALE']);
  });
});
