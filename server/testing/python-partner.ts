// The partner's side as the DataLens guide writes it: its Python key-pair and access-token code
// (scripts/mint-partner-token.py, run by Debian's python3 with `cryptography`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemPython } from './fixtures.js';

const SCRIPT = join(import.meta.dirname, '../../scripts/mint-partner-token.py');

export interface PythonPartner {
  privatePem: string;
  publicPem: string;
  /** An access token for `dbName`, minted by the guide's code with the given DataLens public key. */
  token(datalensPublicPem: string, dbName: string): string;
  cleanup(): void;
}

export function pythonPartner(): PythonPartner {
  const dir = mkdtempSync(join(tmpdir(), 'dlmock-python-partner-'));
  const run = (args: string[]) => execFileSync(systemPython(), [SCRIPT, ...args], { encoding: 'utf8' }).trim();
  const keys = JSON.parse(run(['keygen'])) as { private_pem: string; public_pem: string };
  const privateFile = join(dir, 'partner.pem');
  writeFileSync(privateFile, keys.private_pem);
  return {
    privatePem: keys.private_pem,
    publicPem: keys.public_pem,
    token(datalensPublicPem, dbName) {
      const dlFile = join(dir, 'datalens.pub.pem');
      writeFileSync(dlFile, datalensPublicPem);
      return run(['token', dlFile, privateFile, dbName]);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
