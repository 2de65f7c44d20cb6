export * from './errors';
export * from './claims';
export * from './bundle';
export * from './binding';
export * from './build';
export * from './verify';
export * from './runtime-events';
