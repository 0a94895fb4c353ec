#!/usr/bin/env bash
# The built package loads from dist/ through its exports map, as require() and as import().
set -euo pipefail
npm run build --silent
node - <<'JS'
const assert = require('node:assert');
const check = (m, how) => {
  for (const f of ['entropy', 'entr', 'rel_entr', 'relEntr', 'kl_div', 'klDiv', 'xlogy', 'xlog1py']) {
    assert.equal(typeof m[f], 'function', `${how}: ${f}`);
  }
  assert.ok(Math.abs(m.entropy([1, 2, 3], [3, 2, 1]) - 0.3662040962227033) < 1e-15, how);
};
check(require('scipy-entropy'), 'require');
for (const sub of ['stats', 'special']) assert.ok(Object.keys(require(`scipy-entropy/${sub}`)).length > 0, sub);
import('scipy-entropy').then((m) => {
  check(m, 'import');
  return Promise.all(['stats', 'special'].map((s) => import(`scipy-entropy/${s}`)));
}).then(() => console.log('built package loads from CJS and ESM'));
JS
