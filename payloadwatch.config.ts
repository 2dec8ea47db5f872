// The embedded demo: `payloadwatch demo` serves the demo shop and runs these probes
// against it. Copy this file as the start of your own.
import { defineConfig } from 'payloadwatch';
import { newUser, returningBuyer } from './probes/personas.ts';

export default defineConfig({
  targets: {
    // `payloadwatch demo shop` listens here by default.
    local: 'http://127.0.0.1:4010',
  },
  personas: [newUser, returningBuyer],
  probes: 'probes/**/*.probe.ts',
  schemas: 'schemas',
  defaults: {
    timeout: '5s',
    runTimeout: '30s',
    retries: 1,
    concurrency: 8,
  },
  reporters: ['console'],
});
