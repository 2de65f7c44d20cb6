/** The SIMULATED setup the bundle suites build on: devnet PKIs, TD fields, runtime events and a matching quote source. */
import { randomBytes } from 'node:crypto';
import { probeIdentity, type BuildBundleInput } from '../../attestation/bundle';
import { replayRuntimeLog, type RuntimeEvent } from '../../attestation/eventlog';
import {
  CONFIG_DIGEST,
  DEFAULT_SIM_PRICES,
  MODEL_ID,
  NOW,
  pkis,
  runtimeEvents,
  tdFields,
} from '../../devnet/sim-bundle';
import { simulateTdxQuote } from '../../devnet/intel';

/**
 * A quote source whose RTMR3 is the replay of the devnet runtime events, with the PKIs, fields and events used, and
 * `baseInput()`: every `buildBundle` input but the GPU source (fresh random keys and challenge, ids probed from it).
 */
export function simQuoteSetup() {
  const { intel, nvidia } = pkis();
  const fields = tdFields();
  const events = runtimeEvents();
  const rtmr3 = replayRuntimeLog(
    events.map((e): RuntimeEvent => ({ version: 1, name: e.name, payload: e.payload, kind: 'deterministic' })),
  );
  const quoteSource: BuildBundleInput['quoteSource'] = {
    getQuote: async (reportData) => simulateTdxQuote(intel, { ...fields, rtmr3, reportData }),
  };
  const baseInput = async (): Promise<Omit<BuildBundleInput, 'gpuSource'>> => {
    const ids = await probeIdentity(quoteSource);
    return {
      hpkePublicKey: new Uint8Array(randomBytes(32)),
      signingPublicKey: new Uint8Array(randomBytes(32)),
      challenge: new Uint8Array(randomBytes(32)),
      modelId: MODEL_ID,
      imageId: ids.imageId,
      platformId: ids.platformId,
      configDigest: CONFIG_DIGEST,
      promptPriceNano: DEFAULT_SIM_PRICES.promptNano,
      completionPriceNano: DEFAULT_SIM_PRICES.completionNano,
      issuedAt: NOW,
      quoteSource,
      runtimeEvents: events,
      tdxCollateralJson: JSON.stringify(intel.collateralJson()),
    };
  };
  return { intel, nvidia, fields, events, quoteSource, baseInput };
}
