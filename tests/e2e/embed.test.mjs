// Embedding: the inline embed under a hostile host stylesheet, the iframe
// embed with its height and deep links, right-to-left, and brand colours.
// The snippets are the files README shows (embed/*.html), so what is
// documented is what is tested.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startStaticHost } from './support/static-host.mjs';
import { launch, newPage, assertAccessible, assertNoProblems, screenshot, waitForPortal, tabTo, focused } from './support/browser.mjs';
import { startApiDouble, TOKEN } from './support/api-double.mjs';
import { agencyFeed } from './support/feeds.mjs';

const SNIPPET_ORIGIN = 'https://portal.your-agency.example';
const inlineSnippet = readFileSync('embed/inline.html', 'utf8');
const iframeSnippet = readFileSync('embed/iframe.html', 'utf8');

const HOSTILE_CSS = `
  * { box-sizing: content-box }
  button { all: unset }
  h1 { font-size: 60px }
  div { padding: 20px }
  body { font: 22px/3 "Comic Sans MS", cursive; color: #c0c; text-transform: uppercase; letter-spacing: 3px }
  a { color: lime }
  .cp-app, .cp-button, .cp-card { background: red !important; padding: 0 !important }
`;
const HOST_BODY = `<main><h1 id="host-title">Our clients</h1><div id="host-box"><button id="host-button">Host button</button><p id="host-p">Host text</p></div></main>`;

let browser, host, frames, api;
/** The inline snippet pointed at this test's host (demo agency unless an API is given). */
function inline(attrs = '') {
  return inlineSnippet
    .replaceAll(`${SNIPPET_ORIGIN}/portal/`, `${host.origin}/portal/`)
    .replace(/ data-api="[^"]*"/, attrs);
}
const page = (head, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Agency site</title>${head}</head><body>${body}</body></html>`;

before(async () => {
  api = await startApiDouble({ allowOrigin: 'pending', portal: agencyFeed() });
  // The portal's own host; the iframe's parent is a second origin.
  frames = await startStaticHost('dist', {}, {
    '/parent.html': () => page('', `<h1>Agency site</h1>${iframeSnippet.replaceAll(`${SNIPPET_ORIGIN}/portal/`, `${host.origin}/framed/`)}`),
    '/unlisted.html': () => page('', iframeSnippet.replaceAll(`${SNIPPET_ORIGIN}/portal/`, `${host.origin}/framed-elsewhere/`)),
    '/any.html': () => page('', iframeSnippet.replaceAll(`${SNIPPET_ORIGIN}/portal/`, `${host.origin}/framed-any/`)),
  });
  host = await startStaticHost(
    'dist',
    {
      framed: { 'data-parent-origin': frames.origin },
      'framed-elsewhere': { 'data-parent-origin': 'https://someone-else.example' },
      // "Any site" is not a choice: it would let every site read and drive the portal.
      'framed-any': { 'data-parent-origin': '*' },
      branded: { 'data-api': api.origin, 'data-token': TOKEN },
    },
    {
      '/site/hostile.html': () => page(`<style>${HOSTILE_CSS}</style>`, `${HOST_BODY}${inline()}`),
      '/site/plain.html': () => page(`<style>${HOSTILE_CSS}</style>`, HOST_BODY),
      '/site/rtl.html': () => page('', `${inline(' dir="rtl"')}`),
      // A very common stylesheet: 1rem = 10px on the page.
      '/site/small-root.html': () => page('<style>html { font-size: 62.5% } body { font-size: 1.6rem }</style>', `<p id="host-p">Host text</p>${inline()}`),
    },
    // The iframe's parent is another origin: it loads frame.js with CORS.
    { headers: () => ({ 'access-control-allow-origin': '*' }) },
  );
  api.state.allowOrigin = host.origin;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
  await frames?.close();
  await api?.close();
});

/** Computed styles of the portal's key elements (inside its shadow root). */
async function portalStyles(p) {
  return p.evaluate(() => {
    const root = document.querySelector('[data-client-portal]').shadowRoot;
    const props = ['font-size', 'font-family', 'line-height', 'color', 'background-color', 'padding-top', 'padding-left',
      'box-sizing', 'display', 'border-top-left-radius', 'text-transform', 'letter-spacing', 'cursor', 'font-weight'];
    const out = {};
    for (const sel of ['.cp-app', '.cp-header', '.cp-nav a', '#cp-main h1', '.cp-card', '.cp-button', '.cp-main', '.cp-concern-link', '.cp-language select']) {
      const el = root.querySelector(sel);
      if (!el) { out[sel] = 'missing'; continue; }
      const cs = getComputedStyle(el);
      out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    }
    return out;
  });
}
async function hostStyles(p) {
  return p.evaluate(() => Object.fromEntries(['#host-title', '#host-box', '#host-button', '#host-p'].map((sel) => {
    const cs = getComputedStyle(document.querySelector(sel));
    return [sel, [cs.fontSize, cs.padding, cs.boxSizing, cs.display, cs.color, cs.fontFamily, cs.backgroundColor].join(' | ')];
  })));
}

test('README shows exactly the embed snippets these tests use', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.ok(readme.includes(inlineSnippet.trim()), 'README has embed/inline.html');
  assert.ok(readme.includes(iframeSnippet.trim()), 'README has embed/iframe.html');
  assert.match(readme, /```html\n<!-- standalone/);
});

