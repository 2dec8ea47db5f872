// A run's browser context is the persona's: cookies and storage from its setup, its device,
// locale and time zone; its traffic to the target says what it is, and nothing else is touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonaDefinition } from '../../../src/model/definitions.ts';
import { USER_AGENT } from '../../../src/version.ts';
import { startTestServer, type TestServer } from '../../support/http-server.ts';
import { dom } from '../../../src/validate/dom.ts';
import { html, runSteps, startPages, useBrowser, visit } from './page-fixtures.ts';

const browser = useBrowser();

/** Writes what the page can see of itself into the DOM, and fetches from another origin. */
function inspector(otherOrigin: string): string {
  return html(
    '<p id="facts"></p><p id="cross"></p>',
    `document.getElementById('facts').textContent = JSON.stringify({
       language: navigator.language,
       zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
       width: innerWidth,
       agent: navigator.userAgent,
       stored: localStorage.getItem('token'),
       cookies: document.cookie,
     });
     fetch('${otherOrigin}/data').then((r) => r.json()).then((d) => { document.getElementById('cross').textContent = 'cross-origin ' + d.ok; });`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
  );
}

let server: Awaited<ReturnType<typeof startPages>>;
let other: TestServer;
beforeAll(async () => {
  other = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end('{"ok":"yes"}');
  });
  server = await startPages({});
  server.pages['/'] = inspector(other.url);
});
afterAll(async () => {
  await server.close();
  await other.close();
});

describe('the persona in the browser', () => {
  it('sets the setup cookies for the target, and the storage state', async () => {
    const persona: PersonaDefinition = {
      name: 'buyer',
      setup: ({ target }) => ({
        cookies: { pw_session: 'session-value-1' },
        storageState: {
          cookies: [{ name: 'consent', value: 'yes', url: target.url }],
          origins: [{ origin: target.url, localStorage: [{ name: 'token', value: 'stored-value-2' }] }],
        },
      }),
    };
    const result = await runSteps(
      [visit('/', { expect: { dom: [dom.text('#facts', /"stored":"stored-value-2"/), dom.text('#facts', /pw_session=session-value-1; consent=yes/)] } }, { waitUntil: 'networkidle' })],
      server,
      browser,
      { persona },
    );
    expect(result.checks.filter((c) => c.kind === 'dom' && c.outcome !== 'pass')).toEqual([]);
    const page = server.requests.findLast((r) => r.url === '/');
    expect(page?.headers.cookie).toBe('pw_session=session-value-1; consent=yes');
    // Secrets from the setup are redacted from what the run reports.
    expect(JSON.stringify(result)).not.toContain('session-value-1');
    expect(JSON.stringify(result)).not.toContain('stored-value-2');
  });

  it('emulates the device, locale and time zone', async () => {
    const persona: PersonaDefinition = { name: 'phone', device: 'Pixel 7', locale: 'de-DE', timezone: 'Europe/Berlin' };
    const result = await runSteps(
      [
        visit('/', {
          expect: {
            dom: [dom.text('#facts', /"language":"de-DE"/), dom.text('#facts', /"zone":"Europe\/Berlin"/), dom.text('#facts', /"width":412,/), dom.text('#facts', /Android.*payloadwatch\/\d/)],
          },
        }, { waitUntil: 'networkidle' }),
      ],
      server,
      browser,
      { persona },
    );
    expect(result.checks.filter((c) => c.kind === 'dom' && c.outcome !== 'pass')).toEqual([]);
  });

  it('without a device keeps the browser user agent, with payloadwatch added', async () => {
    await runSteps([visit('/', {}, { waitUntil: 'networkidle' })], server, browser, { persona: { name: 'desk' } });
    const page = server.requests.findLast((r) => r.url === '/');
    expect(page?.headers['user-agent']).toMatch(new RegExp(`^Mozilla/5\\.0 .*HeadlessChrome/[\\d.]+ Safari/537\\.36 ${USER_AGENT.replace(/[()./]/g, '\\$&')}$`));
  });
});

describe('tagging', () => {
  it('goes to the target only, so cross-origin requests stay simple and still work', async () => {
    const before = other.requests.length;
    const result = await runSteps([visit('/', { expect: { dom: [dom.text('#cross', 'cross-origin yes')] } }, { waitUntil: 'networkidle' })], server, browser, {
      persona: { name: 'tagged' },
      probe: { name: 'tag check' },
    });
    expect(result.outcome).toBe('pass');
    const page = server.requests.findLast((r) => r.url === '/');
    expect(page?.headers).toMatchObject({ 'x-payloadwatch-probe': 'tag check', 'x-payloadwatch-persona': 'tagged' });
    expect(page?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const cross = other.requests.slice(before);
    expect(cross.map((r) => r.method)).toEqual(['GET']);
    expect(cross[0]!.headers['x-payloadwatch-probe']).toBeUndefined();
    expect(cross[0]!.headers.traceparent).toBeUndefined();
  });
});
