import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { displayPath, displayPathsIn } from '../../src/config/display-path.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

test('display paths are relative with forward slashes', () => {
  expect(displayPath(path.join(REPO_ROOT, 'probes', 'recs.probe.ts'), REPO_ROOT)).toBe('probes/recs.probe.ts');
  expect(displayPath(REPO_ROOT, REPO_ROOT)).toBe('.');
});

test('file paths and URLs inside a message become display paths; loader queries are dropped', () => {
  const message = `Cannot find module '${path.join(REPO_ROOT, 'test', 'config', 'missing.ts')}' imported from file://${THIS_FILE}?tsx-namespace=0a1b-2c`;
  expect(displayPathsIn(message, REPO_ROOT)).toBe("Cannot find module 'test/config/missing.ts' imported from test/config/display-path.test.ts");
  expect(displayPathsIn(`at ${THIS_FILE}:3:7.`, REPO_ROOT)).toBe('at test/config/display-path.test.ts:3:7.');
});

test('paths that are not files, such as API paths, stay as they are', () => {
  expect(displayPathsIn('GET /api/recommendations answered 500', REPO_ROOT)).toBe('GET /api/recommendations answered 500');
  expect(displayPathsIn(`${os.tmpdir()}/no-such-dir-for-payloadwatch/x.ts`, REPO_ROOT)).toBe(`${os.tmpdir()}/no-such-dir-for-payloadwatch/x.ts`);
});
