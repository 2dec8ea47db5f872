// Where things are, from the package root: benchmarks run from any working directory.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const CLI = fileURLToPath(new URL('../../bin/payloadwatch.js', import.meta.url));
export const RESULTS_FILE = fileURLToPath(new URL('../results/latest.json', import.meta.url));
