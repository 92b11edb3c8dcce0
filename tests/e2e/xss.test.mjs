// Everything an agency's API sends is shown as text, never run: a corpus of
// script-injection payloads in every string of the feed (names, titles,
// summaries, notes, comments, contacts, glossary, wins…) and every link
// (logos, photos, asset and preview addresses, contact channels), then
// every page of the portal opened. No payload may run, and no link, image
// or frame may point to a javascript:, vbscript: or data: address (but the
// portal's own calendar file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAgency } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { assertNoProblems } from './support/browser.mjs';

const env = useAgency();

/** Each payload sets window.__xss (to its own number) if it ever runs. */
const TEXT = [
  (n) => `<script>window.__xss=${n}</script>`,
  (n) => `<img src=x onerror="window.__xss=${n}">`,
  (n) => `"><svg onload="window.__xss=${n}">`,
  (n) => `'><iframe srcdoc="<script>parent.__xss=${n}</script>">`,
  (n) => `<a href="javascript:window.__xss=${n}">click</a>`,
  (n) => `{{constructor.constructor('window.__xss=${n}')()}}`,
  (n) => `<style>@import 'javascript:window.__xss=${n}'</style>`,
  (n) => `<details open ontoggle="window.__xss=${n}">`,
];
const URLS = [
  (n) => `javascript:window.__xss=${n}`,
  (n) => ` JaVaScRiPt:window.__xss=${n}`,
  (n) => `data:text/html,<script>parent.__xss=${n}</script>`,
  (n) => `vbscript:msgbox(${n})`,
  (n) => `java\tscript:window.__xss=${n}`,
];

/** Fields that carry the contract's own words (ids, dates, enums, numbers as text). */
const KEPT = /^(id|at|.*_id|.*_ids|.*_at|due|date|starts|ends|next_check_in|status|kind|scope|decision|owner|schema_version|unit|locale|brand_color|period|highlights|anonymous_key|response_hours|email|phone|type|urgency|topic|currency|level|time_zone)$/;
const URL_FIELD = /(url|href|link|value|website)$/;

/** The agency feed with a payload in every string it may carry. */
function poisoned(offset) {
  const feed = agencyFeed();
  let n = offset;
  const walk = (v, key) => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    }
    if (typeof v !== 'string' || KEPT.test(key)) return v;
    n += 1;
    if (URL_FIELD.test(key)) return URLS[n % URLS.length](n);
    return `${v} ${TEXT[n % TEXT.length](n)}`;
  };
  return { feed: walk(feed, ''), count: n - offset };
}

/** Every address in the portal's shadow root that a click or a load follows. */
async function addresses(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-client-portal]').shadowRoot;
    return [...root.querySelectorAll('[href], [src], [srcdoc], [action], [formaction], [data]')].map((el) =>
      ['href', 'src', 'srcdoc', 'action', 'formaction', 'data']
        .filter((a) => el.hasAttribute(a))
        .map((a) => `${el.tagName.toLowerCase()} ${a}=${el.getAttribute(a)}`),
    ).flat();
  });
}

for (const offset of [0, 1, 2, 3, 4]) {
  test(`a payload in every agency string and link (set ${offset + 1} of 5) is shown as text, never run`, async () => {
    const { feed, count } = poisoned(offset);
    assert.ok(count > 50, `payloads placed: ${count}`);
    const page = await env.open(feed, '#/');
    const pages = ['#/', '#/deliverables', '#/approvals', '#/deadlines', '#/wins', '#/contact', '#/concern', '#/agreed', '#/meetings', '#/reports'];
    for (const r of feed.reports) pages.push(`#/reports/${encodeURIComponent(r.id)}`);
    // A dispute's form quotes the point and its meeting.
    pages.push(`#/meetings?dispute=${encodeURIComponent(feed.meetings[0].agreements[0].id)}`);
    for (const d of feed.deliverables) pages.push(`#/deliverables/${encodeURIComponent(d.id)}`);
    for (const a of feed.approvals) pages.push(`#/approvals/${encodeURIComponent(a.id)}`);
    let checked = 0;
    for (const hash of pages) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.locator('#cp-main h1').first().waitFor({ timeout: 10000 }).catch(async () => {
        throw new Error(`${hash}: no page heading; shown: ${(await page.locator('#cp-main').innerText()).slice(0, 300)}`);
      });
      // The feed was read (a payload is never a reason to refuse it).
      const alerts = (await page.locator('#cp-main [role=alert]').allInnerTexts()).filter((t) => t.trim());
      assert.deepEqual(alerts, [], `${hash}: an error instead of the page`);
      // Open every explanation and disclosure on the page, where a payload
      // in a popover or a folded section would run on display.
      for (const b of await page.locator('#cp-main button.cp-term').all()) await b.click().catch(() => {});
      for (const s of await page.locator('#cp-main details:not([open]) > summary').all()) await s.click().catch(() => {});
      for (const line of await addresses(page)) {
        checked += 1;
        const value = line.slice(line.indexOf('=') + 1).trim().toLowerCase();
        // The portal's own calendar file, offered as a download.
        if (line.startsWith('a href=data:text/calendar;')) continue;
        assert.ok(!/^(javascript|data|vbscript|java\s*script):/.test(value.replace(/[\t\n\r]/g, '')), `${hash}: ${line}`);
        assert.ok(!line.includes(' srcdoc='), `${hash}: ${line}`);
      }
      assert.equal(await page.evaluate(() => window.__xss), undefined, `${hash}: a payload ran`);
    }
    assert.ok(checked > 100, `only ${checked} addresses checked`);
    // And the payloads are there, as text.
    await page.evaluate(() => { location.hash = '#/deliverables'; });
    await page.locator('#cp-main').getByText(/window\.__xss=\d+/).first().waitFor();
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assertNoProblems(page);
  });
}
