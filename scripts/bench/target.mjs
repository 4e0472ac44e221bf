// A benchmark target in its own process: `mock` (the emulator), `demo` (the emulator seeded with
// --demo) or `bare` (an Express route that returns a body of the same size). Prints its port on stdout.
import express from 'express';
import { createServer } from 'node:http';
import { join } from 'node:path';

const dist = join(import.meta.dirname, '../../dist/server');
// The parent asks for this process's CPU time, so the bench can compare CPU per request (steadier
// than wall-clock requests per second on a shared machine).
process.on('message', () => process.send?.(process.cpuUsage()));
// Exit cleanly on SIGINT, so that `node --cpu-prof` writes its profile.
process.once('SIGINT', () => process.exit(0));
const [mode, bodyFile] = process.argv.slice(2);

if (mode === 'demo') {
  // The isolation figures: namespaces and resets of an emulator seeded with --demo.
  const { createMockServer } = await import(join(dist, 'index.js'));
  const server = await createMockServer({ inMemory: true, quiet: true, port: 0, demo: true });
  process.stdout.write(`${server.port}\n`);
} else if (mode === 'mock') {
  const { createMockServer } = await import(join(dist, 'index.js'));
  const { benchSeed } = await import('./seed.mjs');
  const server = await createMockServer({ inMemory: true, quiet: true, port: 0, seedData: benchSeed(), journal: process.env.DL_BENCH_JOURNAL !== 'off' });
  // The start's background work (DataLens key 1 of partner connectors, generated once the server
  // listens) is done before the bench measures: a steady state, as for the bare route.
  await server.ctx.partner?.ready;
  process.stdout.write(`${server.port}\n`);
} else {
  const { readFileSync } = await import('node:fs');
  const body = readFileSync(bodyFile, 'utf8');
  const app = express();
  app.use(express.json());
  app.post('/api/run', (_req, res) => {
    res.type('json').send(body);
  });
  const server = createServer(app).listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
}
