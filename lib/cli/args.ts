/**
 * The command line, parsed by Node's own `util.parseArgs` (no dependency):
 * `COMMAND POSITIONAL... [--option value]`, `--option=value` accepted, `--` ends the options, a
 * lone `-` is stdin. An option value may start with a dash (`--axis -1`).
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { MAX_THREADS } from '../threads/settings.js';
import { InputError } from './errors.js';
import { FORMATS, type Format } from './output.js';

/** The commands. */
export type Command = 'entropy' | 'cross_entropy' | 'differential_entropy' | 'jensenshannon';
export const COMMANDS: readonly Command[] = ['entropy', 'cross_entropy', 'differential_entropy', 'jensenshannon'];

/** The estimators of `differential_entropy --method`. */
export const METHODS = ['auto', 'vasicek', 'van es', 'ebrahimi', 'correa'] as const;

/** What the command line asked for. */
export interface Args {
  command: Command | undefined;
  positional: string[];
  qk?: string;
  /** `undefined`: the default (0); `null`: all axes. */
  axis?: number | number[] | null;
  base?: number;
  nanPolicy?: 'propagate' | 'omit' | 'raise';
  keepdims: boolean;
  format?: Format;
  output?: string;
  header?: boolean;
  delimiter?: string;
  blockBytes?: number;
  /** `--index-col`: a column index or header name; `null` for none. */
  indexCol?: number | string | null;
  usecols?: (number | string)[];
  key?: string;
  maxLineBytes?: number;
  method?: (typeof METHODS)[number];
  windowLength?: number;
  /** `--threads`: a thread count, or `'auto'` for every available core. */
  threads?: number | 'auto';
  help: boolean;
  version: boolean;
}

const OPTIONS = {
  qk: { type: 'string' },
  axis: { type: 'string' },
  base: { type: 'string' },
  'nan-policy': { type: 'string' },
  keepdims: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  header: { type: 'boolean' },
  'no-header': { type: 'boolean' },
  delimiter: { type: 'string' },
  'block-bytes': { type: 'string' },
  'index-col': { type: 'string' },
  usecols: { type: 'string' },
  key: { type: 'string' },
  'max-line-bytes': { type: 'string' },
  method: { type: 'string' },
  'window-length': { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

function usage(message: string): InputError {
  return new InputError(`${message} (see scipy-entropy --help)`);
}

function parseAxis(text: string): number | number[] | null {
  if (text.toLowerCase() === 'none') return null;
  const parts = text.split(',').map((s) => s.trim());
  if (!parts.every((s) => /^[+-]?\d+$/.test(s))) throw usage(`--axis must be an integer, a comma-separated list of integers, or 'none'; got '${text}'`);
  const axes = parts.map(Number);
  return axes.length === 1 ? axes[0] : axes;
}

function parseDelimiter(text: string): string {
  const t = text.toLowerCase();
  if (t === 'tab' || text === '\\t' || text === '\t') return '\t';
  if (t === 'space' || t === 'whitespace') return 'whitespace';
  if (text.length !== 1) throw usage(`--delimiter must be one character, 'tab' or 'whitespace'; got '${text}'`);
  return text;
}

/**
 * A thread count: `auto` or `0` (every available core) or a whole number from 1 to
 * {@link MAX_THREADS}, as the library's `setThreads` takes.
 * @throws {InputError} naming `source` (the option or variable) for anything else.
 */
export function parseThreads(source: string, text: string): number | 'auto' {
  const t = text.trim();
  if (t.toLowerCase() === 'auto' || /^0+$/.test(t)) return 'auto';
  const n = Number(t);
  if (!/^\d+$/.test(t) || n > MAX_THREADS) throw usage(`${source} must be 'auto' or a whole number from 0 (every core) to ${MAX_THREADS}; got '${text}'`);
  return n;
}

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1) throw usage(`${name} must be a positive integer; got '${text}'`);
  return n;
}

/** A column: a 0-based index, or a header name. */
function column(text: string): number | string {
  return /^\d+$/.test(text.trim()) ? Number(text) : text;
}

/**
 * Joins a value that starts with a dash to its option (`--axis -1` becomes `--axis=-1`), which
 * `util.parseArgs` would otherwise refuse as ambiguous.
 */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const long = a === '-o' ? 'output' : a.startsWith('--') ? a.slice(2) : undefined;
    const spec = long === undefined ? undefined : (OPTIONS as Record<string, { type: string }>)[long];
    if (spec?.type === 'string' && i + 1 < argv.length && argv[i + 1].startsWith('-') && argv[i + 1] !== '-') {
      out.push(`--${long}=${argv[++i]}`);
    } else {
      out.push(a);
    }
  }
  return out;
}

/**
 * Parses the arguments after the program name.
 * @throws {InputError} for an unknown option or command, a missing or malformed option value.
 */
