// Jargon explained: terms in agency-written text are marked, and their
// meaning opens by keyboard or pointer (never hover-only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAgency } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { assertAccessible, assertNoProblems, tabTo, screenshot, focused } from './support/browser.mjs';

const env = useAgency();

function feed() {
  const f = agencyFeed();
  const d = f.deliverables.find((x) => x.id === 'd-homepage');
  d.summary = 'Better SEO and a clearer CTR path. Press CTRL+S to save. <img src=x onerror="window.__xss=1">';
  f.wins = [
    {
      id: 'w-ads',
      title: 'ROAS doubled',
      date: '2026-11-20',
      summary: 'All our KPIs are up.',
      metrics: [{ label: 'CTR', before: 1.2, after: 2.4, unit: '%' }],
    },
  ];
  // The example's monthly reports point at its own wins, gone here.
  f.reports = [];
  // The agency's own meaning replaces the built-in one.
  f.glossary = [{ term: 'CTR', meaning: 'How many of the people who saw it clicked it (our definition).' }];
  return f;
}

const open = (hash, options) => env.open(feed(), hash, options);

test('terms are marked on whole words only, and agency text stays text', async () => {
  const page = await open('#/deliverables');
  const summary = page.locator('.cp-deliverable', { hasText: 'Homepage redesign' }).locator('.cp-summary');
  const terms = await summary.locator('button.cp-term').allInnerTexts();
  assert.deepEqual(terms, ['SEO', 'CTR']);
  // "CTRL" is not "CTR"; the markup in the text is shown, never run.
  assert.match(await summary.innerText(), /Press CTRL\+S to save\. <img src=x onerror="window.__xss=1">/);
  assert.equal(await summary.locator('img').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assertNoProblems(page);
});

test('a term opens its meaning by keyboard, and closes with Escape', async () => {
  const page = await open('#/deliverables', { width: 390 });
  await tabTo(page, /^CTR$/);
  await page.keyboard.press('Enter');
  const note = page.locator('.cp-term-note:popover-open');
  await note.waitFor();
  assert.match(await note.innerText(), /CTR How many of the people who saw it clicked it \(our definition\)\./);
  await assertAccessible(page, 'an open explanation');
  await screenshot(page, 'jargon-open-390');
  await page.keyboard.press('Escape');
  await note.waitFor({ state: 'detached' }).catch(() => {});
  assert.equal(await page.locator('.cp-term-note:popover-open').count(), 0);
  // Focus stays on the term, so reading goes on where it was.
  assert.equal(await focused(page, 'textContent'), 'CTR');
  assertNoProblems(page);
});

test('built-in explanations cover titles, summaries (with plurals) and metric labels', async () => {
  const page = await open('#/wins');
  const card = page.locator('.cp-win');
  assert.deepEqual(await card.locator('button.cp-term').allInnerTexts(), ['ROAS', 'KPIs', 'CTR']);
  await card.getByRole('button', { name: 'ROAS', exact: true }).click();
  const note = page.locator('.cp-term-note:popover-open');
  assert.match(await note.innerText(), /Return on ad spend: the sales earned for each unit of money spent on ads\./);
  await note.getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.locator('.cp-term-note:popover-open').count(), 0);
  await card.getByRole('button', { name: 'KPIs', exact: true }).click();
  assert.match(await page.locator('.cp-term-note:popover-open').innerText(), /^KPI Key performance indicator/);
  await assertAccessible(page, 'wins with an open explanation');
  assertNoProblems(page);
});
