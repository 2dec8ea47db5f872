#!/usr/bin/env node
// Installs what the quick-start commands need when it is missing, so each of them works
// on a fresh Debian machine: the npm packages from the lock file and, with --for-tests,
// Debian's chromium (browser tests drive the real thing) and prometheus (metrics tests
// scrape with the real thing). Plain Node, no dependencies: it runs before any exist.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--for-tests');

/** Debian package → a file it installs, to tell whether it is there. */
const DEBIAN_PACKAGES = {
  demo: { chromium: '/usr/bin/chromium' },
  tests: { chromium: '/usr/bin/chromium', prometheus: '/usr/bin/prometheus' },
};

function run(command, args) {
  process.stderr.write(`> ${command} ${args.join(' ')}\n`);
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function npmPackagesStale() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return true;
  const lock = join(root, 'package-lock.json');
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs;
}

function ensureDebianPackages(wanted) {
  const missing = Object.entries(wanted).filter(([, file]) => !existsSync(file)).map(([name]) => name);
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  apt('update', '-qq');
  apt('install', '-y', '-qq', ...missing);
}

if (npmPackagesStale()) {
  run('npm', existsSync(join(root, 'package-lock.json')) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}
ensureDebianPackages(forTests ? DEBIAN_PACKAGES.tests : DEBIAN_PACKAGES.demo);
