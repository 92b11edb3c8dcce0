// Deadlines and wins against the agency API double, with a feed built for
// the groups: the clock stands at Monday 23 November 2026, 11:00 in Berlin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { useAgency } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { assertAccessible, assertNoProblems, contrast, screenshot, waitForPortal, shownText } from './support/browser.mjs';

const env = useAgency();

function feed() {
  const f = agencyFeed();
  f.approvals = [];
  f.deadlines = [
    { id: 'dl-late', title: 'Send product photos', due: '2026-11-20', owner: 'client', done: false },
    // 23:30 on Tuesday in Berlin: "tomorrow" there, though it is 22:30 UTC.
    { id: 'dl-tonight', title: 'Sign off the banner copy', due: '2026-11-24T23:30:00+01:00', owner: 'client', done: false },
    { id: 'dl-week', title: 'Rough cut of the video', due: '2026-11-27', owner: 'agency', deliverable_id: 'd-video', done: false },
    { id: 'dl-next', title: 'Feedback on the script', due: '2026-12-02', owner: 'client', done: false },
    { id: 'dl-later', title: 'Launch the new site', due: '2027-01-15', owner: 'agency', done: false },
    { id: 'dl-done', title: 'Kick-off workshop', due: '2026-11-02', owner: 'client', done: true },
  ];
  f.wins = [
    { id: 'w-sep', title: 'Cheaper leads from search', date: '2026-09-03', metrics: [{ label: 'Cost per lead', before: 42, after: 31, unit: '£' }] },
    { id: 'w-nov', title: 'Checkout conversion up', date: '2026-11-20', summary: 'The new checkout is live.', metrics: [{ label: 'Conversion rate', before: 2.1, after: 3.4, unit: '%' }] },
    { id: 'w-oct', title: 'Newsletter grew', date: '2026-10-15', metrics: [{ label: 'Subscribers', before: 4200, after: 5100 }, { label: 'Open rate', after: 46, unit: '%' }] },
  ];
  // The example's monthly reports point at its own wins, gone here; its
  // meetings' next steps would join these deadlines (tested on their own).
  f.reports = [];
  f.meetings = [];
  return f;
}

const open = (hash, options) => env.open(feed(), hash, options);

const group = (page, name) => page.locator('#cp-main section', { has: page.getByRole('heading', { level: 2, name, exact: true }) });

test('deadlines fall into overdue, this week, next week and later, each saying who owes it', async () => {
  const page = await open('#/deadlines');
  const text = async (name) => (await group(page, name).innerText()).replace(/\s+/g, ' ');
  assert.match(await text('Overdue'), /Send product photos You ! Fri 20 Nov · 3 days overdue/);
  const week = await text('This week');
  assert.match(week, /Sign off the banner copy You Tue 24 Nov, 23:30 · due tomorrow/);
  assert.match(week, /Rough cut of the video Harbour & Co Fri 27 Nov · due in 4 days/);
  assert.ok(week.indexOf('banner') < week.indexOf('Rough cut'), 'soonest first');
  assert.match(await text('Next week'), /Feedback on the script You Wed 2 Dec · due in 9 days/);
  assert.match(await text('Later'), /Launch the new site Harbour & Co Fri, 15 Jan 2027 · due in 53 days/);
  // Overdue is unmistakable: its own colour, and listed first.
  const headings = await page.locator('#cp-main h2').allInnerTexts();
  assert.deepEqual(headings.slice(0, 4), ['Overdue', 'This week', 'Next week', 'Later']);
  assert.equal(await page.locator('.cp-group-overdue .cp-due-overdue').count(), 1);
  // Linked to the deliverable; done ones folded away at the end.
  await group(page, 'This week').getByRole('link', { name: 'Rough cut of the video', exact: true }).waitFor();
  assert.equal(await group(page, 'This week').getByRole('link', { name: 'Rough cut of the video', exact: true }).getAttribute('href'), '#/deliverables/d-video');
  const done = page.locator('details.cp-done');
  assert.equal(await done.getAttribute('open'), null);
  await done.locator('summary').click();
  assert.match(await done.innerText(), /Kick-off workshop[\s\S]*Done/);
  assertNoProblems(page);
});

