// The portal under a strict Content-Security-Policy, sent as a real
// response header: no 'unsafe-inline' for scripts or styles, no eval, and
// Trusted Types required with no policy allowed at all. Standalone, inline
// on a strict agency page, and in an iframe between two strict pages. The
// policies are the ones README recommends ("Content-Security-Policy").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startStaticHost } from './support/static-host.mjs';
import { startApiDouble, TOKEN } from './support/api-double.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { launch, newPage, assertNoProblems, screenshot, waitForPortal } from './support/browser.mjs';

const SNIPPET_ORIGIN = 'https://portal.your-agency.example';
const inlineSnippet = readFileSync('embed/inline.html', 'utf8');
const iframeSnippet = readFileSync('embed/iframe.html', 'utf8');

/** What the portal's own pages are sent with (README). */
const portalPolicy = ({ api = '', ancestors = "'none'" } = {}) => [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  `connect-src 'self' ${api}`,
  `img-src 'self' data: ${api}`,
  `frame-src 'self' ${api}`,
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${ancestors}`,
  "require-trusted-types-for 'script'",
  "trusted-types default",
].join('; ');

/** What an agency's own strict page adds for the inline portal or the frame. */
const hostPolicy = ({ portal, api = '' }) => [
  "default-src 'none'",
  `script-src 'self' ${portal} 'wasm-unsafe-eval'`,
  `style-src 'self' ${portal}`,
  `connect-src 'self' ${portal} ${api}`,
  `img-src 'self' data: ${portal} ${api}`,
  `frame-src ${portal}`,
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types default",
].join('; ');

let api;
let portal;
let site;
let browser;

const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Agency site</title></head><body><h1>Our clients</h1>${body}</body></html>`;

before(async () => {
  api = await startApiDouble({ allowOrigin: 'pending', portal: agencyFeed() });
  // The agency's site, on an origin of its own.
  site = await startStaticHost('dist', {}, {
    '/inline.html': () => page(inlineSnippet.replaceAll(`${SNIPPET_ORIGIN}/portal/`, `${portal.origin}/portal/`)
      .replace('https://api.your-agency.example/portal"', `${api.origin}" data-token="${TOKEN}"`)),
    '/framed.html': () => page(iframeSnippet.replaceAll(`${SNIPPET_ORIGIN}/portal/`, `${portal.origin}/framed/`)),
  }, {
    headers: () => ({ 'content-security-policy': hostPolicy({ portal: portal.origin, api: api.origin }) }),
  });
  portal = await startStaticHost('dist', {
    agency: { 'data-api': api.origin, 'data-token': TOKEN },
    framed: { 'data-parent-origin': site.origin },
  }, {}, {
    headers: (path) => ({
      // The agency's pages are on another origin: its module scripts, wasm
      // and language files are fetched with CORS (README).
      'access-control-allow-origin': site.origin,
      'content-security-policy': portalPolicy({
        api: api.origin,
        ancestors: path.startsWith('/framed/') ? site.origin : "'none'",
      }),
    }),
  });
  api.state.allowOrigin = `${portal.origin} ${site.origin}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await portal?.close();
  await site?.close();
  await api?.close();
});

/** A page that records every policy violation, wherever it happens. */
async function strictPage(options) {
  const p = await newPage(browser, options);
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`.trim());
    }, true);
  });
  return p;
}

async function assertNoViolations(p, frame) {
  const where = frame ? p.frames().find((f) => f.url().includes('/framed/')) : p;
  assert.deepEqual(await where.evaluate(() => window.__violations), []);
  assertNoProblems(p);
}

/** Computed styles inside the shadow root: what only the portal's stylesheet sets. */
async function styled(root) {
  return root.evaluate(() => {
    const shadow = document.querySelector('[data-client-portal]').shadowRoot;
    const cs = (sel) => getComputedStyle(shadow.querySelector(sel));
    return {
      sheets: shadow.adoptedStyleSheets?.length,
      app: cs('.cp-app').display,
      nav: cs('.cp-nav').display,
      navLink: cs('.cp-nav a').textDecorationLine,
      padding: cs('.cp-main').paddingTop,
      brand: getComputedStyle(document.querySelector('[data-client-portal]')).getPropertyValue('--cp-brand').trim(),
    };
  });
}

