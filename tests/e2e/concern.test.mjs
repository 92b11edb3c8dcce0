// Raising a concern: named, anonymous, up the chain; what reaches the
// agency, byte for byte; and that nothing typed is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN } from './support/api-double.mjs';
import { useAgency } from './support/agency.mjs';
import { newPage, assertAccessible, assertNoProblems, tabTo, waitForPortal, screenshot, focused } from './support/browser.mjs';

const env = useAgency();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const concerns = () => env.api.calls().filter((r) => r.method === 'POST' && r.path === '/escalations');

async function openForm(page, hash = '#/concern') {
  await page.goto(env.agency(hash));
  await waitForPortal(page);
  await page.getByRole('heading', { level: 1, name: "Something's not right?" }).waitFor();
}

async function fill(page, { to = /Priya Nair/, topic = 'Deadlines', urgent = true, message = 'The video has slipped twice.', replyTo } = {}) {
  await page.getByLabel(to).check();
  await page.getByLabel('What is it about?').fill(topic);
  if (urgent) await page.getByLabel('Urgent', { exact: true }).check();
  await page.getByRole('textbox', { name: 'Your message' }).fill(message);
  if (replyTo !== undefined) await page.getByLabel(/Reply to this email address/).fill(replyTo);
}

/** Everything the page keeps in the browser's storage, [local, session], with
 * each value also URL-decoded (drafts are kept as form-encoded text). */
const stored = (page) =>
  page.evaluate(() =>
    [localStorage, sessionStorage].map((s) =>
      Object.values({ ...s })
        .map((v) => `${v}\n${decodeURIComponent(v.replace(/\+/g, ' '))}`)
        .join('\n'),
    ),
  );
const storage = async (page) => (await stored(page)).join('\n');

/** How the page shows a moment from the API double (Berlin, en-GB). */
const shown = (iso) =>
  new Date(iso).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Berlin' });

