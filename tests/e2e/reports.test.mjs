// Monthly reports (#14): a list by month, new ones marked until opened, a
// report page with the month's wins, its numbers against their targets
// (charts with the same figures in words), what was learned and next
// month's plan tied to the deadlines it names; printed, a clean A4
// document. Against the API double (and, with E2E_API=server, the
// reference server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGAINST_SERVER, useAgency } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { assertAccessible, assertNoProblems, focused, screenshot, tabTo, waitForPortal } from './support/browser.mjs';

const env = useAgency();

const main = (page) => page.locator('#cp-main');
const flat = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const part = (page, name) => main(page).locator('section', { has: page.getByRole('heading', { level: 2, name }) });
const card = (page, name) => main(page).locator('article', { has: page.getByRole('heading', { level: 2, name }) });

test('a new report is marked until opened; the client reads it by keyboard, and it prints as an A4 document', async () => {
  const page = await env.open(agencyFeed(), '#/');
  // The Overview says a report is new (October's: published 20 days ago).
  await tabTo(page, /^1 new monthly report$/);
  await page.keyboard.press('Enter');
  await main(page).getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();
  assert.deepEqual(await main(page).locator('article h2').allInnerTexts(), ['October 2026', 'September 2026']);
  assert.match(await flat(card(page, 'October 2026')), /^New October 2026 Published \w+ 3 Nov More orders came in/);
  assert.doesNotMatch(await flat(card(page, 'September 2026')), /New/);
  await assertAccessible(page, 'reports 1280px');

  await tabTo(page, /^October 2026$/);
  await page.keyboard.press('Enter');
  await main(page).getByRole('heading', { level: 1, name: 'October 2026' }).waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/reports/r-2026-10');
  assert.equal(await focused(page, 'tagName'), 'H1');
  assert.match(await flat(main(page)), /More orders came in after the new checkout.* Published \w+ 3 Nov/);
  // Highlights: the wins it names, with their before → after.
  const wins = part(page, 'Highlights');
  assert.match(await flat(wins), /Best newsletter open rate so far.*Open rate:? .*31%.*→.*46%/);
  // The numbers, each against its target, in words and as a chart.
  const numbers = part(page, 'The numbers');
  const lines = await numbers.locator('li.cp-report-metric').allInnerTexts();
  assert.equal(lines.length, 3);
  assert.match(lines[0].replace(/\s+/g, ' '), /Online orders.*412.*→.*468 \(\+14%\) Target: 450 Reached/);
  assert.match(lines[1].replace(/\s+/g, ' '), /Newsletter open rate.*31%.*38\.5%.* Target: 35% Reached/);
  assert.match(lines[2].replace(/\s+/g, ' '), /Visits to the shop.*9,800.*10,400.* Target: 11,000 Not reached yet/);
  assert.equal(await numbers.locator('svg.cp-bars[aria-hidden=true]').count(), 3);
  assert.equal(await numbers.locator('svg line.cp-chart-target').count(), 3);
  // The chart's target line stands where 11,000 is, on a scale of 11,000.
  assert.equal(await numbers.locator('svg line.cp-chart-target').nth(2).getAttribute('x1'), '100');
  assert.equal(await numbers.locator('svg rect.cp-bar-after').nth(2).getAttribute('width'), '95');
  assert.match(await flat(part(page, 'What we learned')), /Short subject lines got more newsletters opened\./);
  // Next month's plan: the deadlines it names, with their dates, and a sentence.
  const next = part(page, 'Next month');
  const plan = (await next.locator('li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' '));
  assert.equal(plan.length, 3);
  assert.match(plan[0], /^Homepage goes live .*1 Dec.* · /);
  assert.match(plan[1], /^Rough cut of the winter video .* · /);
  assert.equal(plan[2], 'Send the November newsletter');
  await next.getByRole('link', { name: 'Homepage goes live' }).waitFor();
  assert.equal(await next.getByRole('link', { name: 'Homepage goes live' }).getAttribute('href'), '#/deadlines');
  await assertAccessible(page, 'report 1280px');
  await screenshot(page, 'report-1280');
  await page.setViewportSize({ width: 390, height: 900 });
  await assertAccessible(page, 'report 390px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll');
  await screenshot(page, 'report-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Printed: no navigation or buttons, each part on a page of its own.
  await page.emulateMedia({ media: 'print' });
  const hidden = async (selector) =>
    page.evaluate((s) => {
      const root = document.querySelector('[data-client-portal]')?.shadowRoot ?? document;
      return [...root.querySelectorAll(s)].every((el) => getComputedStyle(el).display === 'none' || el.closest('[hidden]'));
    }, selector);
  assert.ok(await hidden('.cp-nav'), 'navigation hidden');
  assert.ok(await hidden('#cp-main button:not(.cp-term)'), 'buttons hidden (glossary terms print as words)');
  assert.ok(await main(page).getByRole('heading', { level: 2, name: 'The numbers' }).isVisible());
  // Glossary terms print as the words they are (their buttons are hidden).
  assert.match((await wins.innerText()).replace(/\s+/g, ' '), /Best newsletter open rate so far/);
  assert.match((await numbers.innerText()).replace(/\s+/g, ' '), /Newsletter open rate/);
  await screenshot(page, 'report-print');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 4, `highlights, numbers, learnings and plan on pages of their own: ${pages} pages`);
  await page.emulateMedia({ media: 'screen' });

  // Opened, it is not new any more, here or after a reload.
  await main(page).getByRole('link', { name: 'All monthly reports' }).click();
  await main(page).getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();
  assert.doesNotMatch(await flat(card(page, 'October 2026')), /New/);
  await page.reload();
  await waitForPortal(page);
  assert.doesNotMatch(await flat(card(page, 'October 2026')), /New/);
  await page.evaluate(() => { location.hash = '#/'; });
  await main(page).getByRole('link', { name: 'Read the monthly reports' }).waitFor();
  assertNoProblems(page);
});

test('a missing report, a feed without reports, and numbers no chart can show honestly', async () => {
  const feed = agencyFeed();
  // A highlight naming a win the feed does not have is left out (the
  // reference server refuses such a feed when it is imported).
  feed.reports[0].highlights = AGAINST_SERVER ? ['w-checkout'] : ['w-gone', 'w-checkout'];
  feed.reports[0].metrics.push({ label: 'Refunds', before: -3, after: 2 });
  feed.reports[0].next_month.push('dl-gone');
  const page = await env.open(feed, '#/reports/r-2026-10');
  assert.match(await flat(part(page, 'Highlights')), /More online orders since the new checkout/);
  const refunds = part(page, 'The numbers').locator('li.cp-report-metric', { hasText: 'Refunds' });
  assert.match(await flat(refunds), /Refunds.*-3.*→.*2/);
  assert.equal(await refunds.locator('svg').count(), 0, 'no chart for a negative number');
  assert.match(await flat(part(page, 'Next month')), /dl-gone/);

  await page.evaluate(() => { location.hash = '#/reports/r-1999-01'; });
  await main(page).getByText('This report is not here.', { exact: false }).waitFor();
  await main(page).getByRole('link', { name: 'All monthly reports' }).click();
  await main(page).getByRole('heading', { level: 1, name: 'Monthly reports' }).waitFor();

  const none = agencyFeed();
  delete none.reports;
  const bare = await env.open(none, '#/wins');
  assert.equal(await main(bare).getByRole('link', { name: /monthly report/ }).count(), 0);
  await bare.evaluate(() => { location.hash = '#/'; });
  await main(bare).getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await main(bare).getByRole('link', { name: /monthly report/ }).count(), 0);
  await bare.evaluate(() => { location.hash = '#/reports'; });
  await main(bare).getByText('No monthly reports yet.').waitFor();
  assertNoProblems(page);
  assertNoProblems(bare);
});
