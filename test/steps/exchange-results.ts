// What the http-client tests do with an exchange: make a GET with test-sized limits, and
// take its response or its failure apart, failing loudly when it is the other one.
import { exchange, type HttpExchange, type HttpExchangeRequest } from '../../src/steps/api/http-client.ts';

export function get(url: string, overrides: Partial<HttpExchangeRequest> = {}): Promise<HttpExchange> {
  return exchange({ method: 'GET', url, headers: {}, timeoutMs: 5_000, maxBodyBytes: 1024 * 1024, maxRedirects: 5, ...overrides });
}

export function failureOf(result: HttpExchange) {
  if (result.ok) throw new Error(`expected a failed exchange, got status ${result.response.status}`);
  return result.failure;
}

export function responseOf(result: HttpExchange) {
  if (!result.ok) throw new Error(`expected a response, got ${result.failure.kind}: ${result.failure.message}`);
  return result.response;
}
