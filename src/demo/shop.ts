// The embedded demo shop: a real HTTP server that probes, tests and demos run against,
// with faults that can be switched while it runs.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toFaultSet } from './faults.ts';
import type { FaultName } from './faults.ts';
import { handleRequest } from './handle-request.ts';
import { ShopStore } from './store.ts';

export { HUGE_BODY_BYTES, SLOW_DELAY_MS } from './faults.ts';

export interface ShopOptions {
  /** 0 = any free port. Default 0. */
  port?: number;
  /** Default `'127.0.0.1'`. */
  host?: string;
  /**
   * Faults switched on from the start.
   * @example faults: ['empty-recs-new-users']
   */
  faults?: readonly FaultName[];
}

export interface RunningShop {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The faults switched on now. */
  faults: ReadonlySet<FaultName>;
  /** Replaces the switched-on faults; requests already answered are not affected. */
  setFaults(faults: readonly FaultName[]): void;
  /** Stops listening and ends every open request, hanging and streaming ones included. */
  close(): Promise<void>;
}

export async function startShop(options: ShopOptions = {}): Promise<RunningShop> {
  let faults = toFaultSet(options.faults ?? []);
  const store = new ShopStore();
  const state = { store, faults: () => faults };

  const server = createServer((request, response) => {
    handleRequest(request, response, state).catch(() => response.destroy());
  });
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = `http://${urlHost(server.address() as AddressInfo)}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    get faults() {
      return faults;
    },
    setFaults(next) {
      faults = toFaultSet(next);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging, slow and streaming requests would otherwise keep `close` waiting; ending
        // their connections also stops their work, which listens for the response closing.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A wildcard address is reachable on loopback; IPv6 needs brackets in a URL. */
function urlHost({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0') return `127.0.0.1:${port}`;
  if (address === '::') return `[::1]:${port}`;
  return family === 'IPv6' ? `[${address}]:${port}` : `${address}:${port}`;
}
