#!/usr/bin/env python3
"""Measures the TypeScript path's log and log1p (lib/math/log.ts, from the built dist/cjs) against
mpmath at 40 digits on N random inputs across the exponent range, near 1 and at subnormals, and
prints the largest errors in ulps (of the exact value). Usage, after `npm run build`:
    python3 scripts/measure-log.py [N]          (default 1000000)"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from mpmath import log, log1p, mp, mpf

mp.dps = 40
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = np.random.default_rng(20261125)
k = N // 4
x = np.concatenate([
    np.exp(rng.uniform(-744, 709, k)),           # the whole exponent range
    rng.uniform(0.9, 1.1, k),                    # near 1 (where log is small)
    rng.uniform(-0.9, 3.0, k),                   # log1p arguments
    rng.uniform(0, 1, N - 3 * k) * 2.0 ** -1022,  # subnormals
])
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with tempfile.TemporaryDirectory() as tmp:
    src, dst = os.path.join(tmp, "x.f64"), os.path.join(tmp, "y.f64")
    x.astype("<f8").tofile(src)
    js = (
        "const {log, log1p} = require(process.argv[1]); const fs = require('fs');"
        "const b = fs.readFileSync(process.argv[2]); const x = new Float64Array(b.buffer, b.byteOffset, b.length / 8);"
        "const y = new Float64Array(2 * x.length); for (let i = 0; i < x.length; i++) { y[2*i] = log(x[i]); y[2*i+1] = log1p(x[i]); }"
        "fs.writeFileSync(process.argv[3], Buffer.from(y.buffer));"
    )
    subprocess.run(["node", "-e", js, os.path.join(root, "dist", "cjs", "math", "log.js"), src, dst], check=True)
    y = np.fromfile(dst, dtype="<f8").reshape(-1, 2)


def ulps(got, exact):
    e = float(exact)
    return float(abs(mpf(got) - exact) / mpf(float(np.spacing(abs(e)))))


worst_log = max(ulps(y[i, 0], log(mpf(v))) for i, v in enumerate(x) if v > 0)
worst_log1p = max(ulps(y[i, 1], log1p(mpf(v))) for i, v in enumerate(x) if v > -1 and v != 0)
print(f"{N} inputs: log max {worst_log:.4f} ulp, log1p max {worst_log1p:.4f} ulp")
