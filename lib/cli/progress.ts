/**
 * A one-line progress bar on stderr (never stdout), redrawn at most ten times a second and
 * erased at the end. Shown only when stderr is a terminal and the input is large.
 */

/** Something that can show progress. */
export interface Progress {
  /** Reports `done` of `total` bytes (`total` undefined when unknown, e.g. stdin). */
  update(done: number, total: number | undefined): void;
  /** Erases the bar. */
  end(): void;
}

/** A progress reporter that shows nothing. */
export const silent: Progress = { update() {}, end() {} };

function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MiB`;
}

/** A bar drawn on a stream with `\r`, labelled with the input's name. */
export function bar(stream: NodeJS.WritableStream & { columns?: number }, label: string): Progress {
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && !(total !== undefined && done >= total)) return;
      last = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 40));
      let line: string;
      if (total !== undefined && total > 0) {
        const f = Math.min(1, done / total);
        const fill = Math.round(f * width);
        line = `${label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${(f * 100).toFixed(0).padStart(3)}% ${mib(done)} / ${mib(total)}`;
      } else {
        line = `${label} ${mib(done)} read`;
      }
      stream.write(`\r${line}\x1b[K`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
