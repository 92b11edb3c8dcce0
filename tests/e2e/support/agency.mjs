// The setting most browser tests share: the release build on a static
// host, embedded by "agency" pages that point at the API double on another
// origin, and one headless Chromium. Registers its own before/after hooks.
//
// With E2E_API=server the same tests run against the reference server
// (server/) on SQLite: the double becomes a recording proxy in front of it
// (faults and CORS are still played by the double), and each test's feed is
// imported as a new client with its own personal link.
import { before, after, beforeEach } from 'node:test';
import { startStaticHost } from './static-host.mjs';
import { startApiDouble, TOKEN } from './api-double.mjs';
import { agencyFeed } from './feeds.mjs';
import { launch, newPage, waitForPortal } from './browser.mjs';
import { startServer } from './server.mjs';

/** True when the tests run against the reference server. */
export const AGAINST_SERVER = process.env.E2E_API === 'server';

/**
 * @param {(apiOrigin: string) => Record<string, Record<string,string>>} extraPages
 *        more host pages (sub-path → mount attributes)
 */
export function useAgency(extraPages = () => ({})) {
  const env = {
    /** `${host}/agency/${hash}`: the page with data-api and data-token */
    agency: (hash = '') => `${env.host.origin}/agency/${hash}`,
    /** A fresh page on `hash`, with the API double serving `portal`. */
    async open(portal, hash, options) {
      await env.api.reset(portal);
      const page = await newPage(env.browser, options);
      await page.goto(env.agency(hash));
      await waitForPortal(page);
      return page;
    },
  };
  before(async () => {
    // The app's origin is known only once the host listens; the double
    // must allow exactly that origin.
    if (AGAINST_SERVER) env.server = await startServer({ feed: agencyFeed() });
    env.api = await startApiDouble({ allowOrigin: 'pending', portal: agencyFeed(), upstream: env.server });
    env.host = await startStaticHost('dist', {
      agency: { 'data-api': env.api.origin, 'data-token': TOKEN },
      ...extraPages(env.api.origin),
    });
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.host?.close();
    await env.api?.close();
    await env.server?.close();
  });
  beforeEach(async () => {
    // An earlier test's page must not send its outbox into this test.
    await Promise.all(env.browser.contexts().map((c) => c.close()));
    env.api.state.allowOrigin = env.host.origin;
    await env.api.reset(agencyFeed());
  });
  return env;
}
