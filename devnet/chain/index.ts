/** The SIMULATED TON chain of the devnet: `@ton/sandbox` behind a toncenter-v2-compatible HTTP API. */
export {
  startDevnetChain,
  type DevnetChain,
  type DevnetChainOptions,
  type DevnetBroker,
  type OpenChannelOptions,
} from './sandbox-chain';
export { startToncenterServer, type ToncenterServer } from './toncenter-server';
