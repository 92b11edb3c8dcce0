// Meetings (#14): the notes of each meeting, newest first; the client
// confirms what was agreed or disputes a point with what they remember,
// through the outbox, against the API double (and, with E2E_API=server,
// the reference server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAgency } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { assertAccessible, assertNoProblems, focused, newPage, screenshot, tabTo, waitForPortal } from './support/browser.mjs';

const env = useAgency();

const main = (page) => page.locator('#cp-main');
const flat = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ');
const meeting = (page, title) => main(page).locator('article', { has: page.getByRole('heading', { level: 2, name: title }) });
const point = (page, text) => main(page).locator('article li', { hasText: text });
const answers = () => env.api.calls().filter((r) => r.method === 'POST' && /\/meetings\/.+\/confirmation$/.test(r.path));
const LAUNCH = 'The homepage goes live on 1 December';
const HERO = 'The homepage keeps the large photo at the top';

test('the Overview counts the points waiting; the client disputes one and confirms the rest, by keyboard', async () => {
  const page = await env.open(agencyFeed(), '#/');
  const card = main(page).locator('section', { has: page.getByRole('heading', { level: 2, name: 'What we agreed' }) });
  assert.match(await flat(card), /2 points wait for your answer\./);
  await card.getByRole('link', { name: 'See the meeting notes' }).click();
  await main(page).getByRole('heading', { level: 1, name: 'Meetings and calls' }).waitFor();
  // Newest first, with when, who and what was agreed.
  const titles = await main(page).locator('article h2').allInnerTexts();
  assert.deepEqual(titles, ['Weekly check-in', 'Monthly review']);
  const weekly = meeting(page, 'Weekly check-in');
  assert.match(await flat(weekly), /18 Nov.* · With Maya Chen, Ana Ruiz, Tom Becker/);
  assert.match(await flat(point(page, LAUNCH)), /Waiting for your answer/);
  assert.match(await flat(point(page, 'calmer of the two music tracks')), /Confirmed/);
  assert.match(await flat(weekly), /Next steps Send the product photos for the winter blends You · /);
  await assertAccessible(page, 'meetings 1280px');

  // "That's not how I remember it", by keyboard: its form, the words focused.
  await tabTo(page, /^That's not how I remember it$/);
  await page.keyboard.press('Enter');
  await main(page).getByRole('heading', { level: 2, name: "That's not how I remember it" }).waitFor();
  assert.match(await page.evaluate(() => location.hash), /^#\/meetings\?dispute=ag-hero$/);
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id === 'cp-dispute';
  });
  // Back out, and open the one about the launch instead.
  await page.evaluate(() => { location.hash = '#/meetings'; });
  await point(page, LAUNCH).getByRole('link', { name: "That's not how I remember it" }).click();
  const form = main(page).locator('section', { has: page.getByRole('heading', { name: "That's not how I remember it" }) });
  assert.match(await flat(form), new RegExp(`${LAUNCH}.*Weekly check-in`));
  // Nothing said: refused at the field, and nothing sent.
  await form.getByRole('button', { name: 'Send' }).click();
  await form.getByText('Please say what you remember, so your agency can put it right.').waitFor();
  assert.equal(await focused(page, 'id'), 'cp-dispute');
  assert.equal(answers().length, 0);
  // The words are a draft: a reload brings the form and them back.
  await page.getByLabel('What do you remember?').fill('Only if the photos arrive by 21 November.');
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByLabel('What do you remember?').inputValue(), 'Only if the photos arrive by 21 November.');
  await assertAccessible(page, 'dispute form');
  await page.getByRole('button', { name: 'Send' }).click();
  await point(page, LAUNCH).getByText('Disputed').waitFor();
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.tagName === 'LI' && el.textContent.includes('goes live on 1 December');
  });
  assert.equal(await page.evaluate(() => location.hash), '#/meetings');
  assert.equal(answers().length, 1);
  assert.deepEqual(JSON.parse(answers()[0].body), {
    agreement_ids: ['ag-launch'],
    status: 'disputed',
    comment: 'Only if the photos arrive by 21 November.',
  });
  assert.ok(answers()[0].headers['idempotency-key']);

  // "Yes, that's what we agreed" confirms what is still waiting: the photo.
  assert.match(await flat(weekly), /1 point waits for your answer\./);
  await weekly.getByRole('button', { name: "Yes, that's what we agreed" }).click();
  await point(page, HERO).getByText('Confirmed').waitFor();
  await point(page, HERO).getByText('Not sent yet').waitFor({ state: 'detached' });
  assert.equal(answers().length, 2);
  assert.deepEqual(JSON.parse(answers()[1].body), { agreement_ids: ['ag-hero'], status: 'confirmed' });
  assert.equal(await weekly.getByRole('button', { name: "Yes, that's what we agreed" }).count(), 0);
  assert.equal(await point(page, LAUNCH).getByRole('link', { name: "That's not how I remember it" }).count(), 0);
  // A confirmed point can still be disputed: the latest answer counts.
  assert.equal(await point(page, HERO).getByRole('link', { name: "That's not how I remember it" }).count(), 1);
  await page.setViewportSize({ width: 390, height: 900 });
  await assertAccessible(page, 'meetings 390px');
  await screenshot(page, 'meetings-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'meetings-1280');

  // The Overview has nothing waiting any more.
  await page.evaluate(() => { location.hash = '#/'; });
  await main(page).getByRole('heading', { level: 1 }).waitFor();
  assert.doesNotMatch(await flat(main(page)), /wait for your answer/);
  assertNoProblems(page);
});

