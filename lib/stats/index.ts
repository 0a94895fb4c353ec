/** `scipy-entropy/stats`: the `scipy.stats` functions. */
export { entropy, type EntropyOptions } from './entropy.js';
export type { NanPolicy } from './options.js';
