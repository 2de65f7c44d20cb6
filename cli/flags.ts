/**
 * Flag parsing and help layout shared by every `chrysalis` command. Flags are parsed by `node:util` parseArgs in
 * strict mode, so an unknown flag is a usage error (exit 2). Each command declares a `CommandSpec`; its `--help`
 * text is generated from that spec, so every command prints the same layout: a `usage:` line, what it does, its
 * options, and the exit-code table.
 */
import { parseArgs } from 'node:util';
import { EXIT, EXIT_CODES_HELP, reportError, usageError } from './exit';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string | boolean;
  /** Placeholder printed after the flag in help (`FILE`, `URL`); string options only. */
  readonly arg?: string;
  /** One line of help. */
  readonly desc: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export type FlagValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean'
    ? O[K]['multiple'] extends true
      ? boolean[]
      : boolean
    : O[K]['multiple'] extends true
      ? string[]
      : string;
};

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** Words after `chrysalis`, e.g. `attest bundle`. */
  readonly name: string;
  /** What follows the name on the usage line, e.g. `<bundle-file> [options]`. */
  readonly synopsis: string;
  /** One sentence: what the command does. */
  readonly summary: string;
  readonly options: O;
  /** Positional arguments: [min, max] (default [0, 0]). */
  readonly positionals?: readonly [number, number];
  /** Extra lines printed after the options (formats, defaults, examples). */
  readonly notes?: readonly string[];
}

/** `--help`/`-h`, added to every command. */
const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', desc: 'show this help' };

function flagLabel(name: string, o: OptionSpec): string {
  const short = o.short ? `-${o.short}, ` : '';
  const arg = o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : '';
  return `${short}--${name}${arg}`;
}

/** The help text of a command: usage line first, then summary, options, notes and the exit codes. */
export function helpText(spec: CommandSpec): string {
  const all: [string, OptionSpec][] = [...Object.entries(spec.options), ['help', HELP_OPTION]];
  const labels = all.map(([n, o]) => flagLabel(n, o));
  const width = Math.min(32, Math.max(...labels.map((l) => l.length)) + 2);
  const optionLines = all.map(([, o], i) => {
    const label = labels[i]!;
    const def = o.default !== undefined && o.default !== false ? ` (default ${String(o.default)})` : '';
    const pad = label.length >= width ? `\n  ${' '.repeat(width)}` : ' '.repeat(width - label.length);
    return `  ${label}${pad}${o.desc}${def}`;
  });
  return [
    `usage: chrysalis ${spec.name} ${spec.synopsis}`.trimEnd(),
    '',
    spec.summary,
    '',
    'options:',
    ...optionLines,
    ...(spec.notes && spec.notes.length ? ['', ...spec.notes] : []),
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}

export interface Parsed<O extends OptionSpecs> {
  readonly values: FlagValues<O>;
  readonly positionals: string[];
}

/**
 * Parses argv against the spec. Returns 'help' for `--help`/`-h`; throws a usage CliError (exit 2) on unknown
 * flags, a missing flag value or the wrong number of positionals.
 */
export function parseFlags<O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[]): Parsed<O> | 'help' {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }
  > = {};
  for (const [name, o] of [...Object.entries(spec.options), ['help', HELP_OPTION] as const]) {
    options[name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.default !== undefined ? { default: o.default } : {}),
    };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: options as never, allowPositionals: true, strict: true }) as never;
  } catch (err) {
    throw usageError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  if (parsed.values['help'] === true) return 'help';
  const [min, max] = spec.positionals ?? [0, 0];
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    throw usageError(
      n > max
        ? `unexpected argument '${parsed.positionals[max] ?? ''}'`
        : `missing argument: ${spec.synopsis.split(' ').filter((w) => w.startsWith('<'))[n] ?? 'see usage'}`,
    );
  }
  const { help: _help, ...values } = parsed.values;
  return { values: values as FlagValues<O>, positionals: parsed.positionals };
}

/**
 * Runs one command: parses its flags, prints help (exit 0) or runs `body`; any thrown error is printed and mapped
 * to its exit code by `reportError` (the one place that does so).
 */
export async function runCommand<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  argv: readonly string[],
  body: (args: Parsed<O>) => Promise<number>,
): Promise<number> {
  const usage = helpText(spec);
  let args: Parsed<O> | 'help';
  try {
    args = parseFlags(spec, argv);
  } catch (err) {
    return reportError(spec.name, err, { usage, json: argv.includes('--json') });
  }
  if (args === 'help') {
    process.stdout.write(usage);
    return EXIT.OK;
  }
  try {
    return await body(args);
  } catch (err) {
    return reportError(spec.name, err, { usage, json: (args.values as { json?: unknown }).json === true });
  }
}

/** A string flag that must be present. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw usageError(`--${flag} is required`);
  return value;
}

/** `--at` (ISO-8601), default now. */
export function parseAt(value: string | undefined, now: () => Date = () => new Date()): Date {
  if (value === undefined) return now();
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw usageError(`--at: not an ISO-8601 time: ${value}`);
  return d;
}

/** A non-negative integer flag. */
export function parseCount(value: string | undefined, flag: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw usageError(`--${flag}: expected an integer 0..${max}`);
  return Number(value);
}
