#!/usr/bin/env node
// payloadwatch is TypeScript through and through, and so are the user's probe files:
// one loader compiles both at run time, so nobody runs a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
