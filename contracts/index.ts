/** chrysalis TON layer: contracts (Tolk), wrappers, vouchers, chain access, devnet, settlement. */
export * from './constants';
export * from './errors';
export * from './voucher';
export * from './wrappers';
export * from './chain';
export * from './settlement';
