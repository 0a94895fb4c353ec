/**
 * The declaration of a reduction: what the engine computes on every slice, in which passes. A
 * reduction is declared once, at load, with {@link defineReduction}, which checks it and compiles
 * its names to the engine's preallocated storage (one {@link SliceState} per tile position and
 * engine context), so running it allocates nothing.
 *
 * Each pass sums (or maximises) one kernel over the slice. Before a pass, for each slice, `when`
 * decides whether it runs (a skipped pass reads as 0) and may set the reduction's flags; its
 * `constants` function sets the kernel's constants, by the kernel's names, from earlier results
 * (each write lands in the engine's preallocated constants array). After the last
 * pass, `finish` turns the slice's results into its value. See docs/design.md, "How to add a
 * reduction".
 */
import type { Constants, Kernel } from './kernel.js';

/** At most this many passes per reduction. */
export const MAX_PASSES = 8;

/** One pass's results on one slice: its sum (or maximum), the sum's low part, the kernel's auxiliary sum. */
export class PassResult {
  value = 0;
  low = 0;
  aux = 0;
}

/**
 * What a declaration's functions see of one slice: each pass's {@link PassResult} by name (0 for
 * passes not run yet or skipped), the reduction's flags (false at the start of each slice), and
 * the parameters of the call.
 */
export type SliceState<P extends string, F extends string = never, X = undefined> = {
  readonly [K in P]: PassResult;
} & {
  readonly flags: Record<F, boolean>;
  readonly params: X;
};

/** One pass of a declaration. */
export interface PassDeclaration<P extends string, F extends string, X> {
  /** How the pass's result is read: `s[name].value`. */
  readonly name: P;
  readonly kernel: Kernel;
  /** For one-operand kernels: the sample it reads (`q` only in two-sample reductions). */
  readonly operand?: 'p' | 'q';
  /** Whether the pass runs on this slice (default: always); may set flags. */
  readonly when?: (s: SliceState<P, F, X>) => boolean;
  /**
   * Sets the kernel's constants by name (`c.scale = ...`); required when the kernel has
   * constants (unset ones are 0), not allowed otherwise.
   */
  readonly constants?: (s: SliceState<P, F, X>, c: Constants) => void;
}

/** A reduction as declared. */
export interface ReductionDeclaration<P extends string, F extends string, X> {
  readonly name: string;
  /** 1: one sample `p`; 2: samples `p` and `q` of the same shape. */
  readonly samples: 1 | 2;
  readonly flags?: readonly F[];
  readonly passes: readonly PassDeclaration<P, F, X>[];
  /** The value of the slice from its results. */
  readonly finish: (s: SliceState<P, F, X>) => number;
}

/** A slice state of any reduction (what the engine passes to a declaration's functions). */
export type AnyState = SliceState<string, string, unknown>;

/** A compiled pass: the kernel, the operand it reads and its constants in the kernel's order. */
export interface CompiledPass {
  readonly name: string;
  readonly kernel: Kernel;
  /** True when a one-operand kernel reads sample q. */
  readonly readsQ: boolean;
  readonly when: ((s: AnyState) => boolean) | undefined;
  readonly constants: ((s: AnyState, c: Constants) => void) | undefined;
}

/**
 * The slice states of one reduction in one engine context: `views[j]` is what the declaration's
 * functions see of tile position j, `results[j][p]` the same pass results indexed by pass,
 * `constants[p][j]` pass p's named constants of tile position j (over the context's constants
 * array, 4 per position).
 */
export class SliceStates {
  readonly views: AnyState[] = [];
  readonly results: PassResult[][] = [];
  readonly constants: Constants[][];
  /** Flag f of tile position j is `bits[j * flagCount + f]`. */
  private readonly bits: Uint8Array;
  private hasParams = false;

  /**
   * States for `count` tile positions now, room for up to `capacity` (made by {@link ensure} when
   * a wide tile first needs them); `consts` holds 4 constants per position of the capacity.
   */
  constructor(readonly reduction: Reduction<string, string, unknown>, count: number, private readonly consts: Float64Array, capacity = count) {
    this.constants = reduction.passes.map(() => []);
    this.bits = new Uint8Array(Math.max(1, capacity * reduction.flagNames.length));
    this.ensure(count);
  }

  /** Makes the states of tile positions up to `count` (no-op when they exist). */
  ensure(count: number): void {
    const reduction = this.reduction;
    const nf = reduction.flagNames.length;
    const params = this.views.length > 0 ? (this.views[0] as { params: unknown }).params : undefined;
    for (let j = this.views.length; j < count; j++) {
      reduction.passes.forEach((p, i) => this.constants[i].push(new p.kernel.Constants(this.consts, 4 * j)));
      const flags = new reduction.Flags(this.bits, j * nf);
      const view: Record<string, unknown> = { flags, params };
      const results = reduction.passes.map((p) => (view[p.name] = new PassResult()));
      this.views.push(Object.seal(view) as AnyState);
      this.results.push(results);
    }
  }

  /** Clears tile position j: every pass result to 0, every flag off. */
  clear(j: number): void {
    const results = this.results[j];
    for (let p = 0; p < results.length; p++) {
      const r = results[p];
      r.value = 0;
      r.low = 0;
      r.aux = 0;
    }
    const nf = this.reduction.flagNames.length;
    for (let f = j * nf; f < (j + 1) * nf; f++) this.bits[f] = 0;
  }

