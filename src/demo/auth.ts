// Who is asking: API clients send a bearer token, the shop's own pages send the same token
// as a session cookie, because a page's `fetch` carries cookies and no Authorization header.

import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';
import type { RouteContext } from './route.ts';
import type { User } from './store.ts';

/** Holds the same token `POST /api/login` and `POST /api/users` answer with. */
export const SESSION_COOKIE = 'pw_session';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="demo-shop"' } as const;

export function requireUser(context: RouteContext): User {
  const token = tokenOf(context.request);
  if (token === undefined) throw new HttpError(401, 'missing bearer token', CHALLENGE);
  const user = context.store.userForToken(token);
  if (!user) throw new HttpError(401, 'invalid or expired token', CHALLENGE);
  return user;
}

/** An Authorization header wins over the cookie: explicit credentials over ambient ones. */
function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined && header !== '') return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return sessionCookie(request.headers.cookie);
}

/** The `pw_session` value of a `Cookie` header; `undefined` when absent or empty. */
export function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    // Cookie values may be quoted (RFC 6265); tokens are base64url, so no decoding is needed.
    const value = pair.slice(separator + 1).trim().replace(/^"(.*)"$/, '$1');
    return value === '' ? undefined : value;
  }
  return undefined;
}
