// The embedded demo shop: a real HTTP server that probes, tests and demos run against,
// with faults that can be switched while it runs.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkFaultShares, faultReaches, type FaultShares } from './fault-share.ts';
import { toFaultSet } from './faults.ts';
import type { FaultName } from './faults.ts';
import { handleRequest } from './handle-request.ts';
import { ShopStore } from './store.ts';
import { VERSION_FAULTS, type ShopVersion } from './versions.ts';

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
  /**
   * The share of users a fault reaches, for faults that can reach a share (see PARTIAL_FAULTS);
   * a fault without a share reaches everyone.
   * @example faultShares: { 'empty-recs-new-users': 0.3 }
   */
  faultShares?: FaultShares;
  /** Decides which users a share reaches: the same seed reaches the same users. Default 0. */
  seed?: number;
  /**
   * The release served: `v1` healthy, `v2` the incident's (`empty-recs-new-users`); its faults
   * are switched on with `faults`. Default `v1`.
   */
  version?: ShopVersion;
  /**
   * Milliseconds every request waits before it is handled, as a backend across a network
   * would make it wait: benchmarks use it to measure against a realistic endpoint. Default 0.
   */
  latencyMs?: number;
}

export interface RunningShop {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The faults switched on now. */
  faults: ReadonlySet<FaultName>;
  /** The share of users each partial fault reaches now; a fault not listed reaches all. */
  faultShares: Readonly<FaultShares>;
  /** Replaces the switched-on faults and their shares; requests already answered are not affected. */
  setFaults(faults: readonly FaultName[], shares?: FaultShares): void;
  /** Stops listening and ends every open request, hanging and streaming ones included. */
  close(): Promise<void>;
}

export async function startShop(options: ShopOptions = {}): Promise<RunningShop> {
  let faults = toFaultSet([...VERSION_FAULTS[options.version ?? 'v1'], ...(options.faults ?? [])]);
  let shares = checkFaultShares(options.faultShares ?? {});
  const seed = options.seed ?? 0;
  const store = new ShopStore();
  const state = {
    store,
    faults: () => faults,
    reaches: (fault: keyof FaultShares, userId: string) => faultReaches(shares, seed, fault, userId),
  };

  const latencyMs = options.latencyMs ?? 0;
  const server = createServer((request, response) => {
    const answer = () => void handleRequest(request, response, state).catch(() => response.destroy());
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  });
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = `http://${urlHost(server.address() as AddressInfo)}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    get faults() {
      return faults;
    },
    get faultShares() {
      return shares;
    },
    setFaults(next, nextShares = {}) {
      faults = toFaultSet(next);
      shares = checkFaultShares(nextShares);
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
