/** Test helpers for the command line: capture stdout/stderr, and a registry file as `contracts registry` prints it. */
import type { RegistrySnapshot } from '../../attestation/bundle';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Captures what is written to process.stdout/stderr until `restore()`. */
export function captureWrites(): { stdout(): string; stderr(): string; restore(): void } {
  let stdout = '';
  let stderr = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    restore: () => {
      o.mockRestore();
      e.mockRestore();
    },
  };
}

/** Runs `fn` with process.stdout/stderr captured. */
export async function capture(fn: () => Promise<number>): Promise<Captured> {
  const w = captureWrites();
  try {
    const code = await fn();
    return { code, stdout: w.stdout(), stderr: w.stderr() };
  } finally {
    w.restore();
  }
}

/** Stubs process.stdout/stderr writes around each test of the enclosing block; the spies record what was written. */
export function muteOutputEachTest(): { readonly out: jest.SpyInstance; readonly err: jest.SpyInstance } {
  const spies = {} as { out: jest.SpyInstance; err: jest.SpyInstance };
  beforeEach(() => {
    spies.out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    spies.err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    spies.out.mockRestore();
    spies.err.mockRestore();
  });
  return spies;
}

/** The JSON `chrysalis contracts registry` prints (bigints as strings, addresses as strings). */
export function registryFileJson(s: RegistrySnapshot, version = 3): string {
  return JSON.stringify(
    {
      owner: 'EQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAM9c',
      version: s.version ?? version,
      attestationLog: null,
      images: s.imageIds,
      platforms: s.platformIds,
      models: s.modelIds.map((id) => ({ id, multiplier: 10000 })),
      brokers: [],
      params: {
        // the SIMULATED bundles' default prices (devnet/sim-bundle DEFAULT_SIM_PRICES) at multiplier 1x
        promptPricePerToken: '1000',
        completionPricePerToken: '2000',
        brokerFeeBps: 1000,
        minBrokerStake: '10000000000',
        minClientDeposit: '1000000000',
        clientCloseDelay: 3600,
        workerCloseDelay: 3600,
      },
      address: 'EQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAM9c',
    },
    null,
    2,
  );
}