test('inline embed: hostile host CSS changes nothing inside, and nothing leaks out', async () => {
  // The reference: the same build as its own page, with no host styles.
  const ref = await newPage(browser);
  await ref.goto(`${host.origin}/portal/`);
  await waitForPortal(ref);
  const expected = await portalStyles(ref);

  const p = await newPage(browser);
  await p.goto(`${host.origin}/site/hostile.html`);
  await waitForPortal(p);
  await p.locator('#cp-main h1').getByText('Hello, Maya').waitFor();
  const got = await portalStyles(p);
  for (const sel of Object.keys(expected)) {
    assert.notEqual(expected[sel], 'missing', `${sel} exists`);
    assert.deepEqual(got[sel], expected[sel], `${sel} keeps its computed style`);
  }
  // The host page's own elements are exactly as without the portal.
  const bare = await newPage(browser);
  await bare.goto(`${host.origin}/site/plain.html`);
  assert.deepEqual(await hostStyles(p), await hostStyles(bare));
  // It works there: navigate and open an approval by keyboard.
  await p.locator('#host-button').focus();
  await tabTo(p, /^Approvals/);
  await p.keyboard.press('Enter');
  await p.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
  await assertAccessible(p, 'inline embed in a hostile page');
  await screenshot(p, 'embed-inline-hostile-1280');
  assertNoProblems(p);
});

test('inline embed: a page with html { font-size: 62.5% } does not shrink the portal', async () => {
  // Rendered sizes (what the reader sees), not computed styles: the portal
  // is zoomed back to the reader's own text size.
  const sizes = (p) => p.evaluate(() => {
    const root = document.querySelector('[data-client-portal]').shadowRoot;
    const box = (sel) => {
      const r = root.querySelector(sel).getBoundingClientRect();
      return [Math.round(r.width), Math.round(r.height)];
    };
    return { h1: box('#cp-main h1')[1], nav: box('.cp-nav a'), button: box('.cp-language select')[1] };
  });
  const ref = await newPage(browser);
  await ref.goto(`${host.origin}/portal/`);
  await waitForPortal(ref);
  await ref.locator('#cp-main h1').getByText('Hello, Maya').waitFor();
  const expected = await sizes(ref);

  const p = await newPage(browser);
  await p.goto(`${host.origin}/site/small-root.html`);
  await waitForPortal(p);
  await p.locator('#cp-main h1').getByText('Hello, Maya').waitFor();
  const got = await sizes(p);
  for (const [what, want] of Object.entries(expected)) {
    for (const [i, v] of [want].flat().entries()) {
      const g = [got[what]].flat()[i];
      assert.ok(Math.abs(g - v) <= 2, `${what}: ${JSON.stringify(got[what])} on the page, ${JSON.stringify(want)} on its own`);
    }
  }
  // The host's own text is the host's business.
  assert.equal(await p.locator('#host-p').evaluate((e) => getComputedStyle(e).fontSize), '16px');
  await assertAccessible(p, 'inline embed on a 62.5% page');
  await screenshot(p, 'embed-inline-small-root-1280');
  assertNoProblems(p);
});

test('iframe embed: the frame follows the content, deep links go both ways, origins are checked', async () => {
  const p = await newPage(browser, { width: 1000 });
  await p.goto(`${frames.origin}/parent.html#/deadlines`);
  const frame = p.frameLocator('#client-portal');
  // Deep link in: the parent's #/deadlines opened that page in the frame.
  await frame.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor({ timeout: 20000 });
  const sizes = async () => p.evaluate(() => document.getElementById('client-portal').getBoundingClientRect().height);
  const content = async () => frame.locator('.cp-root').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await p.waitForFunction(() => document.getElementById('client-portal').getBoundingClientRect().height !== 640);
  let h = await sizes();
  assert.ok(Math.abs(h - (await content())) <= 1, `frame ${h} = content ${await content()}`);
  // Content grows (the done deadlines unfold): the frame grows with it.
  await frame.locator('details summary').first().click();
  await p.waitForFunction((old) => document.getElementById('client-portal').getBoundingClientRect().height > old, h);
  h = await sizes();
  assert.ok(Math.abs(h - (await content())) <= 1, 'grown frame matches its content');
  // Deep link out: moving inside the portal updates the parent's address.
  await frame.getByRole('link', { name: 'Wins', exact: true }).click();
  await p.waitForFunction(() => location.hash === '#/wins');
  // And back in: a new #/… on the parent moves the portal.
  await p.evaluate(() => { location.hash = '#/contact'; });
  await frame.getByRole('heading', { level: 1, name: /Contact/ }).waitFor();
  // (Once the frame has followed the page's content: its part may have
  // arrived just now, and the frame's new height is a message behind.)
  for (let i = 0; i < 100 && Math.abs((await sizes()) - (await content())) > 1; i++) await p.waitForTimeout(50);
  // A message from anyone but the portal's frame is ignored.
  const before = await sizes();
  assert.ok(Math.abs(before - (await content())) <= 1, `frame ${before} = content ${await content()}`);
  await p.evaluate(() => window.postMessage({ type: 'client-portal:resize', height: 5, hash: '#/x' }, '*'));
  await p.waitForTimeout(200);
  assert.equal(await sizes(), before);
  assertNoProblems(p);
});

