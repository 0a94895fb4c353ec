/**
 * numpy's legacy `RandomState(seed)` for the streams SciPy's tests use: MT19937 seeded by
 * `init_genrand(seed)`, `random_sample` (53-bit doubles from two 32-bit draws, `a >> 5` and
 * `b >> 6`), `standard_normal` (the legacy polar Box-Muller of `legacy_gauss`, caching the
 * second value) and `standard_exponential` (`-log(1 - U)`).
 *
 * `random_sample` is bit-identical to numpy. The normal and exponential draws go through
 * `Math.log`, which differs from glibc's `log` by an ulp in about 0.15% of arguments, so a few of
 * those values differ from numpy's in the last bit (and, rarely, a polar rejection could differ;
 * not seen on the streams used here).
 */
export class RandomState {
  private readonly mt = new Uint32Array(624);
  private mti = 625;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: number) {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, in 32-bit arithmetic.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = 624;
  }

  /** The next 32-bit output of MT19937 (`genrand_int32`). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits, as `random_sample`. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A standard normal draw, as the legacy `standard_normal` (polar method). */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** A standard exponential draw, as the legacy `standard_exponential`. */
  standardExponential(): number {
    return -Math.log(1 - this.randomSample());
  }

  /** `n` draws of `draw` into a new array. */
  fill(n: number, draw: 'randomSample' | 'standardNormal' | 'standardExponential'): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this[draw]();
    return out;
  }
}
