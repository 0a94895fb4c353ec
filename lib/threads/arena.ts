/**
 * The pool's staging memory: one SharedArrayBuffer, reused by every call and grown (replaced by
 * a larger one) only when a call needs more, up to {@link ARENA_CAP}; a call that would need more
 * runs on one thread. Reusing it matters: the first touch of fresh memory costs about as much as
 * the computation (page faults), so a buffer per call would make threads slower than one.
 */

/** The most bytes the arena may hold (512 MiB). */
export const ARENA_CAP = 512 * 2 ** 20;

/** A grow-only shared buffer. */
export class Arena {
  private buffer: SharedArrayBuffer | null = null;

  /** A buffer of at least `bytes` bytes, or null when that is over the cap. */
  get(bytes: number): SharedArrayBuffer | null {
    if (bytes > ARENA_CAP) return null;
    if (this.buffer === null || this.buffer.byteLength < bytes) {
      this.buffer = null;
      // Round up to 1 MiB so that slightly larger calls reuse it.
      this.buffer = new SharedArrayBuffer(Math.min(ARENA_CAP, Math.ceil(bytes / 2 ** 20) * 2 ** 20));
    }
    return this.buffer;
  }

  /** The bytes held now. */
  get bytes(): number {
    return this.buffer === null ? 0 : this.buffer.byteLength;
  }

  /** Drops the buffer (the memory is freed once no worker holds it). */
  release(): void {
    this.buffer = null;
  }
}