  /** Sets the parameters every view shows (`undefined` to let go of the caller's). */
  setParams(params: unknown): void {
    if (params === undefined && !this.hasParams) return;
    for (const view of this.views) (view as { params: unknown }).params = params;
    this.hasParams = params !== undefined;
  }
}

/** A checked, compiled reduction (see {@link defineReduction}). */
export class Reduction<P extends string, F extends string = never, X = undefined> {
  readonly name: string;
  readonly samples: 1 | 2;
  readonly passes: readonly CompiledPass[];
  readonly flagNames: readonly string[];
  readonly finish: (s: AnyState) => number;
  /** The class of a slice's flags: one accessor per flag name over a shared byte array. */
  readonly Flags: FlagsClass;
  /** @internal Phantom use of the type parameters. */
  declare readonly _types?: [P, F, X];

  constructor(d: ReductionDeclaration<P, F, X>) {
    const bad = (why: string) => new TypeError(`reduction \`${d.name}\`: ${why}`);
    if (d.samples !== 1 && d.samples !== 2) throw bad(`samples must be 1 or 2; got ${String(d.samples)}`);
    if (d.passes.length === 0 || d.passes.length > MAX_PASSES) throw bad(`1 to ${MAX_PASSES} passes; got ${d.passes.length}`);
    const flags = d.flags ?? [];
    if (new Set(flags).size !== flags.length) throw bad(`repeated flag names [${flags.join(', ')}]`);
    const seen = new Set<string>();
    this.passes = d.passes.map((p, i) => {
      const where = `pass ${i} (\`${p.name}\`)`;
      if (p.name === 'flags' || p.name === 'params' || seen.has(p.name)) throw bad(`${where}: its name is taken`);
      seen.add(p.name);
      const k = p.kernel;
      if (k.operands === 1 && p.operand !== 'p' && p.operand !== 'q') throw bad(`${where}: kernel \`${k.name}\` reads one operand; name it ('p' or 'q')`);
      if (k.operands === 2 && p.operand !== undefined) throw bad(`${where}: kernel \`${k.name}\` reads both samples; it takes no operand`);
      if ((p.operand === 'q' || k.operands === 2) && d.samples !== 2) throw bad(`${where}: reads q, but the reduction has one sample`);
      if (k.constants.length > 0 && typeof p.constants !== 'function') {
        throw bad(`${where}: kernel \`${k.name}\` takes constants [${k.constants.join(', ')}]; set them in \`constants\``);
      }
      if (k.constants.length === 0 && p.constants !== undefined) throw bad(`${where}: kernel \`${k.name}\` takes no constants`);
      return Object.freeze({
        name: p.name,
        kernel: k,
        readsQ: p.operand === 'q',
        when: p.when as ((s: AnyState) => boolean) | undefined,
        constants: p.constants as ((s: AnyState, c: Constants) => void) | undefined,
      });
    });
    this.name = d.name;
    this.samples = d.samples;
    this.flagNames = Object.freeze([...flags]);
    this.Flags = flagsClass(this.flagNames);
    this.finish = d.finish as (s: AnyState) => number;
    Object.freeze(this);
  }
}

type FlagsClass = new (bits: Uint8Array, base: number) => Record<string, boolean>;

/**
 * A class whose instances show `bits[base + f]` as the boolean property `names[f]`: the flags of
 * every slice of a reduction share one hidden class, so reading a flag is a monomorphic load, and
 * clearing them is a loop over bytes.
 */
function flagsClass(names: readonly string[]): FlagsClass {
  class Flags {
    constructor(
      readonly bits: Uint8Array,
      readonly base: number,
    ) {}
  }
  names.forEach((name, f) =>
    Object.defineProperty(Flags.prototype, name, {
      get(this: Flags): boolean {
        return this.bits[this.base + f] === 1;
      },
      set(this: Flags, on: boolean) {
        this.bits[this.base + f] = on ? 1 : 0;
      },
    }),
  );
  return Flags as unknown as FlagsClass;
}

/**
 * Checks a reduction declaration and compiles it.
 * @throws {TypeError} no passes or more than {@link MAX_PASSES}; a pass name repeated or reserved
 *   (`flags`, `params`); a one-operand kernel without its operand, or a two-operand kernel with
 *   one; a pass reading `q` in a one-sample reduction; a kernel with constants and no
 *   `constants` function, or the reverse; repeated flag names.
 */
export function defineReduction<P extends string, F extends string = never, X = undefined>(d: ReductionDeclaration<P, F, X>): Reduction<P, F, X> {
  return new Reduction(d);
}

type When = (s: AnyState) => boolean;
type Setter = (s: AnyState, c: Constants) => void;

/**
 * `when(view)` from a call site of pass p's own: a site that only ever calls one function is
 * inlined by the compiler, one shared by all passes is not.
 */
export function whenAt(p: number, when: When, view: AnyState): boolean {
  switch (p) {
    case 0: return when(view);
    case 1: return when(view);
    case 2: return when(view);
    case 3: return when(view);
    case 4: return when(view);
    case 5: return when(view);
    case 6: return when(view);
    default: return when(view);
  }
}

/** `constants(view, c)` from a call site of pass p's own (see {@link whenAt}). */
export function constantsAt(p: number, constants: Setter, view: AnyState, c: Constants): void {
  switch (p) {
    case 0: return constants(view, c);
    case 1: return constants(view, c);
    case 2: return constants(view, c);
    case 3: return constants(view, c);
    case 4: return constants(view, c);
    case 5: return constants(view, c);
    case 6: return constants(view, c);
    default: return constants(view, c);
  }
}
