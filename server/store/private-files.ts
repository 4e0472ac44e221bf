// The data dir holds secrets (partners' ClickHouse passwords, DataLens private keys, the TLS CA's
// key): only its owner may read it. Made 0700 (folders) and 0600 (files); what an older version
// made readable to others is tightened, with a line in the log saying so.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** Whether this platform has POSIX permission bits (Windows has not: nothing to do there). */
const posix = process.platform !== 'win32';

function tighten(path: string, mode: number, what: string, log: (msg: string) => void): void {
  if (!posix) return;
  const current = statSync(path).mode & 0o777;
  if ((current & ~mode) === 0) return;
  chmodSync(path, mode);
  log(`datalens-mock: ${what} ${path} was readable by others (mode ${current.toString(8).padStart(3, '0')}): now ${mode.toString(8)}, as it holds secrets.`);
}

/** Makes `dir` (and its missing parents) owner-only, or tightens it when it is there. */
export function privateDir(dir: string, log: (msg: string) => void): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    // mkdir's mode passes through the umask: set it exactly.
    if (posix) chmodSync(dir, DIR_MODE);
    return;
  }
  tighten(dir, DIR_MODE, 'the folder', log);
}

/**
 * Makes `file` owner-only: created empty 0600 when missing (SQLite then gives its -wal and -shm
 * files the same mode), tightened when it is there.
 */
export function privateFile(file: string, log: (msg: string) => void): void {
  if (!existsSync(file)) {
    closeSync(openSync(file, 'a', FILE_MODE));
    if (posix) chmodSync(file, FILE_MODE);
    return;
  }
  tighten(file, FILE_MODE, 'the file', log);
}

/** `privateFile` for each of these files that exists (e.g. `-wal` and `-shm` left by an older version). */
export function privateFilesIfPresent(files: string[], log: (msg: string) => void): void {
  for (const f of files) if (existsSync(f)) tighten(f, FILE_MODE, 'the file', log);
}

/** Where a message goes when the caller gives no log. */
export const stderrLog = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};
