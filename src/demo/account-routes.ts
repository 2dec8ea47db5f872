// Sign-up and login. Never faulted: a persona must always get in, so a fault shows up as
// wrong content rather than as a failed setup.

import { HttpError } from './http-error.ts';
import { userPayload } from './payloads.ts';
import { isRecord, readJsonBody } from './request-body.ts';
import type { Route } from './route.ts';

export const DEFAULT_USER_NAME = 'New Shopper';
const MAX_NAME_LENGTH = 100;

export const createUserRoute: Route = {
  method: 'POST',
  path: '/api/users',
  faultable: false,
  async handle(context) {
    const body = (await readJsonBody(context.request)) ?? {};
    if (!isRecord(body)) throw new HttpError(400, 'body must be a JSON object');
    const name = body['name'] === undefined ? DEFAULT_USER_NAME : body['name'];
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
      throw new HttpError(400, `name must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
    }
    const { user, token } = context.store.createUser(name.trim());
    return {
      status: 201,
      kind: 'plain',
      body: { ...userPayload(user), token, createdAt: user.createdAt.toISOString() },
    };
  },
};

export const loginRoute: Route = {
  method: 'POST',
  path: '/api/login',
  faultable: false,
  async handle(context) {
    const body = await readJsonBody(context.request);
    if (!isRecord(body) || typeof body['email'] !== 'string' || typeof body['password'] !== 'string') {
      throw new HttpError(400, 'body must be {"email": string, "password": string}');
    }
    const session = context.store.login(body['email'], body['password']);
    if (!session) throw new HttpError(401, 'unknown email or wrong password');
    return { status: 200, kind: 'plain', body: { token: session.token, user: userPayload(session.user) } };
  },
};