export function parseArgs(argv: readonly string[]): Args {
  let parsed: ReturnType<typeof nodeParseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = nodeParseArgs({ args: joinDashValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const e = err as Error & { code?: string };
    const option = /'(-[^' ]*)/.exec(e.message)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw usage(`unknown option '${option}'`);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /'(--?[\w-]+)/.exec(e.message)?.[1] ?? option;
      throw usage(/argument missing/.test(e.message) ? `${name} needs a value` : `${name} takes no value`);
    }
    throw usage(e.message);
  }
  const v = parsed.values;
  const args: Args = { command: undefined, positional: [], keepdims: v.keepdims === true, help: v.help === true, version: v.version === true };
  const [command, ...positional] = parsed.positionals;
  if (command !== undefined) {
    const name = command.replace(/-/g, '_');
    if (!(COMMANDS as readonly string[]).includes(name)) {
      if (!args.help && !args.version) throw usage(`unknown command '${command}': expected one of ${COMMANDS.join(', ')}`);
    } else {
      args.command = name as Command;
    }
  }
  args.positional = positional;
  if (v.qk !== undefined) args.qk = v.qk;
  if (v.axis !== undefined) args.axis = parseAxis(v.axis);
  if (v.base !== undefined) {
    const b = Number(v.base);
    if (v.base.trim() === '' || !(b > 0)) throw usage(`--base must be a positive number; got '${v.base}'`);
    args.base = b;
  }
  const policy = v['nan-policy'];
  if (policy !== undefined) {
    if (policy !== 'propagate' && policy !== 'omit' && policy !== 'raise') throw usage(`--nan-policy must be propagate, omit or raise; got '${policy}'`);
    args.nanPolicy = policy;
  }
  if (v.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(v.format)) throw usage(`--format must be one of ${FORMATS.join(', ')}; got '${v.format}'`);
    args.format = v.format as Format;
  }
  if (v.output !== undefined) {
    if (v.output === '' || v.output === '-') throw usage('--output needs a file name (results go to stdout without it)');
    args.output = v.output;
  }
  if (v.header && v['no-header']) throw usage('--header and --no-header contradict each other');
  if (v.header) args.header = true;
  if (v['no-header']) args.header = false;
  if (v.delimiter !== undefined) args.delimiter = parseDelimiter(v.delimiter);
  if (v['block-bytes'] !== undefined) args.blockBytes = positiveInteger('--block-bytes', v['block-bytes']);
  const indexCol = v['index-col'];
  if (indexCol !== undefined) args.indexCol = indexCol.toLowerCase() === 'none' ? null : column(indexCol);
  if (v.usecols !== undefined) args.usecols = v.usecols.split(',').map(column);
  if (v.key !== undefined) args.key = v.key;
  if (v['max-line-bytes'] !== undefined) args.maxLineBytes = positiveInteger('--max-line-bytes', v['max-line-bytes']);
  if (v.method !== undefined) {
    const m = v.method.replace(/[_-]/g, ' ');
    if (!(METHODS as readonly string[]).includes(m)) throw usage(`--method must be one of ${METHODS.join(', ')}; got '${v.method}'`);
    args.method = m as Args['method'];
  }
  if (v['window-length'] !== undefined) args.windowLength = positiveInteger('--window-length', v['window-length']);
  if (v.threads !== undefined) args.threads = parseThreads('--threads', v.threads);
  return args;
}

/** The text of `--help`. */
export const HELP = `scipy-entropy: SciPy's entropy and divergences on the command line

Usage:
  scipy-entropy entropy FILE [--qk FILE] [options]
      Shannon entropy of FILE along an axis, or the Kullback-Leibler divergence
      D(FILE || QK) with --qk (scipy.stats.entropy).
  scipy-entropy cross_entropy FILE --qk FILE [options]
      Cross entropy H(FILE, QK) = H(FILE) + D(FILE || QK).
  scipy-entropy differential_entropy FILE [--method M] [--window-length W] [options]
      Differential entropy of a continuous sample (scipy.stats.differential_entropy).
  scipy-entropy jensenshannon P Q [options]
      Jensen-Shannon distance between P and Q (scipy.spatial.distance.jensenshannon).
  scipy-entropy --help | --version

Inputs (FILE, P, Q, --qk; '-' reads stdin):
  .npy          NumPy arrays: float64/32, int8..int64, uint8..uint64, bool; any
                endianness, C or Fortran order, any number of dimensions
  .npz          an array of a NumPy archive (--key NAME; default the only one)
  .csv .tsv     numeric tables (one row per line; the delimiter is detected:
  .txt          tab, comma or whitespace); a header line is detected; a first
                column of labels (or pandas' index) is passed through to the output
  .json         a number or rectangular nested arrays of numbers (at most 64 deep)
  .gz           any of these, gzip'd
  other names are recognised from their first bytes; other binary data is refused.

Options:
  --axis N|none       axis to reduce (default 0, as SciPy); negative counts from
                      the end; N,M for several; 'none' for all (flattened)
  --base B            logarithm base (default e: nats; 2 gives bits)
  --nan-policy P      propagate (default), omit or raise (not jensenshannon)
  --keepdims          keep the reduced axes as length 1
  --method M          differential_entropy: auto (default), vasicek, van es,
                      ebrahimi or correa
  --window-length W   differential_entropy: the m-spacing window
  --format F          text (default), csv, json or npy; default from -o's extension
  -o, --output OUT    write to OUT: a file atomically; a device, pipe or
                      /dev/stdout in place (see docs/cli.md)
  --header            the first line of a text table is a header
  --no-header         the first line of a text table is data
  --delimiter D       a text table's delimiter: one character, 'tab' or 'whitespace'
  --index-col C       the column of row labels (index or header name; 'none': no labels)
  --usecols C,C,...   the columns to read (indices or header names)
  --key NAME          the array to read from an .npz archive
  --max-line-bytes N  the longest text line read (default 64 MiB;
                      SCIPY_ENTROPY_MAX_LINE_BYTES)
  --threads N|auto    worker threads for large inputs (default auto: every
                      core, or SCIPY_ENTROPY_THREADS); 1 runs on one thread;
                      the output is the same byte for byte for every count
  -h, --help          this help
  -V, --version       the version

A large CSV or C-order .npy reduced along its last axis (e.g. --axis -1) is read as a
stream, a block of rows at a time (SCIPY_ENTROPY_BLOCK_BYTES, default 4 MiB), with a
progress bar on stderr when stderr is a terminal and the input is over 64 MiB.
Exit status: 0 on success; 2 for bad usage, bad input, or output that cannot be
written (one line on stderr); 1 for an internal error (SCIPY_ENTROPY_DEBUG=1 adds
the stack trace).
`;
