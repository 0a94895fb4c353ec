import '../helpers/allclose';
import { entropy } from '../../lib/stats/entropy';
import { asarray } from '../../lib/ndarray/create';
import { NDArray } from '../../lib/ndarray/ndarray';
import { AxisError, ValueError } from '../../lib/errors';

const P = [[1, 2, 3], [4, 5, 6]];

describe('entropy', () => {
  it('computes the KL divergence of the worked example in both directions', () => {
    const p = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
    const q = [0.3, 0.1, 0.2, 0.1, 0.1, 0.02, 0.08, 0.1];
    expect(entropy(p, q)).toAllClose(0.589885181619163);
    expect(entropy(q, p)).toAllClose(0.49754931944803393);
  });

  it('reduces along axis 0 by default and along any other axis on request', () => {
    expect(entropy(P)).toAllClose([0.5004024235381879, 0.5982695885852573, 0.6365141682948128]);
    expect(entropy(P, { axis: -1 })).toAllClose([1.0114042647073518, 1.0851886129676505]);
    expect(entropy(P, { axis: null })).toAllClose(1.6623769591928221);
  });

  it('gives the same answer on a transposed, stepped or negative-stride view', () => {
    const t = asarray(P).transpose();
    expect(entropy(t, { axis: 1 })).toAllClose(entropy(P, { axis: 0 }));
    const rev = asarray(new Float64Array([3, 2, 1])).nd.step(-1);
    expect(entropy(rev)).toAllClose(entropy([1, 2, 3]));
  });

  it('treats an empty axis array as axis null, as SciPy 1.17 treats axis=()', () => {
    const x = [[1, 2], [3, 4.5]];
    expect(entropy(x, { axis: [] })).toBe(entropy(x, { axis: null }));
    expect(entropy(x, x, { axis: [] })).toBe(entropy(x, x, { axis: null }));
  });

  it('returns +0 for a single element and NaN for a zero-sum slice', () => {
    expect(Object.is(entropy([5]), 0)).toBe(true);
    expect(entropy([0, 0, 0])).toBeNaN();
  });

  it.each([
    [{ base: 0 }, ValueError, '`base` must be a positive number or `null`.'],
    [{ axis: 2 }, AxisError, 'axis 2 is out of bounds for array of dimension 2'],
    [{ nan_policy: 'foo' as never }, ValueError, 'nan_policy must be one of'],
  ])('rejects %j', (options, cls, message) => {
    expect(() => entropy(P, options)).toThrow(cls);
    expect(() => entropy(P, options)).toThrow(message);
  });
});

describe('entropy on two views of one buffer', () => {
  it('reads pk and qk at their own offsets in every walk (rows, columns, tiles)', () => {
    const data = Float64Array.from({ length: 8 * 9 + 1 }, (_, i) => 1 + ((i * 37) % 11));
    const p = new NDArray(data, [8, 9], [9, 1], 0);
    const q = new NDArray(data, [8, 9], [9, 1], 1);
    const pc = NDArray.fromData(p.toFloat64Array(), [8, 9]);
    const qc = NDArray.fromData(q.toFloat64Array(), [8, 9]);
    for (const axis of [0, 1, null] as const) {
      expect(entropy(p, q, { axis })).toAllClose(entropy(pc, qc, { axis }));
      expect(entropy(p.transpose(), q.transpose(), { axis })).toAllClose(entropy(pc.transpose(), qc.transpose(), { axis }));
    }
  });
});
