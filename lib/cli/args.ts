/**
 * The command line, parsed by hand (no dependency): `COMMAND POSITIONAL... [--option value]`,
 * `--option=value` accepted, `--` ends the options, a lone `-` is stdin.
 */
import { InputError } from './errors.js';
import { FORMATS, type Format } from './output.js';

/** The commands. */
export type Command = 'entropy' | 'jensenshannon';
export const COMMANDS: readonly Command[] = ['entropy', 'jensenshannon'];

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
  help: boolean;
  version: boolean;
}

const VALUED = new Set(['--qk', '--axis', '--base', '--nan-policy', '--format', '-o', '--output', '--delimiter', '--block-bytes']);

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
 * Parses the arguments after the program name.
 * @throws {InputError} for an unknown option or command, a missing or malformed option value.
 */
export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { command: undefined, positional: [], keepdims: false, help: false, version: false };
  let endOfOptions = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (endOfOptions || arg === '-' || !arg.startsWith('-') || /^-\d/.test(arg)) {
      if (args.command === undefined && !args.help && !args.version) {
        if (!(COMMANDS as readonly string[]).includes(arg)) throw usage(`unknown command '${arg}': expected one of ${COMMANDS.join(', ')}`);
        args.command = arg as Command;
      } else {
        args.positional.push(arg);
      }
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (VALUED.has(arg)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw usage(`${arg} needs a value`);
        value = argv[++i];
      }
    } else if (value !== undefined) {
      throw usage(`${arg} takes no value`);
    }
    switch (arg) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '-V':
      case '--version':
        args.version = true;
        break;
      case '--qk':
        args.qk = value;
        break;
      case '--axis':
        args.axis = parseAxis(value!);
        break;
      case '--base': {
        const b = Number(value);
        if (value!.trim() === '' || !(b > 0)) throw usage(`--base must be a positive number; got '${value}'`);
        args.base = b;
        break;
      }
      case '--nan-policy':
        if (value !== 'propagate' && value !== 'omit' && value !== 'raise') {
          throw usage(`--nan-policy must be propagate, omit or raise; got '${value}'`);
        }
        args.nanPolicy = value;
        break;
      case '--keepdims':
        args.keepdims = true;
        break;
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value!)) throw usage(`--format must be one of ${FORMATS.join(', ')}; got '${value}'`);
        args.format = value as Format;
        break;
      case '-o':
      case '--output':
        if (value === '' || value === '-') throw usage(`${arg} needs a file name (results go to stdout without it)`);
        args.output = value;
        break;
      case '--header':
        args.header = true;
        break;
      case '--no-header':
        args.header = false;
        break;
      case '--delimiter':
        args.delimiter = parseDelimiter(value!);
        break;
      case '--block-bytes': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw usage(`--block-bytes must be a positive integer; got '${value}'`);
        args.blockBytes = n;
        break;
      }
      default:
        throw usage(`unknown option '${arg}'`);
    }
  }
  return args;
}

/** The text of `--help`. */
export const HELP = `scipy-entropy: SciPy's entropy and divergences on the command line

Usage:
  scipy-entropy entropy FILE [--qk FILE] [options]
      Shannon entropy of FILE along an axis, or the Kullback-Leibler divergence
      D(FILE || QK) with --qk (scipy.stats.entropy).
  scipy-entropy jensenshannon P Q [options]
      Jensen-Shannon distance between P and Q (scipy.spatial.distance.jensenshannon).
  scipy-entropy --help | --version

Inputs (FILE, P, Q, --qk; '-' reads stdin):
  .npy          NumPy arrays: float64/32, int8..int64, uint8..uint64, bool; any
                endianness, C or Fortran order, any number of dimensions
  .csv .tsv     numeric tables (one row per line; the delimiter is detected:
  .txt          tab, comma or whitespace); a header line is detected
  .json         a number or rectangular nested arrays of numbers
  other names are recognised from their first bytes.

Options:
  --axis N|none       axis to reduce (default 0, as SciPy); negative counts from
                      the end; N,M for several; 'none' for all (flattened)
  --base B            logarithm base (default e: nats; 2 gives bits)
  --nan-policy P      propagate (default), omit or raise (entropy only)
  --keepdims          keep the reduced axes as length 1
  --format F          text (default), csv, json or npy; default from -o's extension
  -o, --output OUT    write to OUT (atomically) instead of stdout
  --header            the first line of a text table is a header
  --no-header         the first line of a text table is data
  --delimiter D       a text table's delimiter: one character, 'tab' or 'whitespace'
  -h, --help          this help
  -V, --version       the version

A large CSV or C-order .npy reduced along its last axis (e.g. --axis -1) is read as a
stream, a block of rows at a time (SCIPY_ENTROPY_BLOCK_BYTES, default 4 MiB), with a
progress bar on stderr when stderr is a terminal and the input is over 64 MiB.
Exit status: 0 on success, 2 for bad usage or bad input (one line on stderr), 1 for an
internal error.
`;
