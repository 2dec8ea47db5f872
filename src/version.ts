import { createRequire } from 'node:module';

const manifest = createRequire(import.meta.url)('../package.json') as { version: string };

export const VERSION: string = manifest.version;
export const USER_AGENT = `payloadwatch/${VERSION} (synthetic probe)`;
