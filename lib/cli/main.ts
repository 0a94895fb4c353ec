#!/usr/bin/env node
/**
 * The `scipy-entropy` executable (package.json `bin`, built to dist/cjs/cli/main.js). Runs
 * {@link run} on the process's arguments and streams, and exits with its code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from './run.js';

/** The version in the package.json above this file (found by walking up from the script). */
function version(): string {
  try {
    let dir = path.dirname(fs.realpathSync(process.argv[1]));
    for (let i = 0; i < 6; i++) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'scipy-entropy' && pkg.version) return pkg.version;
      }
      dir = path.dirname(dir);
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

// Write errors on stdout are reported by the write's own callback (run.ts, destination.ts); this
// listener only keeps them from also being thrown as an unhandled 'error' event.
process.stdout.on('error', () => undefined);

run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  version: version(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`scipy-entropy: internal error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
