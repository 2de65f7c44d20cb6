/** Shared pieces of the broker link tests against the fake broker: a recording logger, a scriptable worker, waits. */
import type { BrokerLink, LinkLogger, LinkWorker } from '../../enclave-runtime/broker-link';
import type { FakeBroker, Peer } from './fake-broker';

export interface Logged {
  readonly level: 'info' | 'warn';
  readonly event: unknown;
}

export function recordingLogger(): { logger: LinkLogger; events: Logged[] } {
  const events: Logged[] = [];
  return {
    events,
    logger: {
      info: (o) => events.push({ level: 'info', event: (o as { event?: unknown }).event }),
      warn: (o) => events.push({ level: 'warn', event: (o as { event?: unknown }).event }),
    },
  };
}

/** A scriptable worker: bundle bytes echo the challenge; `handle` is replaced per test. */
export function scriptedWorker(over: Partial<LinkWorker> = {}): LinkWorker & { challenges: Uint8Array[] } {
  const challenges: Uint8Array[] = [];
  return {
    challenges,
    bundle: async (c) => {
      challenges.push(c);
      return Uint8Array.from([0xb0, ...c]);
    },

    handle: async function* () {
      throw Object.assign(new Error('not scripted'), { code: 'TEST_NOT_SCRIPTED' });
    },
    ...over,
  };
}

export async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const CHALLENGE = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

/** Connect, answer hello with a challenge and admit; returns the peer and the admission. */
export async function admit(broker: FakeBroker, link: BrokerLink): Promise<Peer> {
  const peer = await broker.nextPeer();
  await peer.next('hello');
  const admitted = link.admitted();
  peer.send({ challenge: { protocolVersion: 1, challenge: CHALLENGE } });
  await peer.next('bundle');
  peer.send({ admission: { ok: true, workerId: 'w-1', validUntilMs: 1234, bundleDigest: new Uint8Array([9]) } });
  await admitted;
  return peer;
}
