// The Argo Rollouts and Flagger examples in deploy/: no YAML parser is installed, so their
// structure is checked line by line, and every flag they pass to payloadwatch must be one
// `payloadwatch compare` knows.
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCompareCommand } from '../../src/cli/commands/compare-options.ts';
import { REPO_ROOT } from '../support/cli.ts';

const read = (file: string) => readFile(`${REPO_ROOT}deploy/${file}`, 'utf8');

/** The YAML these examples use: comments, `key:`, `key: scalar`, `- scalar`, `- key: scalar`, documents split by `---`. */
function lintYaml(text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (line.includes('\t')) problems.push(`${where}: a tab`);
    if (/\s$/.test(line)) problems.push(`${where}: trailing space`);
    const indent = line.length - line.trimStart().length;
    if (indent % 2 !== 0) problems.push(`${where}: odd indentation`);
    const body = line.trim();
    if (body === '' || body.startsWith('#') || body === '---') return;
    const item = body.replace(/^- /, '');
    const scalar = /^("[^"]*"|'[^']*'|[^"'#:{}[\]][^#]*?)$/;
    const pair = /^[A-Za-z0-9_.\/-]+:( ("[^"]*"|'[^']*'|[^"'#{}[\]\s][^#]*?|\[\]|\{\}))?$/;
    if (!pair.test(item) && !(body.startsWith('- ') && scalar.test(item))) problems.push(`${where}: not the YAML subset: ${body}`);
  });
  return problems;
}

/** The block list under the first `key:` line after `from`: `['compare', '--serve', …]`. */
function listUnder(text: string, key: string, from = 0): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line, i) => i >= from && line.trim() === `${key}:`);
  if (start < 0) throw new Error(`no '${key}:' list`);
  const indent = lines[start]!.length - lines[start]!.trimStart().length;
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const lineIndent = line.length - line.trimStart().length;
    if (line.trim() === '' || lineIndent <= indent) break;
    const match = /^- (.*)$/.exec(line.trim());
    if (lineIndent === indent + 2 && match) items.push(match[1]!.replace(/^"(.*)"$/, '$1'));
  }
  return items;
}

function valueOf(text: string, key: string): string {
  const match = new RegExp(`^\\s*(?:- )?${key}: (.+)$`, 'm').exec(text);
  if (!match) throw new Error(`no '${key}:'`);
  return match[1]!.replace(/^"(.*)"$/, '$1');
}

function compareFlags(): Set<string> {
  const program = new Command('payloadwatch');
  registerCompareCommand(program, { stdout: process.stdout, stderr: process.stderr, cwd: REPO_ROOT }, () => {});
  const compare = program.commands.find((c) => c.name() === 'compare')!;
  return new Set(compare.options.map((option) => option.long!));
}

function flagsIn(args: readonly string[]): string[] {
  return args.filter((arg) => arg.startsWith('--'));
}

