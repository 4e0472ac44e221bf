#!/usr/bin/env node
import { buildProgram } from './cli/index.js';

await buildProgram().parseAsync(process.argv);
