/** `scipy-entropy/spatial`: the `scipy.spatial.distance` functions. */
export { jensenshannon, type JensenShannonOptions } from './jensenshannon.js';