test('a named concern reaches the chosen person with the token, and is acknowledged and listed', async () => {
  const page = await newPage(env.browser);
  await openForm(page);
  await assertAccessible(page, 'concern form');
  await screenshot(page, 'concern-1280');
  // Primary contact first and chosen by default, then the backup, then the chain.
  const people = await page.locator('input[name=to]').evaluateAll((els) => els.map((e) => [e.value, e.checked]));
  assert.deepEqual(people, [['c-ana', true], ['c-tom', false], ['c-priya', false], ['c-daniel', false]]);

  await fill(page, { replyTo: 'sam@lumen-coffee.example' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const ack = page.getByRole('heading', { name: /We've got your message/ });
  await ack.waitFor();
  // Focus lands on the acknowledgement.
  assert.match(await focused(page, 'textContent'), /We've got your message/);

  const [req] = concerns();
  assert.equal(concerns().length, 1);
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.match(req.headers['idempotency-key'], UUID);
  assert.equal(req.headers['x-anonymous-key'], undefined);
  assert.deepEqual(JSON.parse(req.body), {
    to: 'c-priya',
    anonymous: false,
    topic: 'Deadlines',
    urgency: 'high',
    message: 'The video has slipped twice.',
    reply_to: 'sam@lumen-coffee.example',
  });

  // Reference, when received, to whom, and when to expect an answer (from respond_by).
  const card = page.locator('.cp-receipt');
  const text = await card.innerText();
  const answer = [...env.api.state.answered.values()][0].body;
  assert.ok(answer.reference);
  assert.ok(text.includes(`Reference\n${answer.reference}`), text);
  assert.match(text, /Sent to\s+Priya Nair/);
  assert.ok(text.includes(`Received\n${shown(answer.received_at)}`), text);
  assert.ok(text.includes(`Expect an answer by\n${shown(answer.respond_by)} · You'll hear back within 24 hours`), text);
  await assertAccessible(page, 'concern acknowledgement');
  await screenshot(page, 'concern-sent-1280');

  // The form is empty again, and the message is in "Your messages", also after a reload.
  assert.equal(await page.getByRole('textbox', { name: 'Your message' }).inputValue(), '');
  await page.reload();
  await waitForPortal(page);
  const mine = page.locator('.cp-sent li');
  assert.equal(await mine.count(), 1);
  const listed = await mine.innerText();
  assert.ok(listed.startsWith(`Deadlines · ${answer.reference}`), listed);
  assert.match(listed, /To Priya Nair, sent Mon 23 Nov/);
  assertNoProblems(page);
});

test('an anonymous concern carries no token, no name, no email, no referrer: only the anonymous key', async () => {
  const page = await newPage(env.browser);
  await openForm(page);
  await fill(page, { to: /Ana Ruiz/, replyTo: 'sam@lumen-coffee.example' });
  const toggle = page.getByRole('switch', { name: 'Send anonymously' });
  await toggle.check();
  // What the agency will and will not see, in plain words; no reply address offered.
  const explained = await page.locator('#cp-concern-anon-what').innerText();
  assert.match(explained, /They will see your message, its topic and urgency, who you chose, and that it came from someone at Lumen Coffee/);
  assert.match(explained, /They will not see your name, your email address/);
  assert.equal(await page.getByLabel(/Reply to this email address/).isVisible(), false);
  assert.equal(await page.getByText('Sent as Sam Okoro.').isVisible(), false);
  await assertAccessible(page, 'anonymous concern form');
  await screenshot(page, 'concern-anonymous-1280');

  // The first try fails: it waits in this tab's storage only, never the device's.
  env.api.state.faults.push({ method: 'POST', path: /^\/escalations$/, status: 503, body: { error: { code: 'down', message: 'Down.' } } });
  await page.getByRole('button', { name: 'Send anonymously', exact: true }).and(page.locator('[type=submit]')).click();
  await page.getByRole('heading', { name: /Not sent yet/ }).waitFor();
  const [local, session] = await stored(page);
  assert.ok(!local.includes('slipped twice'), local);
  assert.ok(session.includes('slipped twice'), session);
  await page.getByRole('button', { name: 'Try again now' }).first().click();
  await page.getByRole('heading', { name: /We've got your message/ }).waitFor();
  assert.match(await page.locator('.cp-receipt').innerText(), /Sent anonymously: your name and email address were not included/);

  const [, req] = concerns();
  const feed = env.api.state.portal;
  assert.equal(req.headers.authorization, undefined);
  assert.equal(req.headers.cookie, undefined);
  assert.equal(req.headers.referer, undefined);
  assert.equal(req.headers['x-anonymous-key'], feed.anonymous_key);
  const body = JSON.parse(req.body);
  assert.deepEqual(body, {
    to: 'c-ana',
    anonymous: true,
    topic: 'Deadlines',
    urgency: 'high',
    message: 'The video has slipped twice.',
  });
  // Nothing that names the viewer anywhere in what was sent.
  const everything = JSON.stringify(req.headers) + req.body;
  for (const who of [feed.viewer.name, feed.viewer.email, 'sam@lumen-coffee.example', TOKEN]) {
    assert.ok(!everything.includes(who), `the request must not contain ${who}`);
  }
  // Not listed, and no trace of it left in the browser.
  assert.equal(await page.locator('.cp-sent li').count(), 0);
  assert.ok(!(await storage(page)).includes('slipped twice'), 'no copy kept on the device');
  assertNoProblems(page);
});

test('without an anonymous key the switch is off, disabled and explained', async () => {
  delete env.api.state.portal.anonymous_key;
  const page = await newPage(env.browser);
  await openForm(page);
  const toggle = page.getByRole('switch', { name: 'Send anonymously' });
  assert.equal(await toggle.isDisabled(), true);
  assert.equal(await toggle.isChecked(), false);
  assert.match(
    await page.locator('#cp-concern-anon-what').innerText(),
    /Anonymous messages are not available: Harbour & Co has not turned them on\. You can still write to someone higher up\./,
  );
  await assertAccessible(page, 'concern form without anonymous');
});

test('every field says what is wrong, at the field, and nothing is sent', async () => {
  const page = await newPage(env.browser, { width: 390 });
  await openForm(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('Please say in a few words what it is about.').waitFor();
  await page.getByText('Please write your message.').waitFor();
  // Focus goes to the first field to fix, which announces its problem.
  assert.equal(await focused(page, 'id'), 'cp-concern-topic');
  assert.equal(await page.getByLabel('What is it about?').getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByLabel('What is it about?').getAttribute('aria-describedby'), /cp-concern-topic-error/);

  await fill(page, { message: 'x'.repeat(4001), replyTo: 'sam@' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('Please keep it to 4000 characters or fewer (it has 4001).').waitFor();
  await page.getByText("That doesn't look like an email address. Check it, or leave it empty.").waitFor();
  assert.equal(await page.getByText('Please say in a few words what it is about.').count(), 0);
  assert.equal(await focused(page, 'id'), 'cp-concern-message');
  assert.match(await page.locator('#cp-concern-message-count').innerText(), /4001 of 4000 characters/);
  await assertAccessible(page, 'concern form with errors');
  await screenshot(page, 'concern-errors-390');
  assert.equal(concerns().length, 0);
  assertNoProblems(page);
});

test('API failure: saved and shown as not sent, retried with the same key, delivered once', async () => {
  env.api.state.faults.push({ method: 'POST', path: /^\/escalations$/, status: 503, body: { error: { code: 'down', message: 'Down.' } } });
  const page = await newPage(env.browser);
  await openForm(page);
  await fill(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('heading', { name: /Not sent yet/ }).waitFor();
  // Saved on the device while it waits.
  assert.ok((await storage(page)).includes('slipped twice'));
  await page.getByRole('button', { name: 'Try again now' }).first().click();
  await page.getByRole('heading', { name: /We've got your message/ }).waitFor();
  const sent = concerns();
  assert.equal(sent.length, 2);
  assert.equal(sent[0].headers['idempotency-key'], sent[1].headers['idempotency-key']);
  assert.equal(env.api.state.writes.filter((w) => w.path === '/escalations').length, 1);
  assertNoProblems(page);
});

test("the anonymous choice comes first; once chosen, nothing typed reaches the device's storage", async () => {
  const page = await newPage(env.browser);
  await openForm(page);
  const order = await page.evaluate(() =>
    [...document.querySelector('[data-client-portal]').shadowRoot.querySelectorAll('.cp-concern input, .cp-concern textarea')].map((e) => e.name),
  );
  assert.equal(order[0], 'anonymous', order.join(', '));
  await page.getByRole('switch', { name: 'Send anonymously' }).check();
  await page.getByLabel('What is it about?').fill('A quiet topic');
  await page.getByRole('textbox', { name: 'Your message' }).fill('Only for this tab');
  const [local, session] = await stored(page);
  assert.ok(!local.includes('Only for this tab') && !local.includes('A quiet topic'), local);
  assert.ok(session.includes('Only for this tab'), session);
  // What it promises is what the browser can keep.
  assert.match(await page.locator('#cp-concern-anon-what').innerText(), /the portal does not send them\. Like any website, their server could still tell which network and browser a message came from/);
  assertNoProblems(page);
});

test('drafts come back after a reload; an anonymous draft only in this tab', async () => {
  const page = await newPage(env.browser);
  await openForm(page);
  await fill(page, { message: 'Half a thought about the edit', replyTo: 'sam@lumen-coffee.example' });
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByRole('textbox', { name: 'Your message' }).inputValue(), 'Half a thought about the edit');
  assert.equal(await page.getByLabel('What is it about?').inputValue(), 'Deadlines');
  assert.equal(await page.getByLabel(/Priya Nair/).isChecked(), true);
  assert.equal(await page.getByLabel('Urgent', { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel(/Reply to this email address/).inputValue(), 'sam@lumen-coffee.example');
  assert.match(await page.locator('#cp-concern-message-count').innerText(), /^29 of 4000 characters/);

  // Anonymous: moved out of the device's storage into this tab's, without the reply address.
  await page.getByRole('switch', { name: 'Send anonymously' }).check();
  await page.getByRole('textbox', { name: 'Your message' }).fill('Said quietly');
  const [local, session] = await stored(page);
  assert.ok(!local.includes('Said quietly') && !local.includes('Half a thought'), local);
  assert.ok(session.includes('Said quietly'), session);
  assert.ok(!session.includes('sam@lumen-coffee.example'), session);
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByRole('textbox', { name: 'Your message' }).inputValue(), 'Said quietly');
  assert.equal(await page.getByRole('switch', { name: 'Send anonymously' }).isChecked(), true);
  // A new tab (a new session) does not get it.
  const other = await page.context().newPage();
  await other.goto(env.agency('#/concern'));
  await waitForPortal(other);
  assert.equal(await other.getByRole('textbox', { name: 'Your message' }).inputValue(), '');
});

test('reachable everywhere, pre-filled from a deliverable or approval, and done by keyboard alone', async () => {
  const page = await newPage(env.browser, { width: 390 });
  await page.goto(env.agency('#/deliverables'));
  await waitForPortal(page);
  assert.equal(await page.getByRole('link', { name: "Something's not right?" }).count(), 1);
  await page.goto(env.agency('#/approvals/a-home-3'));
  await waitForPortal(page);
  await page.getByRole('link', { name: 'Raise a concern about this' }).click();
  await page.getByRole('heading', { level: 1, name: "Something's not right?" }).waitFor();
  assert.equal(await page.getByLabel('What is it about?').inputValue(), 'Homepage redesign — final design (v3)');
  await assertAccessible(page, 'concern form at 390');
  await screenshot(page, 'concern-390');

  // Keyboard only: choose the backup, urgent, write, send.
  await tabTo(page, /cp-concern-to-0/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel(/Tom Becker/).isChecked(), true);
  await tabTo(page, /cp-concern-urgency-/);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByLabel('Urgent', { exact: true }).isChecked(), true);
  await tabTo(page, /cp-concern-message/);
  await page.keyboard.type('The headline is still wrong.');
  await tabTo(page, /cp-concern-send/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /We've got your message/ }).waitFor();
  const body = JSON.parse(concerns()[0].body);
  assert.equal(body.to, 'c-tom');
  assert.equal(body.urgency, 'high');
  assert.equal(body.topic, 'Homepage redesign — final design (v3)');
  assertNoProblems(page);
});

test('demo agency: a concern is acknowledged with a reference and the promised time', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.host.origin}/portal/#/concern`);
  await waitForPortal(page);
  await fill(page, { to: /Daniel Okafor/ });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('heading', { name: /We've got your message/ }).waitFor();
  const text = await page.locator('.cp-receipt').innerText();
  assert.match(text, /Reference\s+ESC-[0-9A-F]{8}/);
  assert.match(text, /Sent to\s+Daniel Okafor/);
  assert.match(text, /Expect an answer by\s+Tue 24 Nov(,| at) 11:00/);
  assert.equal(await page.locator('.cp-sent li').count(), 1);
  assertNoProblems(page);
});
