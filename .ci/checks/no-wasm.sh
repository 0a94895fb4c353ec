#!/usr/bin/env bash
# The pure-TypeScript kernel path (WebAssembly switched off, as where WebAssembly SIMD is
# unavailable) passes the same golden fixtures, property and accuracy specs.
set -euo pipefail
SCIPY_ENTROPY_NO_WASM=1 npx jest --silent spec/stats spec/special spec/spatial spec/accuracy spec/ndarray spec/threads
