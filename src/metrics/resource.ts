// Who is sending: the OpenTelemetry resource every exported series carries (Prometheus
// shows it as `target_info`).
import { hostname } from 'node:os';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { VERSION } from '../version.ts';
import type { MetricsConfig } from './metrics-config.ts';

export const LOCATION_RESOURCE_ATTRIBUTE = 'payloadwatch.location';

/**
 * The SDK's own attributes, then payloadwatch's, then OTEL_RESOURCE_ATTRIBUTES; the service
 * name is settled in the config, and the location is always the one the run series carry.
 */
export function buildResource(config: Pick<MetricsConfig, 'serviceName' | 'resourceAttributes'>, location: string): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      'service.version': VERSION,
      'service.instance.id': `${hostname()}-${process.pid}`,
      ...config.resourceAttributes,
      'service.name': config.serviceName,
      [LOCATION_RESOURCE_ATTRIBUTE]: location,
    }),
  );
}
