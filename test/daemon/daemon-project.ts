// Fixture projects for the daemon: the demo shop's two personas, and probes on schedules of
// a second or two, so a test sees several runs within seconds.
import { Fixture } from '../config/fixture.ts';

/** The config of a fixture project whose only target is `shopUrl`. */
export function daemonConfig(shopUrl: string, extra = ''): string {
  return `import { defineConfig, definePersona, secret } from 'payloadwatch';

const newUser = definePersona({
  name: 'new-user',
  async setup({ request }) {
    const res = await request({ method: 'POST', path: '/api/users', body: { name: 'daemon probe' } });
    if (res.status !== 201) throw new Error('POST /api/users answered ' + res.status);
    const user = res.json as { id: string; token: string };
    return { variables: { userId: user.id, token: user.token }, headers: { authorization: 'Bearer ' + user.token } };
  },
});

const returningBuyer = definePersona({
  name: 'returning-buyer',
  async setup({ request }) {
    const res = await request({ method: 'POST', path: '/api/login', body: { email: secret('SHOP_BUYER_EMAIL'), password: secret('SHOP_BUYER_PASSWORD') } });
    if (res.status !== 200) throw new Error('POST /api/login answered ' + res.status);
    const session = res.json as { token: string; user: { id: string } };
    return { variables: { userId: session.user.id, token: session.token }, headers: { authorization: 'Bearer ' + session.token } };
  },
});

export default defineConfig({
  targets: { shop: ${JSON.stringify(shopUrl)} },
  personas: [newUser, returningBuyer],
  defaults: { retries: 0, timeout: '2s', runTimeout: '3s' },
  ${extra}
});
`;
}

/** The incident's probe, every `schedule`, as both personas. */
export function recommendationsProbe(schedule = '* * * * * *'): string {
  return `import { defineProbe, measure, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'recommendations',
  schedule: ${JSON.stringify(schedule)},
  personas: ['new-user', 'returning-buyer'],
  steps: [{
    name: 'get recommendations',
    api: { path: '/api/recommendations' },
    expect: { status: 200, rules: [nonEmpty('$.items', { name: 'recommendations are never empty' })] },
    measures: { recommendations: measure.count('$.items') },
  }],
});
`;
}

export const SEARCH_PROBE = `import { defineProbe, measure, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'search',
  schedule: '*/2 * * * * *',
  personas: ['new-user', 'returning-buyer'],
  steps: [{
    name: 'search lamp',
    api: { path: '/api/search', query: { q: 'lamp' } },
    expect: { rules: [nonEmpty('$.items', { name: 'search finds results' })] },
    measures: { searchResults: measure.count('$.items') },
  }],
});
`;

/** A probe run by `payloadwatch run` only: the daemon must leave it alone. */
export const UNSCHEDULED_PROBE = `import { defineProbe, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'adhoc',
  steps: [{ name: 'products', api: { path: '/api/products' }, expect: { rules: [nonEmpty('$.items')] } }],
});
`;

export async function daemonProject(shopUrl: string, probes: Record<string, string>, configExtra = ''): Promise<Fixture> {
  return Fixture.create({ 'payloadwatch.config.ts': daemonConfig(shopUrl, configExtra), ...probes });
}
