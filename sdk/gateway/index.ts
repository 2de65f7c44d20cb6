/** chrysalis/sdk/gateway — the OpenAI-compatible local gateway on top of the SDK (Node: express 5 + node:http). */
export { startGateway, type StartGatewayOptions, type RunningGateway } from './server';
export { createGatewayApp, type GatewayAppOptions, type GatewayClient, type GatewayLogger } from './app';
export { SDK_HTTP } from './errors';
export { GATEWAY_API_KEY_INVALID, isLoopbackHost } from './auth';
export {
  parseChatBody,
  parseCompletionBody,
  chrysalisExtension,
  OpenAiRequestError,
  type ChrysalisExtension,
  type ParsedChatBody,
} from './openai-shape';
