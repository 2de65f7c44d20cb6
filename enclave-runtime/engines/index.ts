export type { ChatMessage, EngineEvent, FinishReason, GenerateRequest, InferenceEngine, Usage } from './types';
export { parseChatRequest, MAX_STOP_SEQUENCES } from './chat-request';
export { assertWithinCap, completionTokenLimit, costOf, promptTokenBound, type CostCap } from './cost-cap';
export { detectChatFormat, renderChat, type ChatFormat } from './chat-template';
export { createRng, sampleToken, type SamplingParams } from './sampler';
export { TextStream } from './text-stream';
export { createOnnxEngine, type OnnxEngineOptions } from './onnx';
export { createOpenAiUpstreamEngine, isLoopbackUrl, sseData, type OpenAiUpstreamOptions } from './openai-upstream';
export { createUpstreamEngineForDir, type UpstreamModelDirOptions } from './upstream-model';
