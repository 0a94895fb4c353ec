/**
 * Writing the result to `-o PATH` without ever destroying what PATH is:
 *
 * - a new path, or an existing regular file: written atomically (a temporary file beside it,
 *   flushed, then renamed over it, keeping the old file's permission bits), so a failed run never
 *   leaves a partial file; an existing file we may not write is refused, never replaced;
 * - a symlink to a regular file: the link stays a link and its target is replaced atomically;
 * - anything else (a character device such as /dev/null, a named pipe, a socket, a symlink to
 *   one, a dangling symlink): opened and written in place;
 * - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N`: written to that descriptor
 *   as it is (a file opened for appending is appended to, never truncated or replaced);
 * - a directory: refused.
 *
 * Every failure (ENOSPC from a full device, EPIPE from a pipe whose reader went away, EACCES) is
 * an {@link InputError} naming the path: one line and exit status 2, and no claim of success.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, ioMessage } from './errors.js';

/** The streams `-o /dev/stdout` and `-o /dev/stderr` stand for. */
export interface StandardStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The descriptor a path names directly (`/dev/stdout`, `/dev/fd/3`...), or `undefined`. */
export function descriptorOf(file: string): number | undefined {
  if (file === '/dev/stdin') return 0;
  if (file === '/dev/stdout') return 1;
  if (file === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(file);
  return m ? Number(m[1]) : undefined;
}

/**
 * Writes `bytes` to `file` as described above.
 * @throws {InputError} when the path cannot be written (the message names it and says why).
 */
export async function writeOutput(file: string, bytes: Uint8Array, streams: StandardStreams): Promise<void> {
  const fail = (err: unknown): never => {
    throw new InputError(`${file}: cannot write: ${ioMessage(err)}`);
  };
  const fd = descriptorOf(file);
  if (fd === 1 || fd === 2) return writeStream(fd === 1 ? streams.stdout : streams.stderr, bytes, file);
  if (fd !== undefined) return writeDescriptor(fd, bytes, file);
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') fail(err);
  }
  if (link === undefined) return writeAtomic(file, bytes, undefined, fail);
  let target: fs.Stats | undefined = link;
  if (link.isSymbolicLink()) {
    try {
      target = fs.statSync(file);
    } catch {
      target = undefined; // dangling: written in place, which creates the target
    }
  }
  if (target?.isDirectory()) throw new InputError(`${file}: cannot write: is a directory`);
  if (target?.isFile()) {
    let real = file;
    try {
      fs.accessSync(file, fs.constants.W_OK);
      real = fs.realpathSync(file);
    } catch (err) {
      fail(err);
    }
    return writeAtomic(real, bytes, target.mode & 0o7777, fail);
  }
  return writeInPlace(file, bytes, fail);
}

/** A temporary file beside `file`, flushed and renamed over it. */
function writeAtomic(file: string, bytes: Uint8Array, mode: number | undefined, fail: (err: unknown) => never): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    if (mode !== undefined) fs.fchmodSync(fd, mode); // the umask must not narrow an existing file's mode
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    fail(err);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Opens the path as it is (a device, a pipe: opening may wait for a reader) and writes into it. */
async function writeInPlace(file: string, bytes: Uint8Array, fail: (err: unknown) => never): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'w');
    for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
    await handle.close();
    handle = undefined;
  } catch (err) {
    await handle?.close().catch(() => undefined);
    fail(err);
  }
}

function writeDescriptor(fd: number, bytes: Uint8Array, file: string): void {
  try {
    writeAll(fd, bytes);
  } catch (err) {
    throw new InputError(`${file}: cannot write: ${ioMessage(err)}`);
  }
}

/** Writes to a stream; any error (including EPIPE) is an InputError naming `name`. */
export function writeStream(stream: NodeJS.WritableStream, bytes: Uint8Array, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (err) => {
      if (err) reject(new InputError(`${name}: cannot write: ${ioMessage(err)}`));
      else resolve();
    });
  });
}
