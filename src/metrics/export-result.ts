// The SDK's export result, named here so the exporters need not depend on @opentelemetry/core.
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';

export type ExportResult = Parameters<Parameters<PushMetricExporter['export']>[1]>[0];

/** `ExportResultCode.SUCCESS` of @opentelemetry/core. */
export const EXPORT_SUCCESS = 0;
/** `ExportResultCode.FAILED` of @opentelemetry/core. */
export const EXPORT_FAILED = 1;
