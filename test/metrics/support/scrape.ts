// Serves a pipeline's Prometheus handler on loopback, as the daemon will, and scrapes it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsPipeline } from '../../../src/metrics/metrics-pipeline.ts';

export async function scrape(pipeline: MetricsPipeline): Promise<{ status: number; contentType: string; text: string }> {
  const handler = pipeline.prometheusHandler;
  if (!handler) throw new Error('the pipeline has no Prometheus handler');
  const server = createServer((req, res) => (req.url === '/metrics' ? handler(req, res) : res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
