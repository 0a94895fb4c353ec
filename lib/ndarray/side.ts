/**
 * A second result of a block kernel: a compensated sum writes its compensation (the rounding
 * error of the sum it returns) here; the engine clears it before each kernel call and carries
 * it into the pass's low part. One slot, reused: kernels run one at a time.
 */
export const SIDE = new Float64Array(1);
