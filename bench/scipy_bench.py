#!/usr/bin/env python3
"""SciPy side of `npm run bench`: times each workload with timeit on the data the Node side
wrote (raw little-endian float64/float32, C order), saves SciPy's result for the agreement
check, and prints one JSON object per line: {"name", "ms", "numpy_ms", "runs"}.

`numpy_ms` times the plain NumPy expression a Python user writes instead of calling SciPy, on
the same arrays: for per-row entropy `p = x / x.sum(axis, keepdims=True);
-(p * np.log(p)).sum(axis)` (with qk, `(p * np.log(p / q)).sum(axis)` after normalising both),
`-(x * np.log(x))` for entr and `x * np.log(x / y)` for rel_entr (null for float32 input)."""
import json
import sys
import timeit

import numpy as np
from scipy import special, stats


def load(spec):
    return np.fromfile(spec["file"], dtype=spec["dtype"]).reshape(spec["shape"])


def call(w, arrays):
    kind = w["kind"]
    if kind == "entropy":
        pk = arrays[0].T if w.get("transpose") else arrays[0]
        qk = arrays[1] if len(arrays) > 1 else None
        return lambda: stats.entropy(pk, qk, axis=w["axis"])
    if kind == "rel_entr":
        if w.get("out"):
            out = np.empty(np.broadcast_shapes(arrays[0].shape, arrays[1].shape))
            return lambda: special.rel_entr(arrays[0], arrays[1], out=out)
        return lambda: special.rel_entr(arrays[0], arrays[1])
    if kind == "entr":
        if w.get("out"):
            out = np.empty(arrays[0].shape)
            return lambda: special.entr(arrays[0], out=out)
        return lambda: special.entr(arrays[0])
    raise ValueError(kind)


def numpy_call(w, arrays):
    """The plain NumPy expression for the workload, or None."""
    kind = w["kind"]
    if arrays[0].dtype != np.float64:
        return None
    if kind == "entropy":
        x = arrays[0].T if w.get("transpose") else arrays[0]
        ax = w["axis"]
        if len(arrays) == 1:
            def shannon():
                p = x / x.sum(ax, keepdims=True)
                return -(p * np.log(p)).sum(ax)
            return shannon
        y = arrays[1]

        def relative():
            p = x / x.sum(ax, keepdims=True)
            q = y / y.sum(ax, keepdims=True)
            return (p * np.log(p / q)).sum(ax)
        return relative
    if w.get("out"):
        return None
    if kind == "entr":
        return lambda: -(arrays[0] * np.log(arrays[0]))
    if kind == "rel_entr":
        return lambda: arrays[0] * np.log(arrays[0] / arrays[1])
    raise ValueError(kind)


def median_ms(f, runs):
    t = timeit.Timer(f)
    number, _ = t.autorange()  # loops so that one repeat takes >= 0.2 s
    number = max(1, number // 4) if number > 1 else 1
    times = sorted(x / number for x in t.repeat(repeat=runs, number=number))
    return times[len(times) // 2] * 1e3


def main():
    plan = json.load(open(sys.argv[1]))
    for w in plan["workloads"]:
        arrays = [load(a) for a in w["inputs"]]
        f = call(w, arrays)
        res = np.asarray(f(), dtype=np.float64)
        res.tofile(w["result"])
        ms = median_ms(f, w["runs"])
        g = numpy_call(w, arrays)
        numpy_ms = median_ms(g, w["runs"]) if g is not None else None
        print(json.dumps({"name": w["name"], "ms": ms, "numpy_ms": numpy_ms, "runs": w["runs"]}), flush=True)


if __name__ == "__main__":
    main()