test('the same moment is "today" in Tokyo, where Tuesday 23:30 in Berlin is already Wednesday', async () => {
  const page = await open('#/deadlines', { timezoneId: 'Asia/Tokyo' });
  // Monday 19:00 in Tokyo; the banner is due Wednesday 07:30 there.
  assert.match((await group(page, 'This week').innerText()).replace(/\s+/g, ' '), /Sign off the banner copy You Wed 25 Nov, 7:30 · due in 2 days/);
  assertNoProblems(page);
});

test('a filter shows only my deadlines or only the agency\'s, by mouse or keyboard', async () => {
  const page = await open('#/deadlines');
  const visible = (title) => page.getByText(title, { exact: true }).isVisible();
  await page.getByRole('radio', { name: 'You' }).check();
  assert.equal(await visible('Send product photos'), true);
  assert.equal(await visible('Rough cut of the video'), false);
  assert.equal(await group(page, 'Later').isVisible(), false, 'a group left empty is hidden');
  await assertAccessible(page, 'deadlines, mine only');
  // Keyboard: the arrow key moves to the next choice, the agency's.
  await page.getByRole('radio', { name: 'You' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('radio', { name: 'Harbour & Co' }).isChecked(), true);
  assert.equal(await visible('Send product photos'), false);
  assert.equal(await visible('Launch the new site'), true);
  assert.equal(await group(page, 'Overdue').isVisible(), false);
  assert.equal(await page.locator('.cp-dl-nothing').isVisible(), false);
  await page.getByRole('radio', { name: 'Everyone' }).check();
  assert.equal(await visible('Send product photos'), true);
  assertNoProblems(page);
});

/** Click a download link and parse what arrives with ical.js. */
async function download(page, link) {
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = await readFile(await dl.path(), 'utf8');
  return { name: dl.suggestedFilename(), text, cal: new ICAL.Component(ICAL.parse(text)) };
}

test('open deadlines download as a calendar file that a real iCalendar parser reads', async () => {
  const page = await open('#/deadlines');
  const all = await download(page, page.getByRole('link', { name: 'Add all open deadlines to your calendar' }));
  assert.equal(all.name, 'deadlines.ics');
  assert.ok(all.text.includes('\r\n'), 'lines end in CRLF');
  assert.equal(all.cal.name, 'vcalendar');
  assert.equal(all.cal.getFirstPropertyValue('version'), '2.0');
  const events = all.cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  assert.deepEqual(events.map((e) => e.summary), ['Send product photos', 'Sign off the banner copy', 'Rough cut of the video', 'Feedback on the script', 'Launch the new site']);
  const [late, tonight, week] = events;
  // A plain date is an all-day event; a moment is exact, in UTC.
  assert.equal(late.startDate.isDate, true);
  assert.equal(late.startDate.toString(), '2026-11-20');
  assert.equal(tonight.startDate.isDate, false);
  assert.equal(tonight.startDate.toJSDate().toISOString(), '2026-11-24T22:30:00.000Z');
  assert.equal(week.component.getFirstPropertyValue('description'), 'Owed by: Harbour & Co');
  assert.match(week.component.getFirstPropertyValue('url'), /\/agency\/#\/deliverables\/d-video$/);
  assert.equal(new Set(events.map((e) => e.uid)).size, 5, 'one UID per deadline');
  // One deadline alone carries the same UID, so importing again updates it.
  // Its link can be read (its words were once white on the white card).
  const link = page.getByRole('link', { name: 'Add to calendar: Rough cut of the video' });
  // Each file is written when its link is about to be used, not for every
  // deadline when the page is drawn: focusing it is enough (so the
  // keyboard's "Save link as…" has it too).
  assert.equal(await link.getAttribute('href'), '#/deadlines');
  const other = page.getByRole('link', { name: 'Add to calendar: Launch the new site' });
  await other.focus();
  assert.match(await other.getAttribute('href'), /^data:text\/calendar;charset=utf-8,BEGIN%3AVCALENDAR/);
  assert.ok((await contrast(link)) >= 4.5, `contrast ${await contrast(link)}`);
  const one = await download(page, link);
  const only = one.cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  assert.deepEqual(only.map((e) => [e.uid, e.summary]), [[week.uid, 'Rough cut of the video']]);
  // And again after a reload: stable.
  await page.reload();
  await waitForPortal(page);
  const again = await download(page, page.getByRole('link', { name: 'Add all open deadlines to your calendar' }));
  assert.deepEqual(again.cal.getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('uid')), events.map((e) => e.uid));
  assertNoProblems(page);
});

test('next steps agreed in meetings are among the deadlines, with who owes them, once', async () => {
  const f = feed();
  f.meetings = [
    {
      id: 'm-1', held_at: '2026-11-18T10:00:00+01:00', title: 'Weekly check-in', attendees: ['Sam Okoro'],
      agreements: [{ id: 'ag-1', text: 'Photos first.' }],
      next_steps: [
        { id: 'ns-photos', title: 'Send the photos of the new blends', owner: 'client', due: '2026-11-21', done: false },
        // The agency lists this one as a deadline too: shown once.
        { id: 'dl-week', title: 'Share the rough cut', owner: 'agency', due: '2026-11-27', done: false },
        { id: 'ns-undated', title: 'Think about the spring campaign', owner: 'client', done: false },
      ],
    },
    {
      id: 'm-0', held_at: '2026-11-04T10:00:00+01:00', title: 'Monthly review', attendees: [],
      agreements: [],
      next_steps: [{ id: 'ns-quote', title: 'Send the quote for the fair page', owner: 'agency', due: '2026-11-06', done: true }],
    },
  ];
  const page = await env.open(f, '#/deadlines');
  const text = async (name) => (await group(page, name).innerText()).replace(/\s+/g, ' ');
  assert.match(await text('Overdue'), /Send the photos of the new blends You ! Sat 21 Nov · 2 days overdue/);
  const week = await text('This week');
  assert.match(week, /Rough cut of the video Harbour & Co/);
  assert.doesNotMatch(week, /Share the rough cut/);
  assert.doesNotMatch(await page.locator('#cp-main').innerText(), /spring campaign/);
  const done = page.locator('details.cp-done');
  await done.locator('summary').click();
  assert.match(await done.innerText(), /Send the quote for the fair page[\s\S]*Done/);
  // Only mine: the step the client owes stays, the agency's goes.
  await page.getByRole('radio', { name: 'You', exact: true }).check();
  assert.equal(await page.getByText('Send the photos of the new blends').isVisible(), true);
  assert.equal(await page.getByText('Send the quote for the fair page').isVisible(), false);
  await page.getByRole('radio', { name: 'Everyone' }).check();
  // In the calendar file with the rest.
  const all = await download(page, page.getByRole('link', { name: 'Add all open deadlines to your calendar' }));
  const events = all.cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  assert.deepEqual(events.map((e) => e.summary), ['Send product photos', 'Send the photos of the new blends', 'Sign off the banner copy', 'Rough cut of the video', 'Feedback on the script', 'Launch the new site']);
  // And the overview counts it among what the client owes.
  await page.goto(page.url().replace(/#.*$/, '#/'));
  await waitForPortal(page);
  const owed = (await page.locator('#cp-owed-title').locator('..').innerText()).replace(/\s+/g, ' ');
  assert.match(owed, /2 items are overdue/);
  assert.match(owed, /Send the photos of the new blends/);
  await assertAccessible(page, 'overview with next steps');
  assertNoProblems(page);
});

test('a long list lays out only what is near the screen, and every deadline in it still reads, links and exports', async () => {
  const f = feed();
  const later = Array.from({ length: 120 }, (_, i) => ({
    id: `dl-many-${i}`, title: `Step ${i + 1} of the rollout`, due: `2027-02-${String((i % 28) + 1).padStart(2, '0')}`, owner: i % 2 ? 'agency' : 'client', done: false,
  }));
  f.deadlines.push(...later);
  const page = await env.open(f, '#/deadlines');
  const items = group(page, 'Later').locator('li');
  assert.equal(await items.count(), 121);
  assert.equal(await page.locator('ul.cp-long').count(), 1, 'only the long list');
  assert.equal(await page.locator('.cp-group-overdue ul.cp-long').count(), 0);
  // All in the page (for find-in-page and screen readers)…
  assert.match(await group(page, 'Later').textContent(), /Step 120 of the rollout/);
  // …and the last reads as any other once scrolled to.
  const last = items.filter({ hasText: 'Step 120 of the rollout' });
  assert.match((await shownText(last)).replace(/\s+/g, ' '), /Step 120 of the rollout Harbour & Co Mon, 8 Feb 2027 · due in 77 days/);
  // The file for all of them is written when that link is used.
  const allLink = page.getByRole('link', { name: 'Add all open deadlines to your calendar' });
  assert.equal(await allLink.getAttribute('href'), '#/deadlines');
  const all = await download(page, allLink);
  assert.equal(all.cal.getAllSubcomponents('vevent').length, 125);
  await assertAccessible(page, 'a long list of deadlines');
  assertNoProblems(page);
});

test('wins: newest first by month, numbers before and after with the change, a chart, and a summary to share', async () => {
  const page = await open('#/wins');
  const headings = await page.locator('#cp-main h2').allInnerTexts();
  assert.deepEqual(headings, ['This month', 'Last month', 'September 2026']);
  const cards = page.locator('.cp-win');
  const flat = async (i) => (await shownText(cards.nth(i))).replace(/\s+/g, ' ');
  assert.match(await flat(0), /New Checkout conversion up Fri 20 Nov The new checkout is live\. Conversion rate Before 2\.1% → ?,? ?Now 3\.4% \(\+62%\)/);
  assert.match(await flat(1), /Subscribers Before 4,200 → ?,? ?Now 5,100 \(\+21%\)/);
  assert.match(await flat(1), /Open rate 46%/);
  assert.match(await flat(2), /Cost per lead Before £42 → ?,? ?Now £31 \(−26%\)/);
  // Only a recent win is celebrated.
  assert.equal(await cards.nth(0).locator('.cp-new-win').count(), 1);
  assert.equal(await cards.nth(1).locator('.cp-new-win').count(), 0);
  // The chart compares before and now (after is the longer bar here).
  const bars = cards.nth(0).locator('svg.cp-bars rect');
  assert.deepEqual([await bars.nth(0).getAttribute('width'), await bars.nth(1).getAttribute('width')], ['62', '100']);
  assert.equal(await cards.nth(1).locator('svg.cp-bars').count(), 1, 'no chart for a number with no "before"');
  // Copy a summary to share.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await cards.nth(0).getByRole('button', { name: 'Copy summary: Checkout conversion up' }).click();
  await cards.nth(0).getByText('Copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, 'Checkout conversion up (Fri 20 Nov)\nThe new checkout is live.\n• Conversion rate: 2.1% → 3.4% (+62%)\n— Harbour & Co');
  assertNoProblems(page);
});

test('the celebration respects reduced motion', async () => {
  const page = await open('#/wins');
  const sparkle = page.locator('.cp-sparkle').first();
  assert.notEqual(await sparkle.evaluate((el) => getComputedStyle(el).animationName), 'none');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await sparkle.evaluate((el) => getComputedStyle(el).animationName), 'none');
  assertNoProblems(page);
});

test('the overview\'s next deadlines and latest win use the same logic', async () => {
  const page = await open('#/');
  const next = (await page.locator('#cp-next-title').locator('..').innerText()).replace(/\s+/g, ' ');
  assert.match(next, /Sign off the banner copy You Tue 24 Nov, 23:30 · due tomorrow/);
  const win = (await page.locator('.cp-win-card').innerText()).replace(/\s+/g, ' ');
  assert.match(win, /New Checkout conversion up Fri 20 Nov Conversion rate Before 2\.1%/);
  assertNoProblems(page);
});

test('deadlines and wins pass axe-core and are screenshotted at phone and desktop widths', async () => {
  for (const width of [390, 1280]) {
    for (const [hash, name] of [['#/deadlines', 'deadlines'], ['#/wins', 'wins']]) {
      const page = await open(hash, { width });
      await assertAccessible(page, `${name} at ${width}px`);
      await screenshot(page, `agency-${name}-${width}`);
      assertNoProblems(page);
      await page.context().close();
    }
  }
});
