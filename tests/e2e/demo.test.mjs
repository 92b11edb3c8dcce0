// The demo agency, served from a sub-path of a plain static host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStaticHost } from './support/static-host.mjs';
import { launch, newPage, assertAccessible, assertNoProblems, screenshot, waitForPortal, focused, shownText } from './support/browser.mjs';

let host, browser;
before(async () => {
  host = await startStaticHost('dist');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
});

const url = (hash = '') => `${host.origin}/portal/${hash}`;

/** A fresh page on a view of the demo, once the portal has rendered. */
async function openView(hash, options) {
  const page = await newPage(browser, options);
  await page.goto(url(hash));
  await waitForPortal(page);
  return page;
}

const VIEWS = [
  { hash: '#/', heading: 'Hello, Maya', name: 'overview' },
  { hash: '#/deliverables', heading: 'Deliverables', name: 'deliverables' },
  { hash: '#/deliverables/d-homepage', heading: 'Homepage redesign', name: 'deliverable' },
  { hash: '#/approvals', heading: 'Approvals', name: 'approvals' },
  { hash: '#/approvals/a-home-3', heading: 'Homepage redesign — final design', name: 'approval' },
  { hash: '#/deadlines', heading: 'Deadlines', name: 'deadlines' },
  { hash: '#/wins', heading: 'Wins', name: 'wins' },
  { hash: '#/contact', heading: 'Contact & escalate', name: 'contact' },
  { hash: '#/agreed', heading: 'What we agreed', name: 'agreed' },
];

