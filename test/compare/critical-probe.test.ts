// `critical: true` on a probe: the canary gate fails a canary as soon as one of its runs of
// that probe fails. Validated like every other probe field.
import { afterEach, describe, expect, it } from 'vitest';
import { error, Fixture, VALID_CONFIG } from '../config/fixture.ts';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
});

const probe = (critical: string) => `import { defineProbe, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'recs',
  critical: ${critical},
  steps: [{ name: 'list', api: { path: '/api/items' }, expect: { rules: [nonEmpty('$.items')] } }],
} as never);
`;

async function load(critical: string) {
  const fixture = await Fixture.create({ 'payloadwatch.config.ts': VALID_CONFIG, 'probes/recs.probe.ts': probe(critical) });
  fixtures.push(fixture);
  return fixture.load();
}

describe('a critical probe', () => {
  it('loads with critical: true', async () => {
    const { project, diagnostics } = await load('true');
    expect(diagnostics).toEqual([]);
    expect(project!.probes[0]!.definition.critical).toBe(true);
  });

  it('names the file and path when critical is not a boolean', async () => {
    const { diagnostics } = await load("'yes'");
    expect(diagnostics).toEqual([error('probes/recs.probe.ts', 'critical', "expected a boolean, got a string ('yes')")]);
  });
});
