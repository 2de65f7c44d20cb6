/** DCAP collateral: the normalised type and the pure readers (the PCS directory loader is in `pcs-dir-fs.ts`). */
export type { Collateral, TrustRoots } from './types';
export { CollateralError, COLLATERAL_CODES } from './errors';
export type { CollateralErrorCode } from './errors';
export { collateralFromJson, collateralFromPcsParts, collateralToJson } from './json';
export type { DcapQvlCollateralJson } from './json';
