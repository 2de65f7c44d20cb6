/** Step 6 of the devnet network: the OpenAI-compatible gateway on the SDK, spending the client's channel. */
import { rmSync } from 'node:fs';
import type { VerifyBundleOptions } from '../../attestation/bundle';
import type { BrokerChain } from '../../broker/chain';
import {
  ChrysalisClient,
  HttpBrokerApi,
  startGateway,
  tonVoucherSigner,
  type BrokerApi,
  type RunningGateway,
} from '../../sdk';
import { SqliteVoucherStore, voucherStorePath } from '../../sdk/node';
import type { DevnetChainStep } from './chain';
import type { DevnetModel, DevnetTrust, StepContext } from './types';

export interface GatewayTarget {
  readonly brokerUrl: string;
  readonly registryView: BrokerChain['registryView'];
  readonly chain: DevnetChainStep;
  readonly pkis: DevnetTrust;
  readonly model: DevnetModel;
}

/**
 * The SDK verifies every bundle itself against the devnet roots and the registry snapshot taken now (model prices
 * included: the default price cap). Vouchers name the devnet chain; the voucher state is `<data-dir>/vouchers.sqlite`,
 * the store `chrysalis chat --data-dir <data-dir>` shares. The chain is new at every start (and the client's channel
 * with it: same address, nothing vouched), so the store starts empty too, like the broker's ledger.
 */
export async function startDevnetGateway(ctx: StepContext, target: GatewayTarget): Promise<RunningGateway> {
  const { opts } = ctx;
  const { chain, pkis, model } = target;
  const storeFile = voucherStorePath(opts.dataDir);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${storeFile}${suffix}`, { force: true });
  const voucherStore = new SqliteVoucherStore(storeFile);
  ctx.onClose(async () => voucherStore.close());
  const globalId = chain.chain.globalId;
  const client = new ChrysalisClient({
    broker: spreadingBroker(target.brokerUrl),
    channel: chain.clientChannel.toString(),
    channelKey: chain.clientSeed,
    verify: { registry: await registrySnapshot(target.registryView), trust: pkis.trust, policy: pkis.policy },
    voucherSigner: tonVoucherSigner(chain.clientSeed, { globalId }),
    globalId,
    voucherStore,
    models: { [model.name]: model.id },
    // Fresh listings for every request (see `spreadingBroker`): the requests spread over the workers.
    listingTtlMs: 0,
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
  return {
    version: s.version,
    imageIds: s.imageIds,
    platformIds: s.platformIds,
    modelIds: s.modelIds,
    modelPrices: s.modelPrices,
  };
}

/**
 * The broker's API, with ties spread: among equally loaded workers (same load, same price) the SDK takes the lowest
 * worker id, so every devnet request would go to the same worker and only one GPU owner would ever be paid. Here each
 * listing's load gets a vanishing extra (1e-9 per request) by how recently this gateway sent to that worker, so equal
 * workers take turns; any real difference in load (at least 1/maxConcurrency) still decides first.
 */
export function spreadingBroker(url: string): BrokerApi {
  const api = new HttpBrokerApi(url);
  const lastSent = new Map<string, number>();
  let sent = 0;
  return {
    listWorkers: async (filter, signal) =>
      (await api.listWorkers(filter, signal)).map((l) => ({
        ...l,
        load: l.load + (lastSent.get(l.workerId) ?? 0) * 1e-9,
      })),
    getAccount: (clientKeyHex, auth, signal) => api.getAccount(clientKeyHex, auth, signal),
    submit: (params, signal) => {
      lastSent.set(params.workerId, ++sent);
      return api.submit(params, signal);
    },
    postVoucher: (v, signal) => api.postVoucher(v, signal),
    getReceipt: (requestId, clientKeyHex, auth, signal) => api.getReceipt(requestId, clientKeyHex, auth, signal),
  };
}
