// Ask for something new (#14): the form says, before anything is sent,
// whether a request is part of the agreed work or something new that is
// quoted first; it is sent through the outbox with one key across retries;
// a reference and a time to expect an answer come back; the client's
// requests are listed with where they stand. Against the API double (and,
// with E2E_API=server, the reference server), and on the demo agency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAgency } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { assertAccessible, assertNoProblems, focused, newPage, screenshot, tabTo, waitForPortal } from './support/browser.mjs';

const env = useAgency();

const main = (page) => page.locator('#cp-main');
const flat = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const sent = () => env.api.calls().filter((r) => r.method === 'POST' && r.path === '/requests');
const yours = (page) => main(page).locator('section', { has: page.getByRole('heading', { level: 2, name: 'Your requests' }) });
const next = (page) => main(page).locator('.cp-request-next');
const error = (page, name) => page.locator(`#cp-request-${name}-error`);
/** The moment as the portal shows it (en-GB, Berlin), from the API's ISO time. */
const moment = (page, iso) =>
  page.evaluate(
    (t) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(new Date(t)),
    iso,
  );

async function fill(page, { title, description, wantedBy, part, links }) {
  if (title !== undefined) await page.getByLabel('What do you need?').fill(title);
  if (description !== undefined) await page.getByLabel('Tell us more').fill(description);
  if (wantedBy !== undefined) await page.getByLabel('Wanted by (optional)').fill(wantedBy);
  if (part !== undefined) await page.getByRole('radio', { name: part }).check();
  if (links !== undefined) await page.getByLabel('Links (optional)').fill(links);
}

test('from the Overview: the choice says what happens next, wrong fields are named, and a request is sent once with a receipt', async () => {
  const page = await env.open(agencyFeed(), '#/');
  const card = main(page).locator('section', { has: page.getByRole('heading', { level: 2, name: 'What we agreed' }) });
  await card.getByRole('link', { name: 'Ask for something new' }).click();
  await main(page).getByRole('heading', { level: 1, name: 'Ask for something new' }).waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/requests');

  // The client's requests so far, newest first, in plain words.
  const listed = await yours(page).locator('li').allInnerTexts();
  assert.equal(listed.length, 2);
  assert.match(listed[0].replace(/\s+/g, ' '), /^Add the new seasonal blends to the shop Part of the agreed work Asked .*19 Nov.* Part of the website work we agreed/);
  assert.match(listed[1].replace(/\s+/g, ' '), /^A gift card page for the holidays Extra work: a quote first Asked .*10 Nov.* Ana is sending a quote/);

  // Before a choice, the form says where to look; each choice says what happens.
  assert.match(await flat(next(page)), /Choose an answer above to see what happens next\./);
  await fill(page, { part: 'Winter campaign video' });
  assert.match(await flat(next(page)), /Part of "Winter campaign video": it is done within the agreed work, at no extra cost\..*15-second version/);
  await fill(page, { part: "Something new, or I'm not sure" });
  const quote = await flat(next(page));
  assert.match(quote, /Something new: your agency will send you a quote first\./);
  assert.match(quote, /written quote from Ana within two working days/, 'in the agency\'s own words');
  assert.match(quote, /Not included Paid social media ads Product photography Printed materials/);

  // Nothing filled in: every field at fault is named, the first one focused, nothing sent.
  await page.getByRole('button', { name: 'Send request' }).click();
  await error(page, 'title').getByText('Please give your request a short title.').waitFor();
  assert.equal(await error(page, 'description').innerText(), 'Please describe what you need.');
  assert.equal(await error(page, 'part').innerText(), '', 'a choice was made');
  assert.equal(await page.getByLabel('What do you need?').getAttribute('aria-invalid'), 'true');
  assert.equal(await focused(page, 'id'), 'cp-request-title');
  // A day gone by and an address that is not one.
  await fill(page, { title: 'A gift card page', description: 'Customers keep asking for gift cards.', wantedBy: '2026-11-20', links: 'https://lumen.example/shop\nwww.example.com' });
  await page.getByRole('button', { name: 'Send request' }).click();
  await error(page, 'wanted_by').getByText('That day has already passed. Please choose today or a later day.').waitFor();
  assert.equal(await error(page, 'links').innerText(), 'This is not a web address: www.example.com. Addresses start with https://');
  assert.equal(await error(page, 'title').innerText(), '');
  assert.equal(await page.getByLabel('What do you need?').getAttribute('aria-invalid'), null);
  assert.equal(await focused(page, 'id'), 'cp-request-wanted_by');
  assert.equal(sent().length, 0);
  await assertAccessible(page, 'request form with errors');

  await fill(page, { wantedBy: '2026-12-10', part: 'Website redesign', links: 'https://lumen.example/shop\n\n' });
  await page.getByRole('button', { name: 'Send request' }).click();
  const receipt = main(page).locator('.cp-receipt');
  await receipt.getByRole('heading', { name: "✓ We've got your request" }).waitFor();
  assert.equal(await focused(page, 'id'), 'cp-request-ack', 'focus moves to what happened');
  assert.equal(sent().length, 1);
  assert.equal(JSON.stringify(JSON.parse(sent()[0].body)), JSON.stringify({
    title: 'A gift card page',
    description: 'Customers keep asking for gift cards.',
    wanted_by: '2026-12-10',
    scope_item_id: 's-website',
    links: ['https://lumen.example/shop'],
  }));
  const answer = [...env.api.state.answered.values()][0].body;
  const text = await flat(receipt);
  assert.ok(text.includes(`Reference ${answer.reference}`), text);
  assert.ok(text.includes(`Received ${await moment(page, answer.received_at)}`), text);
  assert.ok(text.includes(`Expect an answer by ${await moment(page, answer.respond_by)}`), text);
  assert.match(text, /A gift card page .*Part of "Website redesign": it is done within the agreed work/);
  // Listed at once, newest first, waiting for an answer; the form is empty again.
  const first = await flat(yours(page).locator('li').first());
  assert.ok(first.startsWith('A gift card page Received Asked'), first);
  assert.ok(first.includes(`Expect an answer by: ${await moment(page, answer.respond_by)}`), first);
  assert.equal(await page.getByLabel('What do you need?').inputValue(), '');
  await assertAccessible(page, 'request receipt 1280px');
  await screenshot(page, 'request-receipt-1280');
  await page.setViewportSize({ width: 390, height: 900 });
  await assertAccessible(page, 'request receipt 390px');
  await screenshot(page, 'request-receipt-390');
  assertNoProblems(page);
});

