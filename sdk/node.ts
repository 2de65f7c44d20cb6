/**
 * chrysalis/sdk Node-only helpers: the SQLite voucher store several processes share (`chrysalis chat`,
 * `chrysalis gateway`, embedders), at `<data dir>/vouchers.sqlite` (data dir `$CHRYSALIS_DATA_DIR` or `~/.chrysalis`).
 */
export {
  SqliteVoucherStore,
  VOUCHER_STORE_FILE,
  defaultDataDir,
  openVoucherStore,
  voucherStorePath,
} from './voucher-store';
