/**
 * Opcodes, exit codes and tags of the chrysalis contracts, mirrored from `contracts/tolk/messages.tolk` and
 * `contracts/tolk/errors.tolk` (the Tolk sources are the definition; `test/contracts/constants.test.ts`
 * parses them and checks that every value here agrees).
 */
/** The TON networks chrysalis runs on (the devnet is the local sandbox chain). */
export type Network = 'devnet' | 'testnet' | 'mainnet';

export const Opcodes = {
  excesses: 0xd53276db,
  // Registry
  addImage: 0x43680101,
  removeImage: 0x43680102,
  addPlatform: 0x43680103,
  removePlatform: 0x43680104,
  addModel: 0x43680105,
  removeModel: 0x43680106,
  addBroker: 0x43680107,
  removeBroker: 0x43680108,
  setParams: 0x43680109,
  setAttestationLog: 0x4368010a,
  submitAdmission: 0x4368010c,
  proposeOwner: 0x4368010d,
  acceptOwner: 0x4368010e,
  cancelOwner: 0x4368010f,
  upgrade: 0x43680110,
  // PaymentChannel
  topUp: 0x43680201,
  claim: 0x43680202,
  startClose: 0x43680203,
  finishClose: 0x43680204,
  cooperativeClose: 0x43680205,
  payout: 0x43680206,
  refund: 0x43680207,
  // AttestationLog
  logAdmission: 0x43680301,
} as const;

/** Tag (prefix) of the voucher cell the payer signs (`voucher#43685602`, the layout with `global_id`). */
export const VOUCHER_TAG = 0x43685602;

/**
 * Global id of each network (config param 19, `_ global_id:int32 = ConfigParam 19`): vouchers name it and the
 * PaymentChannel accepts only those naming the chain it runs on. The devnet sandbox sets param 19 to `devnet`.
 */
export const NETWORK_GLOBAL_ID = { mainnet: -239, testnet: -3, devnet: -4242 } as const;

/** The global id of `network`. */
export function globalIdOf(network: Network): number {
  const id = (NETWORK_GLOBAL_ID as Readonly<Record<string, number>>)[network];
  if (id === undefined) throw new RangeError(`unknown network ${String(network)}`);
  return id;
}

/**
 * Shortest close delay (seconds) a channel may hold money with (storage.tolk MIN_CLOSE_DELAY): the payee's time
 * to claim after the payer starts a close. Shorter channels refuse TopUp; the registry refuses shorter params.
 */
export const MIN_CLOSE_DELAY = 3600;

/** Topic of the external-out log message the AttestationLog emits per admission. */
export const ADMISSION_TOPIC = 0x61646d6974n;

/** Tolk names of the exit codes, as in errors.tolk. */
export const ExitCodes = {
  ERR_NOT_OWNER: 100,
  ERR_LOW_VALUE: 101,
  ERR_BAD_PARAMS: 102,
  ERR_NOT_FOUND: 103,
  ERR_NOT_BROKER: 104,
  ERR_NO_LOG: 105,
  ERR_IMAGE_NOT_ALLOWED: 106,
  ERR_PLATFORM_NOT_ALLOWED: 107,
  ERR_MODEL_NOT_ALLOWED: 108,
  ERR_NOT_PROPOSED_OWNER: 140,
  ERR_NO_PROPOSED_OWNER: 141,
  ERR_BAD_MIGRATION: 142,
  ERR_NOT_PAYER: 110,
  ERR_NOT_PAYEE: 111,
  ERR_BAD_SIGNATURE: 112,
  ERR_WRONG_CHANNEL: 113,
  ERR_STALE_SEQ: 114,
  ERR_NOT_MONOTONIC: 115,
  ERR_INSUFFICIENT_DEPOSIT: 116,
  ERR_CLOSING: 117,
  ERR_NOT_CLOSING: 118,
  ERR_TOO_EARLY: 119,
  ERR_BAD_VOUCHER: 120,
  ERR_CLOSED: 121,
  ERR_NOT_PARTY: 122,
  ERR_WRONG_NETWORK: 123,
  ERR_CLOSE_DELAY_TOO_SHORT: 124,
  ERR_NOT_REGISTRY: 130,
  ERR_HW_BAD_SIGNATURE: 150,
  ERR_HW_WRONG_SUBWALLET: 151,
  ERR_HW_WRONG_TIMEOUT: 152,
  ERR_HW_BAD_QUERY_ID: 153,
  ERR_HW_FUTURE: 154,
  ERR_HW_EXPIRED: 155,
  ERR_HW_REPLAY: 156,
  ERR_HW_BAD_MESSAGE: 157,
  ERR_UNKNOWN_OP: 0xffff,
} as const;
export type ExitCodeName = keyof typeof ExitCodes;

/** Channel status values (storage.tolk). */
export const ChannelStatus = { open: 0, closing: 1, closed: 2 } as const;

/** Fee constants mirrored from the contracts (nanoTON). */
export const Fees = {
  /** payment_channel.tolk OP_MIN_VALUE: minimum value attached to any channel operation. */
  channelOpMinValue: 20_000_000n,
  /** payment_channel.tolk STORAGE_RESERVE: kept on the channel above the owed deposit. */
  channelStorageReserve: 10_000_000n,
  /** registry.tolk ADMISSION_MIN_VALUE. */
  admissionMinValue: 50_000_000n,
} as const;

/** Price multipliers use Cocoon's fixed point: 10000 = 1x. */
export const MULTIPLIER_ONE = 10000;