test('by keyboard alone, and what was typed survives a reload', async () => {
  const page = await env.open(agencyFeed(), '#/requests');
  await tabTo(page, /^cp-request-title$/);
  await page.keyboard.type('Holiday opening hours banner');
  await page.keyboard.press('Tab');
  await page.keyboard.type('A banner on every page with our hours over the holidays.');
  // The choice: Tab enters the group on its first option, Space picks it.
  await tabTo(page, /^cp-request-part-0$/);
  await page.keyboard.press('Space');
  assert.match(await flat(next(page)), /Part of "Website redesign"/);
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByLabel('What do you need?').inputValue(), 'Holiday opening hours banner');
  assert.equal(await page.getByLabel('Tell us more').inputValue(), 'A banner on every page with our hours over the holidays.');
  assert.equal(await page.getByRole('radio', { name: 'Website redesign' }).isChecked(), true);
  assert.match(await flat(next(page)), /Part of "Website redesign"/);
  await tabTo(page, /^Send request/);
  await page.keyboard.press('Enter');
  await main(page).locator('.cp-receipt').getByRole('heading', { name: "✓ We've got your request" }).waitFor();
  assert.equal(sent().length, 1);
  // Sent: the draft is gone.
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByLabel('What do you need?').inputValue(), '');
  assertNoProblems(page);
});

