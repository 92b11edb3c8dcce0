// Finding a deliverable among many: search, status and scope filters and
// order, kept in the address; the list grows fifty cards at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAgency } from './support/agency.mjs';
import { bigFeed } from './support/feeds.mjs';
import { assertAccessible, assertNoProblems, contrast, focused, screenshot } from './support/browser.mjs';

const env = useAgency();
const feed = () => bigFeed({ deliverables: 120, approvals: 0, deadlines: 0 });

/** What the portal searches: title, summary, version labels and notes. */
const haystack = (d) => [d.title, d.summary ?? '', ...d.versions.flatMap((v) => [v.label, v.notes ?? ''])].join('\n').toLowerCase();

const cards = (page) => page.locator('#cp-find-list > li');

const status = (page) => page.locator('.cp-finder-count');
const search = (page) => page.getByLabel('Search names, descriptions and notes');

test('search, status and scope narrow the list, and the address keeps them across a reload', async () => {
  const f = feed();
  const total = f.deliverables.length;
  const page = await env.open(f, '#/deliverables');
  await page.getByRole('heading', { level: 1, name: 'Deliverables' }).waitFor();
  assert.equal(await cards(page).count(), 50);
  assert.equal(await status(page).getAttribute('role'), 'status');
  assert.equal(await status(page).innerText(), `50 of ${total} shown`);
  await assertAccessible(page, 'deliverables finder');
  await screenshot(page, 'finder-1280');

  // Words in any case; every one must appear.
  await search(page).fill('LANDING Page');
  const landing = f.deliverables.filter((d) => haystack(d).includes('landing') && haystack(d).includes('page'));
  assert.ok(landing.length > 0 && landing.length < 50);
  await status(page).getByText(`${landing.length} of ${total} shown`, { exact: true }).waitFor();
  assert.equal(await cards(page).count(), landing.length);
  assert.match(page.url(), /#\/deliverables\?q=LANDING%20Page$/);

  await page.getByLabel('Status').selectOption('in_review');
  await page.getByLabel('Scope').selectOption('included');
  const narrowed = landing.filter((d) => d.status === 'in_review' && d.scope === 'included');
  assert.ok(narrowed.length > 0 && narrowed.length < landing.length);
  await status(page).getByText(`${narrowed.length} of ${total} shown`, { exact: true }).waitFor();
  assert.match(page.url(), /\?q=LANDING%20Page&status=in_review&scope=included$/);

  // A reload (or the link sent to a colleague) shows the same search.
  await page.reload();
  await status(page).getByText(`${narrowed.length} of ${total} shown`, { exact: true }).waitFor();
  assert.equal(await search(page).inputValue(), 'LANDING Page');
  assert.equal(await page.getByLabel('Status').inputValue(), 'in_review');
  assert.equal(await page.getByLabel('Scope').inputValue(), 'included');
  const titles = await cards(page).locator('h2').allInnerTexts();
  assert.deepEqual(titles.sort(), narrowed.map((d) => d.title).sort());

  // Nothing found: said plainly, with a way back to everything.
  await search(page).fill('zeppelin');
  await page.getByText('Nothing matches your search.').waitFor();
  assert.equal(await status(page).innerText(), `0 of ${total} shown`);
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await status(page).getByText(`50 of ${total} shown`, { exact: true }).waitFor();
  assert.equal(await focused(page, 'id'), 'cp-find-q');
  assert.equal(await search(page).inputValue(), '');
  assert.equal(await page.getByLabel('Status').inputValue(), '');
  assert.match(page.url(), /#\/deliverables$/);
  assertNoProblems(page);
});

test('soonest due first, or the most recently updated first', async () => {
  const f = feed();
  // One bulk deliverable gets a brand new version.
  const fresh = f.deliverables[40];
  fresh.versions = [...fresh.versions, { ...fresh.versions[0], id: 'v-new', label: 'v9', created_at: '2026-11-22T08:00:00Z' }];
  const page = await env.open(f, '#/deliverables');
  // Undated ones last; the earliest date first.
  const dated = f.deliverables.filter((d) => d.due).sort((a, b) => a.due.slice(0, 10).localeCompare(b.due.slice(0, 10)));
  assert.equal(await cards(page).first().locator('h2').innerText(), dated[0].title);
  await page.getByLabel('Order').selectOption('recent');
  await page.waitForURL(/\?sort=recent$/);
  assert.equal(await cards(page).first().locator('h2').innerText(), fresh.title);
  // The order alone narrows nothing: no count to announce beyond the page.
  assert.equal(await status(page).innerText(), `50 of ${f.deliverables.length} shown`);
  assertNoProblems(page);
});

test('"Show more" adds the next cards and takes focus to the first of them', async () => {
  const f = feed();
  const total = f.deliverables.length;
  const page = await env.open(f, '#/deliverables', { width: 390 });
  const more = page.getByRole('button', { name: 'Show 50 more' });
  // Its words can be read (they were once the colour of its fill).
  assert.ok((await contrast(more)) >= 4.5, `contrast ${await contrast(more)}`);
  await more.focus();
  await page.keyboard.press('Enter');
  await status(page).getByText(`100 of ${total} shown`, { exact: true }).waitFor();
  assert.equal(await cards(page).count(), 100);
  // Focus is on the first new card's link (inside the portal's shadow root).
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.closest('#cp-find-list > li:nth-child(51)') && el.tagName === 'A';
  });
  // By keyboard again: a pointer click can land on a card instead, as the
  // cards scrolled into view take their real height (content-visibility)
  // and move the button under it.
  await page.getByRole('button', { name: `Show ${total - 100} more` }).focus();
  await page.keyboard.press('Enter');
  await status(page).getByText(`${total} of ${total} shown`, { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0);
  await assertAccessible(page, 'deliverables finder at 390px');
  await screenshot(page, 'finder-390');
  assertNoProblems(page);
});

test('an old or hand-made link still opens the list, and editing the address searches', async () => {
  const f = feed();
  const page = await env.open(f, '#/deliverables?status=archived&sort=oldest&page=3');
  assert.equal(await cards(page).count(), 50);
  assert.equal(await page.getByLabel('Status').inputValue(), '');
  await page.evaluate(() => { location.hash = '#/deliverables?q=winter'; });
  const winter = f.deliverables.filter((d) => haystack(d).includes('winter'));
  await status(page).getByText(`${winter.length} of ${f.deliverables.length} shown`, { exact: true }).waitFor();
  assert.equal(await search(page).inputValue(), 'winter');
  assertNoProblems(page);
});

test('Approvals: a long list shows fifty at a time, says how many, and "Show more" takes focus to the first added', async () => {
  const f = bigFeed({ deliverables: 10, approvals: 200, deadlines: 0 });
  const waiting = f.approvals.filter((a) => a.status === 'pending').length;
  const decided = f.approvals.length - waiting;
  assert.ok(waiting > 50 && decided > 100, `${waiting} waiting, ${decided} decided`);
  const page = await env.open(f, '#/approvals', { width: 390 });
  await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
  const list = (id) => page.locator(`#${id} > li`);
  const count = (id) => page.locator(`#${id}`).locator('xpath=preceding-sibling::p[@role="status"]');
  assert.equal(await list('cp-a-waiting-list').count(), 50);
  assert.equal(await list('cp-a-decided-list').count(), 50);
  assert.equal(await count('cp-a-waiting-list').innerText(), `50 of ${waiting} shown`);
  assert.equal(await count('cp-a-decided-list').innerText(), `50 of ${decided} shown`);
  // The most urgent come first: the first card is the earliest due.
  const earliest = f.approvals.filter((a) => a.status === 'pending').map((a) => a.due).sort()[0];
  assert.ok(await list('cp-a-waiting-list').first().locator('time').first().getAttribute('datetime').then((d) => d.startsWith(earliest)));

  // By keyboard: the decided list grows, focus lands on the first new card.
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Already decided' }) });
  assert.ok((await contrast(section.getByRole('button', { name: 'Show 50 more' }))) >= 4.5);
  await section.getByRole('button', { name: 'Show 50 more' }).focus();
  await page.keyboard.press('Enter');
  await count('cp-a-decided-list').getByText(`100 of ${decided} shown`, { exact: true }).waitFor();
  assert.equal(await list('cp-a-decided-list').count(), 100);
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.closest('#cp-a-decided-list > li:nth-child(51)') && el.tagName === 'A';
  });
  // The waiting list did not move.
  assert.equal(await list('cp-a-waiting-list').count(), 50);
  // The last page says how many are left.
  for (let n = 100; n < decided; n += 50) {
    await section.getByRole('button', { name: `Show ${Math.min(50, decided - n)} more` }).focus();
    await page.keyboard.press('Enter');
    await count('cp-a-decided-list').getByText(`${Math.min(n + 50, decided)} of ${decided} shown`, { exact: true }).waitFor();
  }
  await count('cp-a-decided-list').getByText(`${decided} of ${decided} shown`, { exact: true }).waitFor();
  assert.equal(await section.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0);
  await assertAccessible(page, 'approvals, a long list at 390px');
  assertNoProblems(page);
});
