import { HttpError } from './http-error.ts';
import type { RouteContext } from './route.ts';
import type { User } from './store.ts';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="demo-shop"' } as const;

export function requireUser(context: RouteContext): User {
  const header = context.request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, 'missing bearer token', CHALLENGE);
  const user = context.store.userForToken(match[1] as string);
  if (!user) throw new HttpError(401, 'invalid or expired token', CHALLENGE);
  return user;
}