test('the static skeleton paints before the app, then the app replaces it', async () => {
  const page = await newPage(browser);
  await page.route('**/*.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.goto(url(), { waitUntil: 'commit' });
  await page.getByText('Loading your portal…').first().waitFor();
  await waitForPortal(page);
  assert.equal(await page.locator('.cp-skeleton').count(), 0);
  assertNoProblems(page);
});

test('the overview answers at a glance', async () => {
  const page = await openView();
  const main = page.locator('#cp-main');
  await assert.doesNotReject(main.getByRole('heading', { level: 1, name: 'Hello, Maya' }).waitFor());
  // Marked as a demo, with a way to start over.
  await page.getByText('This is a sample agency').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Reset demo' }).count(), 1);
  // Header: agency and client.
  await page.locator('.cp-header').getByText('Northwind Studio').waitFor();
  await page.locator('.cp-header').getByText('Prepared for Lumen Coffee Roasters').waitFor();
  // What I owe: two approvals and two of my own deadlines; two are late.
  const owed = page.locator('.cp-owed');
  assert.equal(await owed.locator('.cp-number').innerText(), '4');
  assert.match(await owed.innerText(), /2 items are overdue/);
  assert.match(await owed.innerText(), /Newsletter templates — second round/);
  assert.match(await owed.innerText(), /2 days overdue/);
  // What's next, the latest win, the contact and the response promise.
  assert.match(await page.locator('#cp-next-title').locator('..').innerText(), /Approve the final homepage design|Rough cut of the winter video/);
  assert.match(await page.locator('.cp-win-card').innerText(), /More online orders since the new checkout[\s\S]*\+62%/);
  const contact = await page.locator('#cp-contact-title').locator('..').innerText();
  assert.match(contact, /Ana Ruiz/);
  assert.match(contact, /You'll hear back within 24 hours/);
  assertNoProblems(page);
});

test('every view shows the feed and passes axe-core, at phone and desktop widths', async () => {
  for (const width of [390, 1280]) {
    const page = await newPage(browser, { width });
    for (const v of VIEWS) {
      // Deep links work on a static host with no rewrite rules.
      await page.goto(url(v.hash));
      await waitForPortal(page);
      await page.getByRole('heading', { level: 1, name: v.heading }).waitFor();
      await assertAccessible(page, `${v.name} at ${width}px`);
      await screenshot(page, `demo-${v.name}-${width}`);
    }
    assertNoProblems(page);
    await page.close();
  }
});

test('deliverables show status, scope, versions and owner', async () => {
  const page = await openView('#/deliverables');
  const cards = page.locator('.cp-deliverable');
  assert.equal(await cards.count(), 6);
  const all = await page.locator('#cp-main').innerText();
  for (const text of ['Ready for your review', 'In progress', 'Delivered', 'Planned', 'In the agreed work', 'Extra, agreed separately', 'Not in the agreed work', 'Led by', 'Tom Becker', '3 versions']) {
    assert.ok(all.includes(text), `missing "${text}"`);
  }
  // Finished work shows its date, never "overdue".
  const delivered = await shownText(cards.filter({ hasText: 'Brand guidelines' }));
  assert.match(delivered, /Delivered[\s\S]*Tue 10 Nov/);
  assert.ok(!/overdue/.test(delivered), delivered);
  await page.getByRole('link', { name: 'Homepage redesign' }).click();
  await page.getByRole('heading', { level: 1, name: 'Homepage redesign' }).waitFor();
  assert.match(page.url(), /#\/deliverables\/d-homepage$/);
  const versions = page.locator('.cp-version');
  assert.equal(await versions.count(), 3);
  assert.match(await versions.first().innerText(), /v3[\s\S]*Latest/);
  assert.equal(await page.locator('img.cp-asset').count(), 3);
  assert.match(await page.locator('.cp-comments').innerText(), /Maya Chen · Sat 14 Nov, 9:12 · on v2\s+Love the new hero/);
  // Focus moves to the new page's heading for screen reader and keyboard users.
  assert.equal(await focused(page, 'tagName'), 'H1');
  assertNoProblems(page);
});

test('approvals say what, which version, by when, and what happens if late', async () => {
  const page = await openView('#/approvals');
  const waiting = page.locator('#cp-a-waiting').locator('..');
  const text = await waiting.innerText();
  // Soonest (and overdue) first.
  assert.ok(text.indexOf('Newsletter templates — second round') < text.indexOf('Homepage redesign — final design'));
  assert.match(text, /v2/);
  assert.match(text, /2 days overdue/);
  assert.match(text, /If this is late: If we don't hear from you by Wednesday/);
  assert.match(await page.locator('#cp-a-decided').locator('..').innerText(), /Brand guidelines — final PDF[\s\S]*Maya Chen/);
  await page.goto(url('#/approvals/a-guide-1'));
  await page.getByRole('heading', { level: 1, name: 'Brand guidelines — final PDF' }).waitFor();
  assert.match(await page.locator('.cp-receipt').innerText(), /Decision\s+Approved[\s\S]*By\s+Maya Chen[\s\S]*Comment\s+Perfect, thank you![\s\S]*Reference\s+NW-2026-0412/);
  await page.getByRole('heading', { name: 'Final — the version you decided on' }).waitFor();
  assertNoProblems(page);
});

test('deadlines: overdue first and unmistakable, who owes each, done ones folded away', async () => {
  const page = await openView('#/deadlines');
  const overdue = await page.locator('.cp-group-overdue').innerText();
  assert.match(overdue, /Send product photos for the winter blends[\s\S]*You[\s\S]*2 days overdue/);
  const open = await page.locator('#cp-main section', { has: page.getByRole('heading', { name: 'This week' }) }).innerText();
  assert.match(open, /Rough cut of the winter video[\s\S]*Northwind Studio[\s\S]*due in 4 days/);
  assert.ok(!open.includes('Kick-off workshop'));
  const done = page.locator('details.cp-done');
  assert.equal(await done.getAttribute('open'), null);
  await done.locator('summary').click();
  assert.match(await done.innerText(), /Kick-off workshop/);
  assertNoProblems(page);
});

test('wins show numbers before and after, with the change', async () => {
  const page = await openView('#/wins');
  const wins = page.locator('.cp-win');
  assert.equal(await wins.count(), 3);
  assert.match(await wins.first().innerText(), /More online orders[\s\S]*2.1%[\s\S]*3.4%[\s\S]*\+62%/);
  assert.match(await wins.nth(1).innerText(), /4,200[\s\S]*5,100[\s\S]*\+21%/);
  assertNoProblems(page);
});

test('contact lists people, promises and the escalation chain in order', async () => {
  const page = await openView('#/contact');
  const main = await page.locator('#cp-main').innerText();
  assert.match(main, /Your main contact[\s\S]*Ana Ruiz/);
  assert.match(main, /If they're away[\s\S]*Tom Becker/);
  assert.match(main, /Priya Nair[\s\S]*Level 1[\s\S]*Daniel Okafor[\s\S]*Level 2/);
  assert.equal(await page.locator('a[href="mailto:ana@northwind.example"]').count() > 0, true);
  assert.equal(await page.locator('a[href="tel:+493012345600"]').count(), 1);
  assertNoProblems(page);
});

test('the demo keeps its state in the browser, and "Reset demo" starts over', async () => {
  const page = await openView('#/deliverables/d-video');
  await page.getByLabel('Add a comment').fill('Kept in this browser');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await page.locator('.cp-comment', { hasText: 'Kept in this browser' }).waitFor();
  await page.reload();
  await page.locator('.cp-comment', { hasText: 'Kept in this browser' }).waitFor();
  await page.getByRole('button', { name: 'Reset demo' }).click();
  await page.getByText('No comments yet.').waitFor();
  await page.reload();
  await page.getByText('No comments yet.').waitFor();
  assertNoProblems(page);
});

test('keyboard only: skip to content, then every section through the navigation', async () => {
  const page = await openView();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page, 'textContent'), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page, 'id'), 'cp-main');
  assert.match(page.url(), /\/portal\/$/, 'skipping must not change the route');
  // Walk into the navigation and open Deadlines with the keyboard.
  await page.locator('.cp-nav a', { hasText: 'Deadlines' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
  assert.equal(await page.locator('.cp-nav a[aria-current="page"]').innerText(), 'Deadlines');
  assertNoProblems(page);
});

test('an unknown address inside the portal gets a way back', async () => {
  const page = await newPage(browser);
  await page.goto(url('#/no-such-page'));
  await page.getByRole('heading', { level: 1, name: "This page doesn't exist" }).waitFor();
  await page.getByRole('link', { name: 'Back to the overview' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hello, Maya' }).waitFor();
  assertNoProblems(page);
});
