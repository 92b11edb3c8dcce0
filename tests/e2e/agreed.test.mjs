// What we agreed (#14): the agreed scope from the agency's feed, linked from
// the Overview and from each deliverable's scope badge, against the API
// double (and, with E2E_API=server, the reference server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAgency } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { assertAccessible, assertNoProblems, focused, newPage, screenshot, tabTo } from './support/browser.mjs';

const env = useAgency();

const main = (page) => page.locator('#cp-main');
const part = (page, name) => main(page).locator('section', { has: page.getByRole('heading', { level: 2, name, exact: true }) });
const flat = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ');

test('the Overview leads to the agreed work: summary, dates, included, not included and how extras are handled', async () => {
  const page = await env.open(agencyFeed(), '#/');
  const card = main(page).locator('section', { has: page.getByRole('heading', { level: 2, name: 'What we agreed' }) });
  assert.match(await flat(card), /A new website, a winter campaign video and a monthly newsletter/);
  await card.getByRole('link', { name: 'See what we agreed' }).click();
  await main(page).getByRole('heading', { level: 1, name: 'What we agreed' }).waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/agreed');
  assert.match(await flat(main(page)), /Starts Tue 1 Sept? Ends Sun, 28 Feb 2027/);
  const included = await flat(part(page, 'Included'));
  for (const title of ['Website redesign', 'Monthly newsletter', 'Winter campaign video', 'Brand guidelines']) {
    assert.ok(included.includes(title), `${title} is listed as included`);
  }
  assert.match(included, /two rounds of changes per page/);
  const excluded = await flat(part(page, 'Not included'));
  assert.match(excluded, /Paid social media ads Buying and running ads is not part of this work/);
  assert.match(excluded, /Printed materials/);
  assert.match(await flat(part(page, 'Anything else')), /written quote from Ana within two working days/);
  await assertAccessible(page, 'what we agreed 1280px');
  await page.setViewportSize({ width: 390, height: 900 });
  await assertAccessible(page, 'what we agreed 390px');
  await screenshot(page, 'agreed-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'agreed-1280');
  assertNoProblems(page);
});

test('a deliverable\'s scope badge opens the part of the agreement that explains it, by keyboard too', async () => {
  const page = await env.open(agencyFeed(), '#/deliverables/d-homepage');
  const badge = main(page).locator('.cp-facts').getByRole('link', { name: 'In the agreed work' });
  assert.equal(await badge.getAttribute('href'), '#/agreed?scope=included');
  await tabTo(page, /^In the agreed work$/);
  await page.keyboard.press('Enter');
  await main(page).getByRole('heading', { level: 1, name: 'What we agreed' }).waitFor();
  // Focus lands on the part the badge named, not on the page's top.
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.tagName === 'SECTION';
  });
  assert.match(await focused(page, 'textContent'), /^Included/);

  // Extra work points at how extras are handled; work left out at the list of it.
  for (const [id, scope, badgeName, heading] of [
    ['d-fair', 'change_order', 'Extra, agreed separately', 'Anything else'],
    ['d-ads', 'out_of_scope', 'Not in the agreed work', 'Not included'],
  ]) {
    await page.evaluate((h) => { location.hash = h; }, `#/deliverables/${id}`);
    const link = main(page).locator('.cp-facts').getByRole('link', { name: badgeName });
    assert.equal(await link.getAttribute('href'), `#/agreed?scope=${scope}`);
    await link.click();
    await page.waitForFunction((h) => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.tagName === 'SECTION' && el.textContent.startsWith(h);
    }, heading);
  }
  // A plain #/agreed starts at the heading, as every page does.
  await page.evaluate(() => { location.hash = '#/deliverables'; });
  await main(page).getByRole('heading', { level: 1, name: 'Deliverables' }).waitFor();
  await page.evaluate(() => { location.hash = '#/agreed'; });
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.tagName === 'H1';
  });
  // In the list, badges stay plain text: one link per card is enough to tab through.
  await page.evaluate(() => { location.hash = '#/deliverables'; });
  await main(page).getByRole('heading', { level: 1, name: 'Deliverables' }).waitFor();
  assert.equal(await main(page).locator('.cp-badge[href]').count(), 0);
  assertNoProblems(page);
});

test('a feed without the agreed work: no card, plain badges, and the page says so and who to ask', async () => {
  const feed = agencyFeed();
  delete feed.scope;
  // With meetings, the card is theirs alone: their points still wait.
  let page = await env.open(feed, '#/');
  const card = main(page).locator('section', { has: page.getByRole('heading', { level: 2, name: 'What we agreed' }) });
  assert.match(await flat(card), /2 points wait for your answer\./);
  assert.equal(await card.getByRole('link', { name: 'See what we agreed' }).count(), 0);
  await card.getByRole('link', { name: 'See the meeting notes' }).waitFor();
  // Without meetings either, no card at all.
  delete feed.meetings;
  page = await env.open(feed, '#/');
  assert.equal(await main(page).getByRole('heading', { name: 'What we agreed' }).count(), 0);
  await page.evaluate(() => { location.hash = '#/deliverables/d-homepage'; });
  await main(page).getByRole('heading', { level: 1, name: 'Homepage redesign' }).waitFor();
  assert.equal(await main(page).locator('.cp-facts').getByRole('link', { name: 'In the agreed work' }).count(), 0);
  await main(page).locator('.cp-facts').getByText('In the agreed work').waitFor();
  await page.evaluate(() => { location.hash = '#/agreed'; });
  await main(page).getByRole('heading', { level: 1, name: 'What we agreed' }).waitFor();
  assert.match(await flat(main(page)), /has not written down the agreed work here yet/);
  await main(page).getByRole('link', { name: 'Contact & escalate' }).waitFor();
  await assertAccessible(page, 'no agreed work');
  assertNoProblems(page);
});

test('a scope item without its title names the field, as every other part of the feed does', async () => {
  const feed = agencyFeed();
  delete feed.scope.excluded[1].title;
  // A feed no server of ours would send: the double serves it.
  env.api.reset(feed, { local: true });
  const page = await newPage(env.browser);
  await page.goto(env.agency('#/agreed'));
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: "Some of the agency's information couldn't be read" }).waitFor();
  assert.match(await alert.innerText(), /scope\.excluded\[1\]\.title/);
  assertNoProblems(page);
});
