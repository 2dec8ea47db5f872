// Who a run pretends to be: the persona's static headers and cookies, then its setup
// (create a fresh user, log in), whose variables and headers the steps use.
import { randomUUID } from 'node:crypto';
import type { HttpRequestSpec, HttpResponseData, PersonaDefinition, StorageState } from '../model/definitions.ts';
import type { ResolvedDefaults } from '../config/project.ts';
import { buildRequest } from '../steps/api/build-request.ts';
import { exchange } from '../steps/api/http-client.ts';
import { isSensitiveName, type Redactor } from './redaction.ts';
import { readSecret, resolveSecretRefs } from './secrets.ts';

export interface PersonaSession {
  variables: Record<string, unknown>;
  /** For API steps: the persona's headers, its cookies joined into a `cookie` header. */
  headers: Record<string, string>;
  /** For page steps: set in the browser for the target. */
  cookies: Record<string, string>;
  /** For page steps: what the setup returned, if anything. */
  storageState?: StorageState;
}

export interface PersonaSetupOptions {
  probe: string;
  target: { name: string; url: string };
  traceId: string;
  defaults: ResolvedDefaults;
  redactor: Redactor;
  signal: AbortSignal;
  remainingMs(): number;
}

export class PersonaSetupError extends Error {
  override name = 'PersonaSetupError';
  constructor(persona: string, cause: unknown) {
    super(`persona ${persona} setup failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** Throws PersonaSetupError (or SecretMissingError) with a message fit for a report. */
export async function setUpPersona(persona: PersonaDefinition, options: PersonaSetupOptions): Promise<PersonaSession> {
  const { redactor } = options;
  const headers = lowerCaseKeys(resolveSecretRefs(persona.headers, redactor));
  const cookies = resolveSecretRefs(persona.cookies, redactor);
  const variables: Record<string, unknown> = {};
  let storageState: StorageState | undefined;
  if (persona.setup) {
    let result;
    try {
      result = await persona.setup({
        target: options.target,
        runId: randomUUID(),
        signal: options.signal,
        secret: (name) => readSecret(name, redactor),
        request: (spec) => setupRequest(spec, { ...options, headers: { ...headers, ...cookieHeader(cookies) } }, persona.name),
      });
    } catch (error) {
      if ((error as Error)?.name === 'SecretMissingError') throw error;
      throw new PersonaSetupError(persona.name, error);
    }
    for (const [name, value] of Object.entries(result?.variables ?? {})) {
      variables[name] = value;
      if (isSensitiveName(name) || result?.sensitive?.includes(name)) redactor.add(value);
    }
    for (const [name, value] of Object.entries(result?.headers ?? {})) {
      headers[name.toLowerCase()] = value;
      if (isSensitiveName(name)) redactor.add(value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
    }
    for (const [name, value] of Object.entries(result?.cookies ?? {})) {
      cookies[name] = value;
      redactor.add(value);
    }
    if (result?.storageState) {
      storageState = result.storageState;
      for (const cookie of storageState.cookies ?? []) redactor.add(cookie.value);
      for (const origin of storageState.origins ?? []) for (const item of origin.localStorage) redactor.add(item.value);
    }
  }
  return { variables, headers: { ...headers, ...cookieHeader(cookies) }, cookies, ...(storageState ? { storageState } : {}) };
}

function cookieHeader(cookies: Record<string, string>): Record<string, string> {
  const pairs = Object.entries(cookies).map(([name, value]) => `${name}=${value}`);
  return pairs.length ? { cookie: pairs.join('; ') } : {};
}

async function setupRequest(
  spec: HttpRequestSpec,
  options: PersonaSetupOptions & { headers: Record<string, string> },
  persona: string,
): Promise<HttpResponseData> {
  const built = buildRequest(spec, options.target.url, undefined, { probe: options.probe, persona, traceId: options.traceId, headers: options.headers }, options.redactor);
  const result = await exchange({
    ...built,
    timeoutMs: Math.max(1, Math.min(options.defaults.timeoutMs, options.remainingMs())),
    maxBodyBytes: options.defaults.maxBodyBytes,
    maxRedirects: options.defaults.maxRedirects,
    signal: options.signal,
  });
  if (!result.ok) throw new Error(`${spec.method ?? 'GET'} ${spec.path}: ${result.failure.message}`);
  const { response } = result;
  const text = response.body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json, durationMs: response.durationMs };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
