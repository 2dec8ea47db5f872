// Playwright's device list, read only when a persona names a device: loading Playwright
// costs half a second that API-only commands should not pay.
import { createRequire } from 'node:module';
import type { devices as Devices } from 'playwright-core';

let cached: typeof Devices | undefined;

export function playwrightDevices(): typeof Devices {
  cached ??= (createRequire(import.meta.url)('playwright-core') as { devices: typeof Devices }).devices;
  return cached;
}
