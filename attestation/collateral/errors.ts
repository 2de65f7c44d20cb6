import { ChrysalisError } from '../errors';

/** Codes thrown while reading collateral (structure only; authenticity is checked by `verifyQuote`). */
export const COLLATERAL_CODES = [
  'COLLATERAL_MALFORMED', // not the documented shape (missing field, bad hex, bad PEM, bad JSON)
  'COLLATERAL_UNREADABLE', // a file of a PCS directory is missing or unreadable (fs shell only)
] as const;
export type CollateralErrorCode = (typeof COLLATERAL_CODES)[number];

export class CollateralError extends ChrysalisError<CollateralErrorCode> {}
