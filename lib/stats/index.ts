/** `scipy-entropy/stats`: the `scipy.stats` functions. */
export { entropy, type EntropyOptions } from './entropy.js';
export type { NanPolicy } from '../options.js';
export { differential_entropy, differentialEntropy, type DifferentialEntropyMethod, type DifferentialEntropyOptions } from './differential-entropy.js';
export { cross_entropy, crossEntropy, type CrossEntropyOptions } from './cross-entropy.js';
