#!/usr/bin/env python3
"""SciPy side of `npm run bench`: times each workload with timeit on the data the Node side
wrote (raw little-endian float64/float32, C order), saves SciPy's result for the agreement
check, and prints one JSON object per line: {"name", "ms", "runs"}."""
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


def main():
    plan = json.load(open(sys.argv[1]))
    for w in plan["workloads"]:
        arrays = [load(a) for a in w["inputs"]]
        f = call(w, arrays)
        res = np.asarray(f(), dtype=np.float64)
        res.tofile(w["result"])
        t = timeit.Timer(f)
        number, _ = t.autorange()  # loops so that one repeat takes >= 0.2 s
        number = max(1, number // 4) if number > 1 else 1
        times = sorted(x / number for x in t.repeat(repeat=w["runs"], number=number))
        print(json.dumps({"name": w["name"], "ms": times[len(times) // 2] * 1e3, "runs": w["runs"]}), flush=True)


if __name__ == "__main__":
    main()
