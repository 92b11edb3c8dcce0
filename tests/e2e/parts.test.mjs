// The app in parts (scripts/release-wasm.sh, views::pages): the Overview
// needs none of them; every other page's part is fetched when first needed,
// or ahead once the browser is idle; a part that cannot be fetched is
// explained in plain words and fetched again on request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStaticHost } from './support/static-host.mjs';
import { startApiDouble, TOKEN } from './support/api-double.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { launch, newPage, assertAccessible, assertNoProblems, waitForPortal } from './support/browser.mjs';
import { parts } from './support/sizes.mjs';

let host, browser, api;
before(async () => {
  api = await startApiDouble({ allowOrigin: 'pending', portal: agencyFeed() });
  host = await startStaticHost('dist', { agency: { 'data-api': api.origin, 'data-token': TOKEN } });
  api.state.allowOrigin = host.origin;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
  await api?.close();
});

const url = (hash = '') => `${host.origin}/portal/${hash}`;
const PART = /\/((split|chunk)_\w+\.wasm)$/;
const ALL = [...new Set(Object.values(parts('dist')).flat())];
// The demo agency (these tests' feed) needs its own part from the start.
const DEMO = new Set(parts('dist').demo);
const demoPart = (route) => DEMO.has(new URL(route.request().url()).pathname.match(PART)[1]);

/** Every part file the page asks for, in order. */
function partsFetched(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(PART);
    if (m) seen.push(m[1]);
  });
  return seen;
}

/** Hold back every page's part (not the demo's) until the returned function is called. */
async function holdPageParts(page) {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(PART, async (route) => {
    if (!demoPart(route)) await held;
    await route.continue();
  });
  return release;
}

