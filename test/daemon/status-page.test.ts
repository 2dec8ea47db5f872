import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/daemon/html.ts';
import { sparkline } from '../../src/daemon/sparkline.ts';
import { ago, renderStatusPage, type PageInfo } from '../../src/daemon/status-page.ts';
import type { ScheduleStatus } from '../../src/daemon/status-store.ts';

const NOW = new Date('2030-05-01T12:00:00.000Z');
const INFO: PageInfo = {
  version: '0.1.0',
  targets: [{ name: 'shop', url: 'http://127.0.0.1:4010' }],
  location: 'eu-west',
  startedAt: '2030-05-01T11:00:00.000Z',
  state: 'ready',
  refreshSeconds: 5,
  now: NOW,
};

const HOSTILE = `<script>alert("x")</script><img src=x onerror='alert(1)'>&amp;`;

function status(overrides: Partial<ScheduleStatus> = {}): ScheduleStatus {
  return {
    probe: 'recommendations',
    persona: 'new-user',
    target: 'shop',
    schedule: '*/30 * * * * *',
    outcome: 'fail',
    flaky: false,
    lastRunAt: '2030-05-01T11:59:48.000Z',
    lastDurationMs: 18,
    lastFailure: { at: '2030-05-01T11:59:48.000Z', outcome: 'fail', message: 'rule "recommendations are never empty" in step \'get\': expected a non-empty array at $.items, got []' },
    runs: { pass: 2, fail: 1, error: 0 },
    skippedTicks: 0,
    recent: [
      { at: '2030-05-01T11:59:00.000Z', outcome: 'pass', durationMs: 10 },
      { at: '2030-05-01T11:59:30.000Z', outcome: 'pass', durationMs: 11 },
      { at: '2030-05-01T11:59:48.000Z', outcome: 'fail', durationMs: 18 },
    ],
    measures: { recommendations: [{ at: 'a', value: 6 }, { at: 'b', value: 6 }, { at: 'c', value: 0 }] },
    ...overrides,
  };
}

describe('status page', () => {
  it('escapes every text that reaches it: names, messages, targets', () => {
    const html = renderStatusPage(
      [status({ probe: HOSTILE, persona: HOSTILE, target: HOSTILE, schedule: HOSTILE, lastFailure: { at: NOW.toISOString(), outcome: 'error', message: HOSTILE }, measures: { [HOSTILE]: [{ at: 'a', value: 1 }] } })],
      { ...INFO, targets: [{ name: HOSTILE, url: HOSTILE }], location: HOSTILE },
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror='/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;amp;');
  });

  it('shows the outcome, the strip, a chart per measure, and the current failure in words', () => {
    const html = renderStatusPage([status(), status({ persona: 'returning-buyer', outcome: 'pass', lastFailure: undefined })], INFO);
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).toContain('<title>1 failing · payloadwatch</title>');
    expect(html).toContain('<span class="badge fail">FAIL</span>');
    expect(html).toContain('<span class="badge pass">PASS</span>');
    expect(html.match(/<span class="cell (pass|fail|error)"/g)).toHaveLength(6);
    expect(html).toContain('aria-label="recommendations: last 0, min 0, max 6 over 3 runs"');
    expect(html).toContain('<span class="label">Failing</span>');
    expect(html).toContain('expected a non-empty array at $.items, got []');
    expect(html).toContain('12s ago');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('says when nothing is scheduled', () => {
    expect(renderStatusPage([], INFO)).toContain('No probe has a schedule.');
  });

  it('relative times', () => {
    expect(ago('2030-05-01T11:59:59.000Z', NOW)).toBe('1s ago');
    expect(ago('2030-05-01T11:50:00.000Z', NOW)).toBe('10m ago');
    expect(ago('2030-05-01T09:00:00.000Z', NOW)).toBe('3h ago');
    expect(ago('2030-04-28T12:00:00.000Z', NOW)).toBe('3d ago');
  });

  it('sparkline: numeric coordinates only, zeros marked, a single value drawn', () => {
    const svg = sparkline('recommendations', [5, 0, 5]);
    expect(svg.match(/<circle class="zero"/g)).toHaveLength(1);
    expect(svg).toContain('<polyline points="4,4 84,32 164,4"/>');
    expect(sparkline('x', [3])).toContain('<circle class="last" cx="84"');
    expect(sparkline('x', [])).toContain('aria-label="x: no values yet"');
    expect(escapeHtml(`a<b>"c'&`)).toBe('a&lt;b&gt;&quot;c&#39;&amp;');
  });
});