test('an answer survives failures: 500 then 200 with one key, offline until the connection returns, a refusal gives the words back', async () => {
  const page = await env.open(agencyFeed(), '#/meetings');
  env.api.state.faults.push({ method: 'POST', path: /\/confirmation$/, status: 500, body: { error: { code: 'oops', message: 'Internal error' } } });
  await meeting(page, 'Weekly check-in').getByRole('button', { name: "Yes, that's what we agreed" }).click();
  // Shown at once, marked as not sent.
  await point(page, HERO).getByText('Not sent yet').waitFor();
  assert.match(await flat(point(page, HERO)), /Confirmed/);
  await page.getByText('1 change is not sent yet.').waitFor();
  await page.getByRole('button', { name: 'Try again now' }).first().click();
  await page.getByText('1 change is not sent yet.').waitFor({ state: 'detached' });
  await point(page, HERO).getByText('Not sent yet').waitFor({ state: 'detached' });
  assert.equal(answers().length, 2);
  assert.equal(answers()[0].headers['idempotency-key'], answers()[1].headers['idempotency-key']);
  assert.equal(env.api.state.writes.length, 1, 'recorded once');

  // Offline: the dispute waits on this device, and goes when the connection returns.
  await page.context().setOffline(true);
  await point(page, LAUNCH).getByRole('link', { name: "That's not how I remember it" }).click();
  await page.getByLabel('What do you remember?').fill('We said the 8th.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('1 change is not sent yet.').waitFor();
  assert.match(await flat(point(page, LAUNCH)), /Disputed Not sent yet/);
  await page.context().setOffline(false);
  await page.getByText('1 change is not sent yet.').waitFor({ state: 'detached' });
  assert.equal(env.api.state.writes.length, 2);

  // The agency refuses a dispute: its words are shown, and the client's
  // come back in the form.
  env.api.state.faults.push({ method: 'POST', path: /\/confirmation$/, status: 422, body: { error: { code: 'closed', message: 'These notes are closed for answers.' } } });
  await point(page, HERO).getByRole('link', { name: "That's not how I remember it" }).click();
  await page.getByLabel('What do you remember?').fill('The photo was to be smaller.');
  await page.getByRole('button', { name: 'Send' }).click();
  const problem = page.locator('.cp-problem');
  await problem.getByRole('heading', { name: "That didn't go through" }).waitFor();
  assert.match(await problem.innerText(), /These notes are closed for answers\./);
  await point(page, HERO).getByRole('link', { name: "That's not how I remember it" }).click();
  assert.equal(await page.getByLabel('What do you remember?').inputValue(), 'The photo was to be smaller.');
  assertNoProblems(page);
});

test('the demo agency takes answers too, and keeps them across a reload', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.host.origin}/portal/#/meetings`);
  await waitForPortal(page);
  await meeting(page, 'Weekly check-in').getByRole('button', { name: "Yes, that's what we agreed" }).click();
  await point(page, LAUNCH).getByText('Confirmed').waitFor();
  await point(page, HERO).getByText('Not sent yet').waitFor({ state: 'detached' });
  await page.reload();
  await waitForPortal(page);
  assert.match(await flat(point(page, LAUNCH)), /Confirmed/);
  assert.equal(await meeting(page, 'Weekly check-in').getByRole('button', { name: "Yes, that's what we agreed" }).count(), 0);
  assertNoProblems(page);
});
