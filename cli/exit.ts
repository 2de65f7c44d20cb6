/**
 * The one exit-code table of the `chrysalis` command line, and the one place that turns an error into a printed
 * message and an exit code. Every command throws; `reportError` decides what the user sees and which code leaves.
 *
 *   0 ok · 1 verification failed / rejected · 2 usage · 3 input unreadable · 4 network / chain unreachable
 */

export const EXIT = Object.freeze({ OK: 0, REJECTED: 1, USAGE: 2, INPUT: 3, NETWORK: 4 } as const);
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table as `--help` and the README print it. */
export const EXIT_CODES_HELP = `exit codes:
  0  ok
  1  verification failed or rejected
  2  usage error (unknown command or flag, missing or malformed argument)
  3  input unreadable (missing file, not the expected format)
  4  network or chain unreachable
`;

/** Codes the CLI itself raises (the libraries' codes pass through unchanged). */
export type CliErrorCode =
  | 'CLI_USAGE'
  | 'CLI_INPUT_UNREADABLE'
  | 'CLI_REGISTRY_FILE_INVALID'
  | 'CLI_NETWORK_UNREACHABLE'
  | 'CLI_NO_DEVNET'
  | 'CLI_CONTRACT_NOT_FOUND'
  | 'CLI_NOT_A_REGISTRY'
  | 'CLI_NOT_AN_ATTESTATION_LOG'
  | 'CLI_BUNDLE_NOT_FOUND'
  | 'CLI_RECEIPT_MODEL_MISMATCH'
  | 'CLI_RECEIPT_PRICE_MISMATCH'
  | 'CLI_REJECTED';

/** An expected failure: printed as `chrysalis <cmd>: <CODE>: message`, its causes and a hint; no stack. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  /** Print the command's usage after the message (bad flags, missing arguments). */
  readonly showUsage: boolean;
  constructor(
    code: CliErrorCode,
    exitCode: ExitCode,
    message: string,
    options?: { cause?: unknown; hint?: string; showUsage?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options?.hint;
    this.showUsage = options?.showUsage ?? false;
  }
}

export const usageError = (message: string, hint?: string): CliError =>
  new CliError('CLI_USAGE', EXIT.USAGE, message, { showUsage: true, ...(hint ? { hint } : {}) });

export const inputError = (message: string, cause?: unknown, hint?: string): CliError =>
  new CliError('CLI_INPUT_UNREADABLE', EXIT.INPUT, message, {
    ...(cause !== undefined ? { cause } : {}),
    ...(hint ? { hint } : {}),
  });

export const networkError = (message: string, cause?: unknown, hint?: string): CliError =>
  new CliError('CLI_NETWORK_UNREACHABLE', EXIT.NETWORK, message, {
    ...(cause !== undefined ? { cause } : {}),
    ...(hint ? { hint } : {}),
  });

/** Library codes that mean "could not reach the network or the chain". */
const NETWORK_CODES = new Set([
  'CHAIN_REQUEST_FAILED',
  'CHAIN_TIMEOUT',
  'SDK_BROKER_UNREACHABLE',
  'SDK_TIMEOUT',
  'BROKER_CHAIN_REGISTRY_UNAVAILABLE',
  'BROKER_LEDGER_UNAVAILABLE',
  'BROKER_LEDGER_IN_USE',
]);

/** Node's socket-level error codes (fetch puts them on `cause`). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** What to do next, by code. */
const HINTS: Readonly<Record<string, string>> = {
  CHAIN_REQUEST_FAILED: 'check --endpoint (the devnet prints it as `chain-api:`) and that the node answers',
  CHAIN_TIMEOUT: 'the chain did not confirm in time: retry, or raise --timeout',
  SDK_BROKER_UNREACHABLE: 'is the broker running? for the devnet, start it with `npm start`',
  SDK_NO_WORKER: 'no admitted worker serves this model yet: `chrysalis status` lists the admitted workers',
  SDK_BUNDLE_INVALID: 'the worker evidence did not verify: check the trust roots and the registry allowlist',
  BUNDLE_POLICY_REJECTED: 'the registry does not allow this image, platform or model (see the violations)',
  BUNDLE_TDX_INVALID: 'the quote did not verify: pass --trust for the devnet roots, or --at for an old bundle',
};

