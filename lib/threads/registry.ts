/**
 * What a worker runs for a job: reductions and elementwise functions by name. Used only inside
 * the workers (lib/threads/worker.ts); the main thread names them in its hooks.
 */
import type { Binary } from '../ndarray/elementwise.js';
import type { SliceProgram } from '../ndarray/reduce.js';
import { jensenShannonProgram } from '../spatial/jensenshannon.js';
import { ENTR } from '../special/entr.js';
import { KL_DIV } from '../special/kl-div.js';
import { REL_ENTR } from '../special/rel-entr.js';
import { XLOG1PY } from '../special/xlog1py.js';
import { XLOGY } from '../special/xlogy.js';
import { CROSS } from '../stats/cross-entropy.js';
import { RELATIVE, SHANNON } from '../stats/programs.js';
import type { ReductionKey } from './protocol.js';


/** The slice program of a reduction. */
export function programFor(key: ReductionKey): SliceProgram {
  const args = key.args ?? [];
  switch (key.name) {
    case 'shannon':
      return SHANNON;
    case 'relative':
      return RELATIVE;
    case 'cross':
      return CROSS;
    case 'jensenshannon':
      return jensenShannonProgram(args[0] as number, args[1] as number, args[2] ?? null);
  }
}

const BINARIES: Record<string, Binary> = { entr: ENTR, rel_entr: REL_ENTR, kl_div: KL_DIV, xlogy: XLOGY, xlog1py: XLOG1PY };

/** The elementwise function of a name. */
export function binaryFor(name: string): Binary {
  const f = BINARIES[name];
  if (f === undefined) throw new TypeError(`no elementwise function named ${JSON.stringify(name)}`);
  return f;
}
