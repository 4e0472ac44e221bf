// Writes docs/reasons.md from the reasons catalogue in the built code (dist/).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const { renderReasonsTable } = await import(join(root, 'dist/server/errors/reasons-doc.js'));
writeFileSync(join(root, 'docs/reasons.md'), renderReasonsTable());