test('standalone under a strict policy with Trusted Types: styled, branded, and explanations open', async () => {
  const feed = agencyFeed();
  feed.deliverables[0].summary = 'Better SEO for the new pages.';
  api.reset(feed);
  const p = await strictPage();
  const response = await p.goto(`${portal.origin}/agency/#/deliverables`);
  assert.match(response.headers()['content-security-policy'], /require-trusted-types-for 'script'/);
  await waitForPortal(p);
  const s = await styled(p);
  // The portal's stylesheet and the agency's brand colours, both adopted.
  assert.equal(s.sheets, 2);
  assert.match(s.brand, /^#[0-9a-f]{6}$/i);
  assert.notEqual(s.padding, '0px');
  assert.equal(s.navLink, 'none');
  // A glossary term's explanation, built without markup strings.
  const term = p.locator('button.cp-term').first();
  await term.click();
  await p.locator('.cp-term-note:popover-open').waitFor();
  // A decision sent to the API (connect-src) goes through, with its receipt.
  await p.goto(`${portal.origin}/agency/#/approvals/a-home-3`);
  await waitForPortal(p);
  await p.getByRole('button', { name: 'Approve', exact: true }).click();
  await p.getByRole('dialog').getByRole('button', { name: 'Yes, approve' }).click();
  await p.getByRole('button', { name: 'Send now' }).click();
  await p.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.equal(api.state.writes.filter((w) => w.path.endsWith('/decision')).length, 1);
  await screenshot(p, 'csp-standalone-1280');
  await assertNoViolations(p);
});

test('the demo agency, standalone under the same policy', async () => {
  const p = await strictPage({ width: 390 });
  await p.goto(`${portal.origin}/portal/#/wins`);
  await waitForPortal(p);
  const s = await styled(p);
  assert.equal(s.sheets, 2);
  assert.notEqual(s.brand, '', 'the demo agency brand colour applies');
  await assertNoViolations(p);
});

test('inline on a strict agency page: the same styles as the standalone page', async () => {
  // A real feed names its pictures by full address (here, the portal's
  // demo files); the host's img-src lets them in.
  const feed = JSON.parse(JSON.stringify(agencyFeed()).replaceAll('"demo/assets/', `"${portal.origin}/portal/demo/assets/`));
  api.reset(feed);
  const p = await strictPage();
  await p.goto(`${site.origin}/inline.html`);
  await waitForPortal(p);
  const inline = await styled(p);
  const q = await strictPage();
  await q.goto(`${portal.origin}/agency/`);
  await waitForPortal(q);
  assert.deepEqual(inline, await styled(q));
  // Every picture arrived (none refused, none missing).
  const broken = await p.evaluate(() => [...document.querySelector('[data-client-portal]').shadowRoot.querySelectorAll('img')]
    .filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src));
  assert.deepEqual(broken, []);
  await screenshot(p, 'csp-inline-1280');
  await assertNoViolations(p);
  await assertNoViolations(q);
});

test('in an iframe, both pages strict: the frame follows its content and deep links work', async () => {
  const p = await strictPage();
  await p.goto(`${site.origin}/framed.html#/deadlines`);
  const frame = p.frameLocator('#client-portal');
  await frame.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor({ timeout: 20000 });
  // frame.js sized it (40rem), then the portal's height took over.
  await p.waitForFunction(() => {
    const h = document.getElementById('client-portal').getBoundingClientRect().height;
    return h > 0 && h !== 640 && h !== 150;
  });
  await frame.getByRole('link', { name: 'Wins', exact: true }).click();
  await p.waitForFunction(() => location.hash === '#/wins');
  await assertNoViolations(p);
  await assertNoViolations(p, 'frame');
});

test('framed by a site the policy does not name: the browser refuses to show it', async () => {
  const p = await newPage(browser);
  await p.setContent(page(`<iframe id="x" src="${portal.origin}/agency/"></iframe>`));
  // frame-ancestors 'none' on the agency page: the frame stays empty.
  await p.waitForTimeout(1000);
  const frame = p.frames().find((f) => f.url().includes('/agency/'));
  const mounted = frame ? await frame.evaluate(() => !!document.querySelector('[data-client-portal]')?.shadowRoot).catch(() => false) : false;
  assert.equal(mounted, false);
});

test('the built page has nothing inline: no inline script, no <style>, no style or event attribute', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  assert.match(html, /<script type="?module"? src="\.\/embed\.js"><\/script>/);
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i);
  assert.doesNotMatch(html, /<style[\s>]/i);
  assert.doesNotMatch(html, /<[a-z][^>]*\s(style|on[a-z]+)=/i);
});

test("the Trusted Types policy lets the portal's own markup through and nothing that could run", async () => {
  const p = await strictPage();
  await p.goto(`${portal.origin}/portal/`);
  await waitForPortal(p);
  const tried = await p.evaluate(() => Object.fromEntries([
    ['plain', '<p class="x">Hello <strong>there</strong></p>'],
    ['script', '<script>window.__ran = 1</script>'],
    ['handler', '<img src="x" onerror="window.__ran = 1">'],
    ['frame', '<iframe src="about:blank"></iframe>'],
    ['address', '<a href="javascript:window.__ran = 1">x</a>'],
  ].map(([name, html]) => {
    const el = document.createElement('div');
    try {
      el.innerHTML = html;
      return [name, 'let through'];
    } catch {
      return [name, 'refused'];
    }
  })));
  assert.deepEqual(tried, { plain: 'let through', script: 'refused', handler: 'refused', frame: 'refused', address: 'refused' });
  assert.equal(await p.evaluate(() => window.__ran), undefined);
});

test('a browser without adopted stylesheets gets the same styles from <style> elements', async () => {
  // An older browser, and so no strict policy to refuse <style>.
  const plain = await startStaticHost('dist', { agency: { 'data-api': api.origin, 'data-token': TOKEN } });
  const allowed = api.state.allowOrigin;
  api.state.allowOrigin = `${allowed} ${plain.origin}`;
  const p = await newPage(browser);
  await p.addInitScript(() => {
    delete ShadowRoot.prototype.adoptedStyleSheets;
    delete Document.prototype.adoptedStyleSheets;
  });
  await p.goto(`${plain.origin}/agency/`);
  await waitForPortal(p);
  const old = await styled(p);
  const q = await strictPage();
  await q.goto(`${portal.origin}/agency/`);
  await waitForPortal(q);
  const now = await styled(q);
  assert.equal(old.sheets, undefined);
  assert.equal(await p.evaluate(() => document.querySelector('[data-client-portal]').shadowRoot.querySelectorAll('style').length), 2);
  assert.deepEqual({ ...old, sheets: 2 }, now);
  assertNoProblems(p);
  api.state.allowOrigin = allowed;
  await plain.close();
});
