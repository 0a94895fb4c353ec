/**
 * Positioned reads of a file, for the pool threads that read their own input (lib/cli/
 * row-task.ts, text-task.ts): each opens the file itself, so no thread waits for another's reads.
 */
import * as fs from 'node:fs';
import { ioMessage } from './errors.js';

/** An error the calling thread turns back into an `InputError` (the name survives the trip). */
export function inputError(message: string): Error {
  return Object.assign(new Error(message), { name: 'InputError' });
}

/**
 * Reads `length` bytes of `file` from byte `position` into `into` (from its start); fewer only
 * at the end of the file. Returns the number read.
 * @throws {Error} named `InputError`, with `name` (the file's name in messages) and the reason.
 */
export function readAt(file: string, name: string, position: number, into: Uint8Array, length: number): number {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw inputError(`${name}: ${ioMessage(err)}`);
  }
  let have = 0;
  try {
    while (have < length) {
      const got = fs.readSync(fd, into, have, length - have, position + have);
      if (got === 0) break;
      have += got;
    }
  } catch (err) {
    throw inputError(`${name}: ${ioMessage(err)}`);
  } finally {
    fs.closeSync(fd);
  }
  return have;
}