function codeOf(err: unknown): string | undefined {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** True when `err` or anything in its cause chain is a socket-level failure. */
function isSocketFailure(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 8; e = (e as { cause?: unknown }).cause, i++) {
    const c = codeOf(e);
    if (c && SOCKET_CODES.has(c)) return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}

/** The exit code an error maps to, or undefined for an unexpected (programming) error. */
export function exitCodeFor(err: unknown): ExitCode | undefined {
  if (err instanceof CliError) return err.exitCode;
  const code = codeOf(err);
  if (code && NETWORK_CODES.has(code)) return EXIT.NETWORK;
  if (isSocketFailure(err)) return EXIT.NETWORK;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') return EXIT.INPUT;
  // Typed library errors (domain-prefixed SCREAMING_SNAKE codes) are expected: verification or the chain refused.
  if (code && /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(code) && !code.startsWith('ERR_')) return EXIT.REJECTED;
  return undefined;
}

let debug = process.env.CHRYSALIS_DEBUG === '1';
/** `--debug` on the command line, or CHRYSALIS_DEBUG=1: unexpected errors print their stack. */
export function setDebug(on: boolean): void {
  debug = on;
}
export function isDebug(): boolean {
  return debug;
}

/** The cause chain, one line each (`cause: CODE: message`), outermost first, without the error itself. */
export function causeLines(err: unknown): string[] {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let e = (err as { cause?: unknown } | null)?.cause, i = 0; e !== undefined && e !== null && i < 8; i++) {
    if (seen.has(e)) break;
    seen.add(e);
    const c = codeOf(e);
    const m = e instanceof Error ? e.message : String(e);
    lines.push(`  cause: ${c ? `${c}: ` : ''}${m}`);
    e = (e as { cause?: unknown }).cause;
  }
  return lines;
}

export interface ReportOptions {
  /** Also write `{ok:false, code, message, exit}` to stdout (commands run with --json). */
  readonly json?: boolean;
  /** The command's help text, printed after a usage error. */
  readonly usage?: string;
}

/**
 * Prints `err` for the user and returns its exit code: `chrysalis <cmd>: <CODE>: message`, the cause chain and a
 * hint. Unexpected errors say so and print their stack only in debug mode.
 */
export function reportError(cmd: string, err: unknown, opts: ReportOptions = {}): ExitCode {
  const prefix = `chrysalis${cmd ? ` ${cmd}` : ''}`;
  const exit = exitCodeFor(err);
  const message = err instanceof Error ? err.message : String(err);
  if (exit === undefined) {
    const lines = [`${prefix}: unexpected error: ${message}`, ...causeLines(err)];
    if (debug && err instanceof Error && err.stack) lines.push(err.stack);
    else lines.push('  hint: run again with --debug (or CHRYSALIS_DEBUG=1) for the stack trace, and report it');
    process.stderr.write(`${lines.join('\n')}\n`);
    if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, code: 'UNEXPECTED', message, exit: 1 })}\n`);
    return EXIT.REJECTED;
  }
  const code = codeOf(err) ?? 'ERROR';
  const shownCode = code === 'CLI_USAGE' ? 'usage' : code;
  const lines = [`${prefix}: ${shownCode}: ${message}`, ...causeLines(err)];
  const hint = (err instanceof CliError ? err.hint : undefined) ?? HINTS[code];
  if (hint) lines.push(`  hint: ${hint}`);
  if (err instanceof CliError && err.showUsage && opts.usage) lines.push('', opts.usage.trimEnd());
  process.stderr.write(`${lines.join('\n')}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, code, message, exit })}\n`);
  return exit;
}
