/** Step 6 of the devnet network: the OpenAI-compatible gateway on the SDK, spending the client's channel. */
import type { VerifyBundleOptions } from '../../attestation/bundle';
import type { BrokerChain } from '../../broker/chain';
import { ChrysalisClient, startGateway, tonVoucherSigner, type RunningGateway } from '../../sdk';
import type { DevnetChainStep } from './chain';
import type { DevnetModel, DevnetTrust, StepContext } from './types';

export interface GatewayTarget {
  readonly brokerUrl: string;
  readonly registryView: BrokerChain['registryView'];
  readonly chain: DevnetChainStep;
  readonly pkis: DevnetTrust;
  readonly model: DevnetModel;
}

/** The SDK verifies every bundle itself against the devnet roots and the registry snapshot taken now. */
export async function startDevnetGateway(ctx: StepContext, target: GatewayTarget): Promise<RunningGateway> {
  const { opts } = ctx;
  const { chain, pkis, model } = target;
  const client = new ChrysalisClient({
    broker: target.brokerUrl,
    channel: chain.clientChannel.toString(),
    channelKey: chain.clientSeed,
    verify: { registry: await registrySnapshot(target.registryView), trust: pkis.trust, policy: pkis.policy },
    voucherSigner: tonVoucherSigner(chain.clientSeed),
    models: { [model.name]: model.id },
  });
  const gateway = await startGateway({
    client,
    port: opts.gatewayPort,
    host: opts.host,
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
  });
  ctx.onClose(() => gateway.close());
  return gateway;
}

async function registrySnapshot(view: BrokerChain['registryView']): Promise<VerifyBundleOptions['registry']> {
  const s = await view.snapshot();
  return { version: s.version, imageIds: s.imageIds, platformIds: s.platformIds, modelIds: s.modelIds };
}
