/**
 * The package's public entry points (`package.json` `exports`): each subpath loads — from `dist/` when the package is
 * built, from the TypeScript sources otherwise — and exports its key names; no production entry point exports anything
 * SIMULATED (the devnet PKIs, simulators and test helpers live in `chrysalis/devnet` only).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string>;
};

const KEY_NAMES: Record<string, readonly string[]> = {
  './attestation': [
    'verifyQuote',
    'collateralFromJson',
    'appraiseQuote',
    'DEFAULT_QUOTE_POLICY',
    'verifyGpuEvidence',
    'appraiseGpu',
    'DEFAULT_GPU_POLICY',
    'verifyBundle',
    'buildBundle',
    'verifyReceipt',
    'parseEventLog',
    'predictMeasurements',
    'imageId',
    'platformId',
    'INTEL_SGX_ROOT_CA_DER',
    'NVIDIA_TRUST_ROOTS',
    'ChrysalisError',
    'TdxParseError',
    'TdxVerifyError',
    'PolicyError',
    'GpuParseError',
    'GpuVerifyError',
    'GpuPolicyError',
    'BundleParseError',
    'BundleVerifyError',
    'BundlePolicyError',
    'ReceiptError',
    'TDX_PARSE_CODES',
    'TDX_VERIFY_CODES',
    'POLICY_VIOLATION_CODES',
    'GPU_POLICY_VIOLATION_CODES',
    'BUNDLE_VERIFY_CODES',
  ],
  './sdk': [
    'ChrysalisClient',
    'HttpBrokerApi',
    'defaultBundleVerifier',
    'tonVoucherSigner',
    'startGateway',
    'SdkError',
    'MemoryVoucherStore',
  ],
  './sdk/node': ['SqliteVoucherStore', 'openVoucherStore', 'voucherStorePath'],
  './broker': ['createBroker', 'startBroker', 'parseConfig', 'makeConfig', 'DEFAULT_CONFIG', 'BrokerError'],
  './worker': [
    'createWorker',
    'generateWorkerKeys',
    'createConfigfsTsmProvider',
    'createNvidiaGpuProvider',
    'WorkerError',
  ],
  './contracts': [
    'Registry',
    'PaymentChannel',
    'AttestationLog',
    'createChainClient',
    'signVoucher',
    'verifyVoucher',
    'checkVoucherAgainst',
    'modelPrice',
    'paymentChannelCodeHash',
    'NETWORK_GLOBAL_ID',
  ],
  './proto': ['chrysalis'],
  './devnet': [
    'createDevnetIntelPki',
    'createDevnetNvidiaPki',
    'simulateTdxQuote',
    'simulateGpuEvidence',
    'createSimulatedTdx',
    'createSimulatedGpuProvider',
    'startDevnetChain',
    'simulateBundle',
  ],
};

const SIMULATED_NAME = /devnet|simulat/i;

/** `./dist/x/<file>.js` when built, else the source `x/<file>.ts` (loaded through ts-jest). */
function load(subpath: string): { from: string; mod: Record<string, unknown> } {
  const target = pkg.exports[subpath];
  if (target === undefined) throw new Error(`package.json exports has no ${subpath}`);
  const dist = join(ROOT, target);
  const from = existsSync(dist) ? dist : join(ROOT, target.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));

  return { from, mod: require(from) as Record<string, unknown> };
}

describe('package exports', () => {
  test('the package is named chrysalis and exports exactly these subpaths', () => {
    expect(pkg.name).toBe('chrysalis');
    expect(Object.keys(pkg.exports).sort()).toEqual([...Object.keys(KEY_NAMES), './package.json'].sort());
  });

  test.each(Object.entries(KEY_NAMES))('chrysalis%s exports its key names', (subpath, names) => {
    const { from, mod } = load(subpath);
    const missing = names.filter((n) => mod[n] === undefined);
    expect({ from, missing }).toEqual({ from, missing: [] });
  });

  test.each(Object.keys(KEY_NAMES).filter((s) => s !== './devnet'))(
    'chrysalis%s exports nothing SIMULATED',
    (subpath) => {
      const devnet = new Set(Object.keys(load('./devnet').mod));
      const names = Object.keys(load(subpath).mod);
      expect(names.filter((n) => devnet.has(n) || SIMULATED_NAME.test(n))).toEqual([]);
    },
  );
});