describe('deploy/argo-rollouts', () => {
  it('the AnalysisTemplate runs payloadwatch compare between its stable-url and canary-url in a Job', async () => {
    const text = await read('argo-rollouts/analysis-template.yaml');
    expect(lintYaml(text)).toEqual([]);
    expect(text).toMatch(/^apiVersion: argoproj\.io\/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n {2}name: payloadwatch-compare\n/m);
    expect(text).toMatch(/\n {6}provider:\n {8}job:\n {10}metadata:\n/);
    expect(text).toContain('\n                restartPolicy: Never\n');
    expect(valueOf(text, 'backoffLimit')).toBe('0');
    const args = listUnder(text, 'args', text.split('\n').findIndex((line) => line.trim() === 'containers:'));
    expect(args.slice(0, 5)).toEqual(['compare', '--baseline', '{{args.stable-url}}', '--canary', '{{args.canary-url}}']);
    const known = compareFlags();
    expect(flagsIn(args).filter((flag) => !known.has(flag))).toEqual([]);
    // Every placeholder is a declared argument.
    const declared = listUnder(text, 'args').map((item) => item.replace(/^name: /, ''));
    expect(declared).toEqual(['stable-url', 'canary-url', 'runs']);
    const used = [...new Set([...text.matchAll(/\{\{args\.([\w-]+)\}\}/g)].map((m) => m[1]))];
    expect(used.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('the Rollout names the template and gives it both URLs, from the stable and canary services', async () => {
    const text = await read('argo-rollouts/rollout.yaml');
    expect(lintYaml(text)).toEqual([]);
    expect(text.split(/^---$/m).map((doc) => valueOf(doc, 'kind'))).toEqual(['Rollout', 'Service', 'Service']);
    expect(valueOf(text, 'templateName')).toBe('payloadwatch-compare');
    expect(text).toContain(
      '              - name: stable-url\n                value: http://shop-stable.shop.svc.cluster.local:8080\n' +
        '              - name: canary-url\n                value: http://shop-canary.shop.svc.cluster.local:8080\n',
    );
    expect(valueOf(text, 'stableService')).toBe('shop-stable');
    expect(valueOf(text, 'canaryService')).toBe('shop-canary');
    expect([...text.matchAll(/^ {2}name: (shop-\w+)$/gm)].map((m) => m[1])).toEqual(['shop-stable', 'shop-canary']);
  });

  it('the image runs the payloadwatch of the probes repository', async () => {
    const text = await read('argo-rollouts/Dockerfile');
    expect(text).toMatch(/^FROM node:20-slim$/m);
    expect(text).toMatch(/^RUN npm ci --omit=dev$/m);
    expect(text).toMatch(/^ENTRYPOINT \["\/probes\/node_modules\/\.bin\/payloadwatch"\]$/m);
  });
});

describe('deploy/flagger', () => {
  it('the Canary’s pre-rollout webhook calls the gate service with both URLs in its metadata', async () => {
    const canary = await read('flagger/canary.yaml');
    const gate = await read('flagger/payloadwatch-gate.yaml');
    expect(lintYaml(canary)).toEqual([]);
    expect(lintYaml(gate)).toEqual([]);
    expect(canary).toMatch(/^apiVersion: flagger\.app\/v1beta1\nkind: Canary\n/m);
    expect(canary).toContain(
      '    webhooks:\n      - name: payloadwatch-gate\n        type: pre-rollout\n        url: http://payloadwatch-gate.shop/gate\n',
    );
    expect(canary).toContain('        metadata:\n          baseline: http://shop-primary.shop:8080\n          canary: http://shop-canary.shop:8080\n');
    // The URL's host is the gate's Service in the gate's namespace, on the Service's port 80.
    const [deployment, service] = gate.split(/^---$/m);
    expect([valueOf(deployment!, 'kind'), valueOf(service!, 'kind')]).toEqual(['Deployment', 'Service']);
    expect([valueOf(service!, 'name'), valueOf(service!, 'namespace'), valueOf(service!, 'port')]).toEqual(['payloadwatch-gate', 'shop', '80']);
  });

  it('the gate serves compare on the port its container and readiness probe name', async () => {
    const gate = await read('flagger/payloadwatch-gate.yaml');
    const args = listUnder(gate, 'args');
    expect(args.slice(0, 2)).toEqual(['compare', '--serve']);
    expect(args[args.indexOf('--port') + 1]).toBe(valueOf(gate, 'containerPort'));
    expect(args[args.indexOf('--host') + 1]).toBe('0.0.0.0');
    const known = compareFlags();
    expect(flagsIn(args).filter((flag) => !known.has(flag))).toEqual([]);
    expect(gate).toContain('          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n');
  });
});

describe('the YAML check itself', () => {
  it('finds tabs, odd indentation and flow mappings', () => {
    expect(lintYaml('a:\n\tb: 1\n   c: 2\nd: {x: 1}\n')).toEqual([
      'line 2: a tab',
      'line 2: odd indentation',
      'line 3: odd indentation',
      'line 4: not the YAML subset: d: {x: 1}',
    ]);
  });
});
