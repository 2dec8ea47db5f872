// The demo shop's personas. A persona is who a probe pretends to be; failures hide in
// segments, so the same probe runs as each of them. API steps sign in with the bearer token;
// page steps carry the same token as the shop's session cookie, as a signed-in browser does.
import { definePersona } from 'payloadwatch';

/** A fresh account with no history, created at every run: the segment the incident broke. */
export const newUser = definePersona({
  name: 'new-user',
  description: 'a fresh account with no purchase history, created at each run',
  async setup({ request, runId }) {
    const res = await request({ method: 'POST', path: '/api/users', body: { name: `probe ${runId.slice(0, 8)}` } });
    if (res.status !== 201) throw new Error(`POST /api/users answered ${res.status}, expected 201`);
    const user = res.json as { id: string; token: string };
    return {
      variables: { userId: user.id, token: user.token },
      headers: { authorization: `Bearer ${user.token}` },
      cookies: { pw_session: user.token },
    };
  },
});

/** A customer with order history, logging in with credentials from the environment. */
export const returningBuyer = definePersona({
  name: 'returning-buyer',
  description: 'logs in with SHOP_BUYER_EMAIL / SHOP_BUYER_PASSWORD; has order history; browses on a phone',
  device: 'Pixel 7',
  locale: 'de-DE',
  timezone: 'Europe/Berlin',
  async setup({ request, secret }) {
    const res = await request({
      method: 'POST',
      path: '/api/login',
      body: { email: secret('SHOP_BUYER_EMAIL'), password: secret('SHOP_BUYER_PASSWORD') },
    });
    if (res.status !== 200) throw new Error(`POST /api/login answered ${res.status}, expected 200`);
    const session = res.json as { token: string; user: { id: string } };
    return {
      variables: { userId: session.user.id, token: session.token },
      headers: { authorization: `Bearer ${session.token}` },
      cookies: { pw_session: session.token },
    };
  },
});
