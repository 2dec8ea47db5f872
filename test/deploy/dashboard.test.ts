// The shipped Grafana dashboard: the panels the README promises, laid out on Grafana's
// 24-column grid, on a templated Prometheus data source, querying only served metrics.
import { describe, expect, it } from 'vitest';
import { dashboardQueries, exporterText, readDashboard, referencedMetrics, sampleLabels } from './deploy-files.ts';

describe('deploy/grafana dashboard', () => {
  it('has the promised panels, unique ids, and fits the grid', async () => {
    const dashboard = await readDashboard();
    expect(dashboard.uid).toBe('payloadwatch');
    const titles = dashboard.panels.filter((p) => p.type !== 'row').map((p) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Pass rate by persona',
        'Zero-result rate by persona',
        'Measure distribution over time',
        'Run duration p95',
        'Failing checks',
      ]),
    );
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
      if (panel.type !== 'row') expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'probe', 'persona', 'target', 'measure']);
  });

  it('queries only metrics the real exporter serves', async () => {
    const served = sampleLabels(await exporterText());
    const queries = dashboardQueries(await readDashboard());
    expect(queries.length).toBeGreaterThanOrEqual(13);
    const used = new Set(queries.flatMap((q) => [...referencedMetrics(q)]));
    for (const name of used) expect(served.has(name), `${name} is not served by the exporter`).toBe(true);
    expect(used).toContain('payloadwatch_payload_measure_bucket');
    expect(used).toContain('http_client_request_duration_bucket');
  });
});