for (const [parent, what] of [['unlisted', 'a site the portal does not list'], ['any', 'any site ("*")']]) test(`iframe embed allowed to ${what}: it tells that site nothing and takes no orders from it`, async () => {
  const p = await newPage(browser);
  const warnings = [];
  p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await p.goto(`${frames.origin}/${parent}.html`);
  const frame = p.frameLocator('#client-portal');
  await frame.locator('#cp-main h1').waitFor({ timeout: 20000 });
  await p.waitForTimeout(300);
  // No resize reached the parent: the frame keeps the site's own height (40rem).
  assert.equal(await p.evaluate(() => document.getElementById('client-portal').getBoundingClientRect().height), 640);
  // And it does not take navigation orders from that site either.
  await p.evaluate(() => document.getElementById('client-portal').contentWindow.postMessage({ type: 'client-portal:navigate', hash: '#/wins' }, '*'));
  await p.waitForTimeout(200);
  assert.equal(await frame.locator('#cp-main h1').innerText(), 'Hello, Maya');
});

test('right to left: the shell mirrors with logical properties and nothing overflows', async () => {
  const p = await newPage(browser, { width: 390 });
  await p.goto(`${host.origin}/site/rtl.html`);
  await waitForPortal(p);
  const box = (sel) => p.locator(sel).first().boundingBox();
  const brand = await box('.cp-brand');
  const end = await box('.cp-header-end');
  assert.ok(brand.x + brand.width > 390 - 40, 'the brand starts at the right');
  const first = await box('.cp-nav li:first-child');
  const second = await box('.cp-nav li:nth-child(2)');
  assert.ok(first.y < second.y || first.x > second.x, 'navigation runs right to left');
  assert.ok(end.y > brand.y || end.x < brand.x);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  await screenshot(p, 'embed-rtl-390');
});

for (const [colour, scheme] of [['#ffe14d', 'light'], ['#ffe14d', 'dark'], ['#1f2a5c', 'dark'], ['#7fd3ff', 'light']]) {
  test(`brand colour ${colour} (${scheme}): text on it and links beside it read at 4.5:1 or better`, async () => {
    const feed = agencyFeed();
    feed.agency.brand_color = colour;
    api.reset(feed);
    const p = await newPage(browser);
    await p.emulateMedia({ colorScheme: scheme });
    await p.goto(`${host.origin}/branded/#/approvals/a-home-3`);
    await waitForPortal(p);
    const pairs = await p.evaluate(() => {
      const root = document.querySelector('[data-client-portal]').shadowRoot;
      const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
        .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
      const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((m, n) => n - m); return (x + 0.05) / (y + 0.05); };
      const bgOf = (el) => { for (let e = el; e; e = e.parentElement ?? e.getRootNode().host) { const c = getComputedStyle(e).backgroundColor; if (c !== 'rgba(0, 0, 0, 0)') return c; } return 'rgb(255,255,255)'; };
      const out = [];
      const primary = root.querySelector('.cp-button:not(.cp-button-small)');
      out.push(['button', getComputedStyle(primary).backgroundColor, ratio(getComputedStyle(primary).color, getComputedStyle(primary).backgroundColor)]);
      const current = root.querySelector('.cp-nav a[aria-current=page] .cp-count') ?? root.querySelector('.cp-count');
      if (current) out.push(['count', getComputedStyle(current).backgroundColor, ratio(getComputedStyle(current).color, getComputedStyle(current).backgroundColor)]);
      for (const a of [...root.querySelectorAll('#cp-main a')].slice(0, 5)) out.push(['link', a.textContent, ratio(getComputedStyle(a).color, bgOf(a))]);
      return out;
    });
    assert.ok(pairs.length >= 3);
    for (const [what, detail, r] of pairs) assert.ok(r >= 4.5, `${what} ${detail}: ${r.toFixed(2)}:1`);
    // The brand really is used: the main button is the brand colour.
    const hex = colour.match(/\w\w/g).map((h) => parseInt(h, 16)).join(', ');
    assert.equal(pairs[0][1], `rgb(${hex})`);
    await assertAccessible(p, `brand ${colour} ${scheme}`);
  });
}
