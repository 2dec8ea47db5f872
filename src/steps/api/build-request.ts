// Turns an API step into the exact request to send: variables filled, query encoded,
// persona headers, then the step's own, then the tagging headers that must always win.
import { isSecretRef } from '../../config/define.ts';
import type { ApiRequest, Templated } from '../../model/definitions.ts';
import { readSecret, resolveSecretsDeep } from '../../personas/secrets.ts';
import type { Redactor } from '../../personas/redaction.ts';
import { fillDeep, fillTemplate, type Variables } from '../template.ts';
import { taggingHeaders } from './tagging.ts';

export interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RequestIdentity {
  probe: string;
  persona: string;
  traceId: string;
  /** Headers of the run (persona), sent unless the step overrides them. */
  headers: Readonly<Record<string, string>>;
}

/** Joins a relative path onto a base URL that may itself have a path (`https://host/shop`). */
export function joinUrl(base: string, path: string): URL {
  const url = new URL(base);
  const [pathname, search] = path.split('?', 2) as [string, string | undefined];
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${pathname.replace(/^\/+/, '')}`;
  if (search) url.search = search;
  return url;
}

/**
 * `variables` undefined: nothing is templated (a persona setup's own requests, whose
 * bodies carry passwords that may well contain braces). Secret values are read after
 * templating, so a secret is never parsed for placeholders.
 */
export function buildRequest(
  api: ApiRequest,
  baseUrl: string,
  variables: Variables | undefined,
  identity: RequestIdentity,
  redactor: Redactor,
): BuiltRequest {
  const fill = (value: Templated, encode?: (v: string) => string): string => {
    if (isSecretRef(value)) return readSecret(value.$secret, redactor);
    return variables ? fillTemplate(String(value), variables, encode) : String(value);
  };
  // A variable inside the path is one path segment: a `/` or `?` in it must not reshape the URL.
  const url = joinUrl(baseUrl, fill(api.path, encodeURIComponent));
  for (const [name, value] of Object.entries(api.query ?? {})) url.searchParams.append(name, fill(value));
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    ...lowerCaseKeys(identity.headers),
  };
  for (const [name, value] of Object.entries(api.headers ?? {})) headers[name.toLowerCase()] = fill(value);
  let body: string | undefined;
  if (api.body !== undefined) {
    body = JSON.stringify(resolveSecretsDeep(variables ? fillDeep(api.body, variables) : api.body, redactor));
    headers['content-type'] ??= 'application/json';
  }
  Object.assign(headers, taggingHeaders(identity.probe, identity.persona, identity.traceId));
  return { method: api.method ?? 'GET', url: url.toString(), headers, ...(body !== undefined ? { body } : {}) };
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
