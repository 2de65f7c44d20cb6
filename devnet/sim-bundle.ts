/** Test helper: a SIMULATED worker bundle from the devnet Intel and NVIDIA PKIs (fixed seeds, pinned time). */
import { createHash, randomBytes } from 'node:crypto';
import { createDevnetIntelPki, simulateTdxQuote, type DevnetIntelPki, type TdReportFields } from './intel';
import { createDevnetNvidiaPki, simulateGpuEvidence, type DevnetNvidiaPki } from './nvidia';
import {
  buildBundle,
  type BuiltBundle,
  type RuntimeEventRecord,
  type ModelPrice,
  type RegistrySnapshot,
  type VerifyBundleOptions,
} from '../attestation/bundle';
import { imageId, platformId } from '../attestation/policy';
import { replayRuntimeLog, type RuntimeEvent } from '../attestation/eventlog';

export const NOW = new Date('2025-06-10T12:00:00Z');

let intel: DevnetIntelPki | undefined;
let nvidia: DevnetNvidiaPki | undefined;
export function pkis(): { intel: DevnetIntelPki; nvidia: DevnetNvidiaPki } {
  intel ??= createDevnetIntelPki({ seed: 'bundle-test-intel', issuedAt: new Date('2025-06-01T00:00:00Z') });
  nvidia ??= createDevnetNvidiaPki({ seed: 'bundle-test-nvidia' });
  return { intel, nvidia };
}

const mr = (label: string): Uint8Array => new Uint8Array(createHash('sha384').update(label).digest());

export function tdFields(overrides: Partial<TdReportFields> = {}): Partial<TdReportFields> {
  const tdAttributes = new Uint8Array(8);
  tdAttributes[3] = 0x10; // SEPT_VE_DISABLE
  return {
    mrtd: mr('mrtd'),
    rtmr0: mr('rtmr0'),
    rtmr1: mr('rtmr1'),
    rtmr2: mr('rtmr2'),
    mrconfigid: new Uint8Array(48),
    mrowner: new Uint8Array(48),
    mrownerconfig: new Uint8Array(48),
    tdAttributes,
    ...overrides,
  };
}

export const MODEL_ID: Uint8Array = new Uint8Array(createHash('sha256').update('tiny@1:weights').digest());
export const CONFIG_DIGEST: Uint8Array = new Uint8Array(createHash('sha256').update('config').digest());

/** The SIMULATED worker's default committed prices, nanotons per token. */
export const DEFAULT_SIM_PRICES: ModelPrice = Object.freeze({ promptNano: 1000n, completionNano: 2000n });

export function runtimeEvents(modelId = MODEL_ID, configDigest = CONFIG_DIGEST): RuntimeEventRecord[] {
  return [
    { version: 1, name: 'chrysalis.config.v1', payload: configDigest, instanceSpecific: false },
    { version: 1, name: 'chrysalis.model.v1', payload: modelId, instanceSpecific: false },
    { version: 1, name: 'chrysalis.ready.v1', payload: new Uint8Array(0), instanceSpecific: false },
  ];
}

export interface SimOptions {
  readonly challenge?: Uint8Array;
  readonly fields?: Partial<TdReportFields>;
  readonly gpuCount?: number;
  /** Which SIMULATED device answers for GPU slot `index` (default: device `index`, i.e. distinct devices). */
  readonly gpuDevice?: (index: number) => number;
  /** GPU PKI to simulate from (default: the shared one; must share its roots to verify). */
  readonly nvidia?: DevnetNvidiaPki;
  readonly events?: RuntimeEventRecord[];
  /** Events the quote's RTMR3 is computed from (default: `events`). */
  readonly quotedEvents?: RuntimeEventRecord[];
  readonly modelId?: Uint8Array;
  readonly issuedAt?: Date;
  readonly keys?: { hpkePublicKey: Uint8Array; signingPublicKey: Uint8Array };
  /** The committed prices put in the claims (default `DEFAULT_SIM_PRICES`). */
  readonly prices?: ModelPrice;
}

export async function simulateBundle(o: SimOptions = {}): Promise<BuiltBundle & { challenge: Uint8Array }> {
  const { intel: ipki, nvidia: npki } = pkis();
  const fields = tdFields(o.fields);
  const events = o.events ?? runtimeEvents(o.modelId ?? MODEL_ID);
  const quoted = (o.quotedEvents ?? events).map((e): RuntimeEvent => ({
    version: 1,
    name: e.name,
    payload: e.payload,
    kind: e.instanceSpecific ? 'instance' : 'deterministic',
  }));
  const rtmr3 = replayRuntimeLog(quoted);
  const challenge = o.challenge ?? new Uint8Array(randomBytes(32));
  const built = await buildBundle({
    hpkePublicKey: o.keys?.hpkePublicKey ?? new Uint8Array(randomBytes(32)),
    signingPublicKey: o.keys?.signingPublicKey ?? new Uint8Array(randomBytes(32)),
    challenge,
    modelId: o.modelId ?? MODEL_ID,
    imageId: Buffer.from(imageId(fields as never), 'hex'),
    platformId: Buffer.from(platformId(fields as never), 'hex'),
    configDigest: CONFIG_DIGEST,
    workerVersion: 'test',
    promptPriceNano: (o.prices ?? DEFAULT_SIM_PRICES).promptNano,
    completionPriceNano: (o.prices ?? DEFAULT_SIM_PRICES).completionNano,
    issuedAt: o.issuedAt ?? NOW,
    quoteSource: { getQuote: async (reportData) => simulateTdxQuote(ipki, { ...fields, rtmr3, reportData }) },
    gpuSource: {
      count: o.gpuCount ?? 1,
      getEvidence: async (nonce, index) => {
        const ev = simulateGpuEvidence(o.nvidia ?? npki, { nonce, device: o.gpuDevice ? o.gpuDevice(index) : index });
        return { report: ev.report, certChain: ev.certChain, ...(ev.rims ? { rims: ev.rims } : {}) };
      },
    },
    runtimeEvents: events,
    tdxCollateralJson: JSON.stringify(ipki.collateralJson()),
  });
  return { ...built, challenge };
}

/** The allowlist for a SIMULATED bundle; with `prices`, also the registry prices for its model. */
export function registryFor(fields = tdFields(), modelId = MODEL_ID, prices?: ModelPrice): RegistrySnapshot {
  const id = Buffer.from(modelId).toString('hex');
  return {
    imageIds: [imageId(fields as never)],
    platformIds: [platformId(fields as never)],
    modelIds: [id],
    ...(prices ? { modelPrices: { [id]: prices } } : {}),
  };
}

export function verifyOptions(extra: Partial<VerifyBundleOptions> = {}): VerifyBundleOptions {
  const { intel: ipki, nvidia: npki } = pkis();
  const rootSha = createHash('sha256').update(ipki.rootCaDer).digest('hex');
  return {
    now: NOW,
    trust: { intel: { intelRootCaDer: [ipki.rootCaDer] }, nvidia: npki.trust },
    registry: registryFor(),
    policy: { quote: { allowedRoots: [rootSha] } },
    ...extra,
  };
}