async function waitUntil(check, what, ms = 10000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('parts.json names every part file of the build, each page part with its own module', () => {
  const p = parts('dist');
  assert.deepEqual(Object.keys(p).sort(), ['agreed', 'approvals', 'contact', 'deliverables', 'demo', 'results']);
  for (const [name, files] of Object.entries(p)) assert.equal(files[0], `split_${name}.wasm`);
  assert.ok(ALL.length >= 5);
});

test('the Overview is drawn and usable with every part held back; the parts follow once the browser is idle', async () => {
  const page = await newPage(browser);
  const fetched = partsFetched(page);
  const release = await holdPageParts(page);
  await page.goto(url('#/'));
  await page.getByRole('heading', { name: 'Hello, Maya' }).waitFor();
  await page.getByRole('heading', { name: 'Waiting for you' }).waitFor();
  release();
  // Fetched ahead, without the client going anywhere…
  await waitUntil(() => ALL.every((f) => fetched.includes(f)), 'every part to be fetched');
  assert.equal(fetched.length, ALL.length, `each part fetched once: ${fetched.join(', ')}`);
  // …so that opening a page later asks for nothing more.
  const nav = page.getByRole('navigation', { name: 'Portal sections' });
  await nav.getByRole('link', { name: /^Deliverables/ }).click();
  await page.getByRole('heading', { name: 'Deliverables', level: 1 }).waitFor();
  await nav.getByRole('link', { name: /^Approvals/ }).click();
  await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
  assert.equal(fetched.length, ALL.length);
  assertNoProblems(page);
});

test('the demo agency\'s part and sample feed are fetched beside the first download, once each; an agency\'s portal never fetches them', async () => {
  const demoFiles = ['demo/portal.json', ...parts('dist').demo];
  const asked = (page) => {
    const seen = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname.replace(/^\/(portal|agency)\//, '')));
    return seen;
  };
  // The demo: asked for by embed.js before the app runs (preload links),
  // and what the app then fetches is that same download.
  const demo = await newPage(browser);
  const seen = asked(demo);
  await demo.goto(url('#/'));
  await demo.getByRole('heading', { name: 'Hello, Maya' }).waitFor();
  const early = await demo.locator('head link[rel=preload][as=fetch]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  for (const f of demoFiles) {
    assert.ok(early.some((href) => href.endsWith(`/${f}`)), `${f} not fetched early: ${early.join(', ')}`);
    assert.equal(seen.filter((p) => p === f).length, 1, `${f} fetched once: ${seen.join(', ')}`);
  }
  assertNoProblems(demo);
  // An agency's portal: not even once, with every page's part fetched ahead.
  const agency = await newPage(browser);
  const got = asked(agency);
  await agency.goto(`${host.origin}/agency/#/`);
  await waitForPortal(agency);
  const pageParts = [...new Set(Object.entries(parts('dist')).filter(([name]) => name !== 'demo').flatMap(([, files]) => files))];
  await waitUntil(() => pageParts.every((f) => got.includes(f)), 'every page\'s part');
  assert.deepEqual(got.filter((p) => demoFiles.includes(p) && !pageParts.includes(p)), []);
  assert.equal(await agency.locator('head link[rel=preload][href*="demo"]').count(), 0);
  assertNoProblems(agency);
});

test('pointing at a link fetches the part its page needs, before any click', async () => {
  const page = await newPage(browser);
  const fetched = partsFetched(page);
  await page.goto(url('#/'));
  await page.getByRole('heading', { name: 'Hello, Maya' }).waitFor();
  const wins = page.getByRole('navigation', { name: 'Portal sections' }).getByRole('link', { name: /^Wins/ });
  await wins.hover();
  // Long before the parts are fetched ahead (four seconds after the first page).
  await waitUntil(() => fetched.includes('split_results.wasm'), 'the results part', 2000);
  assert.ok(!fetched.includes('split_contact.wasm'), fetched.join(', '));
  // The keyboard too.
  await page.getByRole('navigation', { name: 'Portal sections' }).getByRole('link', { name: /^Contact/ }).focus();
  await waitUntil(() => fetched.includes('split_contact.wasm'), 'the contact part', 2000);
  await wins.click();
  await page.getByRole('heading', { name: 'Wins', level: 1 }).waitFor();
  assertNoProblems(page);
});

test('a deep link fetches its own part first; a part that cannot be fetched is explained, and trying again works', async () => {
  const page = await newPage(browser);
  const fetched = partsFetched(page);
  let offline = true;
  await page.route(PART, (route) =>
    offline && !demoPart(route) ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto(url('#/approvals/a-home-3'));
  await page.getByRole('heading', { name: 'This page could not be opened' }).waitFor();
  // The approvals' part (its module and shared chunks) was asked for
  // before any other page's.
  const asked = fetched.filter((f) => !DEMO.has(f));
  for (const f of parts('dist').approvals) assert.ok(fetched.includes(f), `${f} not asked for: ${fetched.join(', ')}`);
  assert.equal(asked.filter((f) => f.startsWith('split_'))[0], 'split_approvals.wasm', asked.join(', '));
  await page.getByText('Nothing you typed or decided is lost').waitFor();
  // The shell still works: the Overview needs no part.
  await assertAccessible(page, 'a page that could not be opened');
  offline = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Homepage redesign — final design' }).waitFor();
  await page.getByRole('button', { name: 'Approve', exact: true }).waitFor();
  assertNoProblems(page);
});

test('while a part is on its way the page says it is loading', async () => {
  const page = await newPage(browser);
  const release = await holdPageParts(page);
  await page.goto(url('#/wins'));
  await page.locator('#cp-main [role=status]').getByText('Opening this page').waitFor();
  release();
  await waitForPortal(page);
  await page.getByRole('heading', { name: 'Wins', level: 1 }).waitFor();
  assert.equal(await page.getByText('Opening this page').count(), 0);
  // A page that keeps state (mounted by Leptos, not drawn) takes the
  // message's place too, rather than following it.
  const other = await newPage(browser);
  const release2 = await holdPageParts(other);
  await other.goto(url('#/approvals/a-home-3'));
  await other.getByText('Opening this page').waitFor();
  release2();
  await other.getByRole('button', { name: 'Approve', exact: true }).waitFor();
  assert.equal(await other.getByText('Opening this page').count(), 0);
  assertNoProblems(page);
  assertNoProblems(other);
});
