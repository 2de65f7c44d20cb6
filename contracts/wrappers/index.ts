export * from './codec';
export * from './compile';
export * from './registry';
export * from './payment-channel';
export * from './attestation-log';
export * from './highload-wallet';
export * from './highload-wallet-code';
