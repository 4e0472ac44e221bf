// Writes client-fixtures/seed.schema.json from the seed schema in the built code (dist/).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const { seedJsonSchema } = await import(join(root, 'dist/server/seed/schema.js'));
writeFileSync(join(root, 'client-fixtures/seed.schema.json'), `${JSON.stringify(seedJsonSchema(), null, 2)}\n`);
