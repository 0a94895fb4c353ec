/**
 * `InputError`: what the command line reports as one line on stderr with exit code 2 (a usage
 * mistake or bad input: a missing file, a corrupt header, a non-numeric cell). Never a stack trace.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Where in a text input something went wrong: `FILE: line L, column C: message`. */
export function at(file: string, line: number, column: number, message: string): InputError {
  return new InputError(`${file}: line ${line}, column ${column}: ${message}`);
}

/** The display name of an input path (`-` is `<stdin>`). */
export function displayName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/** A readable message for a file-system or stream error. */
export function ioMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EPIPE':
      return 'broken pipe (the reader went away)';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e?.message ?? String(err);
  }
}
