import { entropy } from '../../../lib/stats/entropy';
import { acquireContext, releaseContext } from '../../../lib/ndarray/reduce/context';

/** `values` with element `i` replaced by a getter that first runs `call` (a call into the library). */
function withGetter(values: number[], i: number, call: () => void): number[] {
  const out = values.slice();
  const v = values[i];
  Object.defineProperty(out, i, {
    get() {
      call();
      return v;
    },
  });
  return out;
}

describe('engine contexts', () => {
  it('give a call made from an element getter its own buffers, so neither result changes', () => {
    let inner = NaN;
    const pk = withGetter([1, 2, 3], 2, () => {
      inner = entropy([5, 5, 5, 5]);
    });
    expect(entropy(pk)).toBe(entropy([1, 2, 3]));
    expect(inner).toBe(entropy([5, 5, 5, 5]));
  });

  it('keep qk apart from a nested call too', () => {
    let inner = NaN;
    const qk = withGetter([3, 2, 1], 1, () => {
      inner = entropy([1, 1], [1, 3]);
    });
    expect(entropy([1, 2, 3], qk)).toBe(entropy([1, 2, 3], [3, 2, 1]));
    expect(inner).toBe(entropy([1, 1], [1, 3]));
  });

  it('are handed out one per running call and reused once released', () => {
    const a = acquireContext();
    const b = acquireContext();
    expect(b).not.toBe(a);
    releaseContext(b);
    expect(acquireContext()).toBe(b);
    releaseContext(b);
    releaseContext(a);
  });

  it('are released when a call throws', () => {
    const a = acquireContext();
    releaseContext(a);
    expect(() => entropy([1, NaN], { nan_policy: 'raise' })).toThrow('The input contains nan values');
    expect(acquireContext()).toBe(a);
    releaseContext(a);
  });
});
