// Finds the Chromium a process started, so a test can kill it the way a crash would.
import { readdirSync, readFileSync } from 'node:fs';

/** Chromium processes whose parent is `parent` (default: this process). */
export function chromiumChildren(parent = process.pid): number[] {
  const ids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (name) state ppid …`; a name may itself hold spaces and parentheses.
      const [, name, rest] = /^\d+ \((.*)\) (.*)$/s.exec(readFileSync(`/proc/${entry}/stat`, 'utf8')) ?? [];
      if (Number(rest?.split(' ')[1]) === parent && /chrom/i.test(name ?? '')) ids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return ids;
}
