/**
 * What a worker runs for a job: reductions and elementwise functions by name. Used only inside
 * the workers (lib/threads/worker.ts); the main thread sends the names.
 */
import type { Binary } from '../ndarray/elementwise.js';
import type { Reduction } from '../ndarray/reduce/reduction.js';
import { CROSS } from '../reductions/cross.js';
import { JENSEN_SHANNON } from '../reductions/jensen-shannon.js';
import { RELATIVE } from '../reductions/relative.js';
import { SHANNON } from '../reductions/shannon.js';
import { ENTR } from '../special/entr.js';
import { KL_DIV } from '../special/kl-div.js';
import { REL_ENTR } from '../special/rel-entr.js';
import { XLOG1PY } from '../special/xlog1py.js';
import { XLOGY } from '../special/xlogy.js';

const REDUCTIONS = new Map<string, Reduction<string, string, unknown>>(
  ([SHANNON, RELATIVE, CROSS, JENSEN_SHANNON] as Reduction<string, string, unknown>[]).map((r) => [r.name, r]),
);

/** The reduction of a name. */
export function reductionFor(name: string): Reduction<string, string, unknown> {
  const r = REDUCTIONS.get(name);
  if (r === undefined) throw new TypeError(`no threaded reduction named ${JSON.stringify(name)}`);
  return r;
}

const BINARIES: Record<string, Binary> = { entr: ENTR, rel_entr: REL_ENTR, kl_div: KL_DIV, xlogy: XLOGY, xlog1py: XLOG1PY };

/** The elementwise function of a name. */
export function binaryFor(name: string): Binary {
  const f = BINARIES[name];
  if (f === undefined) throw new TypeError(`no elementwise function named ${JSON.stringify(name)}`);
  return f;
}
