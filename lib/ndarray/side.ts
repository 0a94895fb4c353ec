/**
 * Second and third results of a block kernel. `SIDE[0]`: a compensated sum writes its
 * compensation (the rounding error of the sum it returns) there, and the engine carries it into
 * the pass's low part. `SIDE[1]`: an auxiliary sum the kernel reports (e.g. of the absolute
 * values of its terms), which the engine adds up per slice. The engine clears both before each
 * kernel call; one buffer, reused: kernels run one at a time.
 */
export const SIDE = new Float64Array(2);
