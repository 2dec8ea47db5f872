// The files `payloadwatch init` writes: a config, one persona, one API probe with its
// schema, one page probe, a package.json and a README. They are aimed at the demo shop, so
// `validate` and `run` pass as soon as they are written; each says what to change for a real API.
import { VERSION } from '../../version.ts';

export interface ScaffoldOptions {
  /** The package name for package.json. */
  name: string;
  targetName: string;
  targetUrl: string;
}

export function scaffoldFiles(options: ScaffoldOptions): Record<string, string> {
  return {
    'payloadwatch.config.ts': config(options),
    'probes/personas.ts': PERSONAS,
    'probes/example.probe.ts': API_PROBE,
    'probes/example-page.probe.ts': PAGE_PROBE,
    'schemas/example.schema.json': `${JSON.stringify(SCHEMA, null, 2)}\n`,
    'package.json': `${JSON.stringify(packageJson(options.name), null, 2)}\n`,
    '.gitignore': 'node_modules/\npayloadwatch-report/\n',
    'README.md': readme(options),
  };
}

function config({ targetName, targetUrl }: ScaffoldOptions): string {
  return `// Where probes go (targets) and who they pretend to be (personas).
// Check it with \`npx payloadwatch validate\`; run every probe with \`npx payloadwatch run\`.
import { defineConfig } from 'payloadwatch';
import { newUser } from './probes/personas.ts';

export default defineConfig({
  // Name → base URL. \`--target\` picks one by name, or takes a URL.
  targets: {
    ${JSON.stringify(targetName)}: ${JSON.stringify(targetUrl)},
  },
  personas: [newUser],
  probes: 'probes/**/*.probe.ts',
  schemas: 'schemas',
  defaults: { timeout: '10s', runTimeout: '60s', retries: 1 },
  reporters: ['console'],
  // Reports (junit.xml, report.html, report.json) and screenshots go here.
  output: 'payloadwatch-report',
});
`;
}

const PERSONAS = `// Who the probes pretend to be. Failures hide in segments: add a persona for each kind of
// user whose answers differ (a returning buyer, a user of another country, an admin).
import { definePersona } from 'payloadwatch';

/**
 * A fresh account with no history, created at every run. This setup signs up on the demo
 * shop (\`npx payloadwatch demo shop\`); point it at your own sign-up or test-user API.
 * Secrets (passwords, API keys) come from the environment: \`secret('MY_API_KEY')\`.
 */
export const newUser = definePersona({
  name: 'new-user',
  description: 'a fresh account with no purchase history, created at each run',
  async setup({ request, runId }) {
    const res = await request({ method: 'POST', path: '/api/users', body: { name: \`probe \${runId.slice(0, 8)}\` } });
    if (res.status !== 201) throw new Error(\`POST /api/users answered \${res.status}, expected 201\`);
    const user = res.json as { id: string; token: string };
    return {
      variables: { userId: user.id, token: user.token },
      // API steps send the bearer token; page steps carry it as the shop's session cookie.
      headers: { authorization: \`Bearer \${user.token}\` },
      cookies: { pw_session: user.token },
    };
  },
});
`;

const API_PROBE = `// An API probe: call an endpoint as a persona and judge the content, not just the status.
import { defineProbe, measure, nonEmpty, range, unique } from 'payloadwatch';

export default defineProbe({
  name: 'example',
  description: 'recommendations are never empty and every price is positive',
  schedule: '*/30 * * * * *', // for \`payloadwatch daemon\`
  personas: ['new-user'],
  tags: ['example', 'api'],
  steps: [
    {
      name: 'get recommendations',
      api: { method: 'GET', path: '/api/recommendations' },
      expect: {
        status: 200,
        schema: 'example.schema.json',
        latency: '2s',
        rules: [
          nonEmpty('$.items', { name: 'recommendations are never empty' }),
          unique('$.items', { by: 'id' }, { name: 'no duplicate products' }),
          range('$.items[*].price', { above: 0 }, { name: 'prices are positive' }),
        ],
      },
      // A number from every run, exported as a metric: alert when it drops to zero.
      measures: { recommendations: measure.count('$.items') },
    },
  ],
});
`;

const PAGE_PROBE = `// A page probe: render a page in Chromium as a persona, judge what a user would see, and
// judge the API answer the page itself fetched. A failing run keeps a screenshot and a trace.
import { defineProbe, dom, measure, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'example-page',
  description: 'the home page shows recommendations',
  schedule: '0 * * * * *',
  personas: ['new-user'],
  tags: ['example', 'page'],
  steps: [
    {
      name: 'home page',
      page: { path: '/', waitUntil: 'networkidle' },
      expect: {
        dom: [
          dom.count('.product-card', { min: 1 }, { name: 'products are listed' }),
          dom.count('.rec-card', { min: 1 }, { name: 'recommendations are shown' }),
          dom.visible('#recommendations'),
        ],
        responses: [
          {
            url: '/api/recommendations',
            expect: { schema: 'example.schema.json', rules: [nonEmpty('$.items', { name: 'the widget gets recommendations' })] },
          },
        ],
      },
      measures: { recommendationCards: measure.domCount('.rec-card') },
    },
  ],
});
`;

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Recommendations',
  description: 'GET /api/recommendations. That the list must not be empty is a rule in the probe, not part of the shape.',
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'price'],
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string', minLength: 1 },
          price: { type: 'number' },
        },
      },
    },
  },
};

function packageJson(name: string) {
  return {
    name,
    private: true,
    type: 'module',
    scripts: {
      'probes:validate': 'payloadwatch validate',
      'probes:run': 'payloadwatch run',
    },
    devDependencies: { payloadwatch: `^${VERSION}` },
  };
}

function readme({ targetName, targetUrl }: ScaffoldOptions): string {
  return `## Payload checks

Synthetic probes, written with payloadwatch, act as user personas, call our APIs and render
our pages, and judge what comes back: JSON Schema and rules such as "recommendations are
never empty", not just the status code.

| file | what it holds |
| --- | --- |
| \`payloadwatch.config.ts\` | targets (\`${targetName}\`: ${targetUrl}) and personas |
| \`probes/personas.ts\` | who the probes pretend to be |
| \`probes/*.probe.ts\` | the probes: API calls and pages, with their rules |
| \`schemas/*.schema.json\` | JSON Schemas (2020-12) of the payloads |

\`\`\`sh
npm install
npx payloadwatch validate                      # check everything, run nothing
npx payloadwatch run                           # every probe × persona against ${targetName}
npx payloadwatch run --target https://staging.example.com --reporter console,junit,html
\`\`\`

Exit codes: 0 all passed, 1 a probe failed or errored, 2 the configuration or the command is
wrong. Reports go to \`payloadwatch-report/\`. Page probes need Chromium (\`/usr/bin/chromium\`,
or \`browser.executablePath\` in the config).

The examples are written for payloadwatch's demo shop (\`npx payloadwatch demo shop\` serves it
on http://127.0.0.1:4010); change the paths, rules and persona setup to fit our API.
`;
}
