export { buildTinyModel, TINY_GENERATOR_VERSION, TINY_MODEL_NAME, type TinyModelFiles } from './build';
export { DEFAULT_TINY_SEED, ensureTinyModel, tinyRevision, type TinyModelInfo } from './ensure';
