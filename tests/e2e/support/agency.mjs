// The setting most browser tests share: the release build on a static
// host, embedded by "agency" pages that point at the API double on another
// origin, and one headless Chromium. Registers its own before/after hooks.
import { before, after, beforeEach } from 'node:test';
import { startStaticHost } from './static-host.mjs';
import { startApiDouble, TOKEN } from './api-double.mjs';
import { agencyFeed } from './feeds.mjs';
import { launch, newPage, waitForPortal } from './browser.mjs';

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
      env.api.reset(portal);
      const page = await newPage(env.browser, options);
      await page.goto(env.agency(hash));
      await waitForPortal(page);
      return page;
    },
  };
  before(async () => {
    // The app's origin is known only once the host listens; the double
    // must allow exactly that origin.
    env.api = await startApiDouble({ allowOrigin: 'pending', portal: agencyFeed() });
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
  });
  beforeEach(() => {
    env.api.reset(agencyFeed());
    env.api.state.allowOrigin = env.host.origin;
  });
  return env;
}
