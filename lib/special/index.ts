/** `scipy-entropy/special`: the elementwise kernels of `scipy.special`. */
export { entr } from './entr.js';
export { rel_entr, relEntr } from './rel-entr.js';
export { kl_div, klDiv } from './kl-div.js';
export { xlogy } from './xlogy.js';
export { xlog1py } from './xlog1py.js';
