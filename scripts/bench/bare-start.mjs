// The start-up baseline: a bare node process that imports express, listens and prints a line.
import express from 'express';

const app = express();
const server = app.listen(0, '127.0.0.1', () => console.log(`bare express ready on ${server.address().port}`));
