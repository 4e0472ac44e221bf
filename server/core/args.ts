// Parsers of command-line arguments, shared by every command (server/cli/, the doctor's, the partner tools'):
// below cli/, so that nothing has to import the command layer.
import { InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';

export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${v}" is not a port number (0-65535; 0 picks a free port).`);
  return n;
}

export function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`"${v}" is not a positive whole number.`);
  return n;
}

/** `--param name=value`, repeatable; a name given twice becomes an array. */
export function collectParam(v: string, acc: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const eq = v.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`"${v}" is not name=value.`);
  const name = v.slice(0, eq);
  const value = v.slice(eq + 1);
  const prev = acc[name];
  acc[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  return acc;
}

/** A PEM argument: the PEM text itself, or a path to a file holding it. */
export function readPemArg(v: string, what: string): string {
  if (v.includes('-----BEGIN')) return v.replace(/\\n/g, '\n');
  try {
    return readFileSync(v, 'utf8');
  } catch (e) {
    throw new InvalidArgumentError(`${what}: "${v}" is neither PEM text nor a readable file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}

/** `--allowed-hosts h1,h2`: host names (a leading "." allows subdomains), repeatable. */
export function parseHostList(v: string, acc: string[] = []): string[] {
  const names = v.split(',').map((h) => h.trim()).filter(Boolean);
  for (const name of names) {
    if (!/^\.?[A-Za-z0-9_.:[\]-]+$/.test(name)) throw new InvalidArgumentError(`"${name}" is not a host name (e.g. my-app.test, .example.test, 192.168.1.20).`);
  }
  if (!names.length) throw new InvalidArgumentError('--allowed-hosts needs at least one host name, e.g. --allowed-hosts my-app.test.');
  return [...acc, ...names];
}