test('a request survives failures: 500 then 200 with one key, offline until the connection returns, a refusal puts it back in the form', async () => {
  const page = await env.open(agencyFeed(), '#/requests');
  const ask = { title: 'Gift wrapping option', description: 'At checkout, for the holidays.', part: "Something new, or I'm not sure" };
  env.api.state.faults.push({ method: 'POST', path: /^\/requests$/, status: 500, body: { error: { code: 'oops', message: 'Internal error' } } });
  await fill(page, ask);
  await page.getByRole('button', { name: 'Send request' }).click();
  // Saved on this device and listed at once, marked as not sent.
  await page.getByText('1 change is not sent yet.').waitFor();
  assert.match(await flat(yours(page).locator('li').first()), /^Gift wrapping option Not sent yet/);
  await page.getByRole('button', { name: 'Try again now' }).first().click();
  await main(page).locator('.cp-receipt').getByRole('heading', { name: "✓ We've got your request" }).waitFor();
  assert.equal(sent().length, 2);
  assert.equal(sent()[0].headers['idempotency-key'], sent()[1].headers['idempotency-key']);
  assert.equal(env.api.state.writes.length, 1, 'recorded once');
  assert.match(await flat(main(page).locator('.cp-receipt')), /Something new: your agency will send you a quote first\./);

  // Offline: the request waits on this device, and goes when the connection returns.
  await page.context().setOffline(true);
  await fill(page, { ...ask, title: 'Gift cards in the shop' });
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByText('1 change is not sent yet.').waitFor();
  assert.match(await flat(yours(page).locator('li').first()), /^Gift cards in the shop Not sent yet/);
  await page.context().setOffline(false);
  await page.getByText('1 change is not sent yet.').waitFor({ state: 'detached' });
  assert.equal(env.api.state.writes.length, 2);

  // Refused (422, then 409): the agency's words are shown, and the
  // client's come back into the form.
  for (const [status, message] of [[422, 'We cannot take requests this week.'], [409, 'This request was already sent differently.']]) {
    env.api.state.faults.push({ method: 'POST', path: /^\/requests$/, status, body: { error: { code: 'refused', message } } });
    await fill(page, { ...ask, title: `Refused ${status}`, links: 'https://lumen.example/wrap' });
    await page.getByRole('button', { name: 'Send request' }).click();
    const problem = page.locator('.cp-problem');
    await problem.getByText(message).waitFor();
    assert.equal(await page.getByLabel('What do you need?').inputValue(), `Refused ${status}`);
    assert.equal(await page.getByLabel('Tell us more').inputValue(), ask.description);
    assert.equal(await page.getByLabel('Links (optional)').inputValue(), 'https://lumen.example/wrap');
    assert.equal(await page.getByRole('radio', { name: ask.part }).isChecked(), true);
    assert.equal(await yours(page).getByText(`Refused ${status}`).count(), 0, 'not listed');
    await problem.getByRole('button', { name: 'Dismiss' }).click();
  }
  assertNoProblems(page);
});

test('a feed without agreed work or meetings: Contact leads here, and anything asked for is something new, in the portal\'s own words', async () => {
  const feed = agencyFeed();
  delete feed.scope;
  delete feed.requests;
  delete feed.meetings;
  // Nothing agreed written down, no meetings: Contact still leads here.
  const page = await env.open(feed, '#/contact');
  await main(page).getByRole('link', { name: 'Ask for something new' }).click();
  await main(page).getByRole('heading', { level: 1, name: 'Ask for something new' }).waitFor();
  assert.equal(await page.getByRole('radio').count(), 1);
  assert.equal(await page.getByRole('radio', { name: "Something new, or I'm not sure" }).isChecked(), true);
  assert.match(await flat(next(page)), /quote first\..*Anything not listed here is agreed with you separately/);
  assert.equal(await next(page).getByText('Not included').count(), 0, 'no empty list of what is left out');
  assert.match(await flat(yours(page)), /You have not asked for anything new yet\./);
  await assertAccessible(page, 'requests without scope');
  assertNoProblems(page);
});

test('the demo agency takes a request and keeps it across a reload', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.host.origin}/portal/#/requests`);
  await waitForPortal(page);
  await fill(page, { title: 'Holiday gift boxes', description: 'Three coffees in a box.', part: 'Website redesign' });
  await page.getByRole('button', { name: 'Send request' }).click();
  const receipt = main(page).locator('.cp-receipt');
  await receipt.getByRole('heading', { name: "✓ We've got your request" }).waitFor();
  assert.match(await flat(receipt), /Reference REQ-[0-9A-F]{8}/);
  await page.reload();
  await waitForPortal(page);
  assert.match(await flat(yours(page).locator('li').first()), /^Holiday gift boxes Received Asked .* Expect an answer by: /);
  assertNoProblems(page);
});
