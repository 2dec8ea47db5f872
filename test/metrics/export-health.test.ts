// Export warnings under backoff: the first at once, then one per quiet spell that doubles,
// with a count of those held back; an export that gets through starts it all over.
import { describe, expect, it } from 'vitest';
import { ExportHealth } from '../../src/metrics/export-health.ts';
import { captureLog, LEVEL } from './support/capture-log.ts';

function setUp() {
  const log = captureLog();
  let now = 1_000_000;
  const health = new ExportHealth(log.logger, { initialBackoffMs: 1_000, maxBackoffMs: 4_000, now: () => now });
  return { log, health, advance: (ms: number) => (now += ms) };
}

describe('ExportHealth', () => {
  it('backs off: doubling quiet spells up to the cap, counting what it held back', () => {
    const { log, health, advance } = setUp();
    const fail = () => health.exportFailed('otlp', new Error('connect ECONNREFUSED'));

    fail(); // logged; quiet for 1 s
    advance(500);
    fail(); // held back
    advance(600);
    fail(); // logged; quiet for 2 s
    advance(1_999);
    fail(); // held back
    advance(1);
    fail(); // logged; quiet for 4 s
    advance(4_000);
    fail(); // logged; quiet for 4 s (the cap)
    advance(3_999);
    fail(); // held back

    expect(log.warnings().map((w) => [w.failedExports, w.heldBack, w.nextWarningInMs])).toEqual([
      [1, undefined, 1_000],
      [3, 1, 2_000],
      [5, 1, 4_000],
      [6, undefined, 4_000],
    ]);
    expect(health.failures).toBe(7);
  });

  it('says once that exports work again, and starts the backoff over', () => {
    const { log, health, advance } = setUp();
    health.exportFailed('otlp', new Error('down'));
    health.exportFailed('otlp', new Error('down'));
    health.exportSucceeded('otlp');
    health.exportSucceeded('otlp');
    advance(1);
    health.exportFailed('otlp', new Error('down again'));

    expect(log.lines.map((l) => [l.level, l.msg, l.failedExports, l.nextWarningInMs])).toEqual([
      [LEVEL.warn, 'metrics export failed; the counts are kept and go out with the next export that gets through', 1, 1_000],
      [LEVEL.info, 'metrics export works again', 2, undefined],
      [LEVEL.warn, 'metrics export failed; the counts are kept and go out with the next export that gets through', 1, 1_000],
    ]);
  });

  it("routes OpenTelemetry's own errors and warnings through the same backoff", () => {
    const { log, health, advance } = setUp();
    const diag = health.diagLogger();
    diag.error('PeriodicExportingMetricReader: metrics export failed', new Error('boom'));
    diag.warn('held back');
    diag.info('not logged');
    diag.debug('not logged');
    advance(1_000);
    diag.warn('negative value provided to histogram', 'x', -1);

    expect(log.warnings().map((w) => [w.msg, w.source, w.heldBack, w.details])).toEqual([
      ['PeriodicExportingMetricReader: metrics export failed', 'opentelemetry', undefined, undefined],
      ['negative value provided to histogram', 'opentelemetry', 1, ['x', '-1']],
    ]);
    expect((log.warnings()[0]!.err as { message: string }).message).toBe('boom');
  });
});
