// Deciding on approvals and leaving feedback, against the agency API double
// and in demo mode; with the failures a real connection has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN } from './support/api-double.mjs';
import { useAgency } from './support/agency.mjs';
import { personKey } from './support/storage.mjs';
import { newPage, assertAccessible, assertNoProblems, tabTo, waitForPortal, screenshot, focused, shownText } from './support/browser.mjs';

const env = useAgency();
const agency = (hash) => env.agency(hash);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const decisions = () => env.api.calls().filter((r) => r.method === 'POST' && r.path.endsWith('/decision'));

async function openApproval(page, id = 'a-home-3') {
  await page.goto(agency(`#/approvals/${id}`));
  await waitForPortal(page);
}

async function openDeliverable(page, id = 'd-homepage') {
  await page.goto(agency(`#/deliverables/${id}`));
  await waitForPortal(page);
}

/** Decide, confirm in the dialog, and skip the undo window. */
async function decideAndSend(page, button, yes, options) {
  await decide(page, button, options);
  await page.getByRole('dialog').getByRole('button', { name: yes }).click();
  await page.getByRole('button', { name: 'Send now' }).click();
}

async function decide(page, button, { comment } = {}) {
  if (comment !== undefined) await page.getByLabel('Comment for the team').fill(comment);
  await page.getByRole('button', { name: button, exact: true }).click();
}

test('approve: confirmation names it, undo window, exact request, receipt, counts update', async () => {
  const page = await newPage(env.browser);
  await openApproval(page);
  // The review screen: the asset, its version, due date and consequence.
  await page.getByRole('heading', { name: 'v3 — the one to approve' }).waitFor();
  assert.equal(await page.locator('img.cp-asset:visible').getAttribute('alt'), 'Preview of v3');
  assert.equal(await page.locator('img.cp-asset:visible').count(), 1);
  assert.match(await page.locator('#cp-main').innerText(), /If this is late: If we don't hear from you by Wednesday/);
  await assertAccessible(page, 'review screen');
  await screenshot(page, 'approval-review-1280');
  // Earlier versions can be looked at.
  await page.getByRole('button', { name: 'v1' }).click();
  await page.getByRole('heading', { name: 'v1', exact: true }).waitFor();
  assert.equal(await page.locator('img.cp-asset:visible').getAttribute('alt'), 'Preview of v1');
  await page.getByRole('button', { name: 'v3 ✓' }).click();

  await decide(page, 'Approve');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Approve v3 of Homepage redesign?' }).waitFor();
  // A double click on "Yes" sends one request.
  await dialog.getByRole('button', { name: 'Yes, approve' }).dblclick();
  await page.getByText(/Sending your decision in \d+ seconds?/).waitFor();
  assert.equal(decisions().length, 0, 'nothing is sent during the undo window');
  // Already shown as approved everywhere, before it is even sent.
  assert.equal(await page.locator('.cp-nav .cp-count').count(), 1);
  await page.getByRole('button', { name: 'Send now' }).click();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();

  const sent = decisions();
  assert.equal(sent.length, 1);
  assert.equal(sent[0].headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(sent[0].headers['content-type'], 'application/json');
  assert.match(sent[0].headers['idempotency-key'], UUID);
  assert.deepEqual(JSON.parse(sent[0].body), { decision: 'approve', version_id: 'v-home-3' });

  const receipt = await page.locator('.cp-receipt').innerText();
  assert.match(receipt, /What\s+Homepage redesign — final design/);
  assert.match(receipt, /Version\s+v3/);
  assert.match(receipt, /Decision\s+Approved/);
  assert.match(receipt, /By\s+Sam Okoro/);
  // The reference the agency's API gave the decision.
  const { reference } = [...env.api.state.answered.values()][0].body.decision;
  assert.ok(reference);
  assert.match(receipt, new RegExp(`Reference\\s+${reference}`));
  await assertAccessible(page, 'receipt screen');
  await screenshot(page, 'approval-receipt-1280');
  // Cannot be decided twice.
  assert.equal(await page.getByRole('button', { name: 'Approve', exact: true }).count(), 0);

  // Everything else follows without a reload.
  await page.locator('.cp-nav a', { hasText: 'Overview' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hello, Sam' }).waitFor();
  assert.equal(await page.locator('.cp-owed .cp-number').innerText(), '3');
  await page.locator('.cp-nav a', { hasText: 'Deliverables' }).click();
  // Waiting until it is shown: a card's text reads as empty until the
  // browser has laid it out (content-visibility: auto).
  const card = page.locator('.cp-deliverable', { hasText: 'Homepage redesign' });
  await card.locator('.cp-facts div', { hasText: 'Status' }).getByText('Approved', { exact: true }).waitFor();
  assert.match(await shownText(card), /Status\s+Approved/);
  assert.equal(env.api.calls().filter((r) => r.path === '/portal').length, 1, 'no reload of the feed was needed');
  assertNoProblems(page);
});

test('request changes: an empty comment is refused at the field; a real one is sent', async () => {
  const page = await newPage(env.browser);
  await openApproval(page);
  await decide(page, 'Request changes', { comment: '   ' });
  const error = page.locator('#cp-decision-comment-error');
  assert.equal(await error.innerText(), 'Please say what should change, so the team can act on it.');
  assert.equal(await page.getByLabel('Comment for the team').getAttribute('aria-invalid'), 'true');
  assert.equal(await focused(page, 'id'), 'cp-decision-comment');
  assert.equal(await page.getByRole('dialog').count(), 0);

  await decide(page, 'Request changes', { comment: 'The button should be green.' });
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Ask for changes to v3 of Homepage redesign?' }).waitFor();
  assert.match(await dialog.innerText(), /The button should be green\./);
  await dialog.getByRole('button', { name: 'Yes, ask for changes' }).click();
  await page.getByRole('button', { name: 'Send now' }).click();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.deepEqual(JSON.parse(decisions()[0].body), {
    decision: 'request_changes',
    version_id: 'v-home-3',
    comment: 'The button should be green.',
  });
  assert.match(await page.locator('.cp-receipt').innerText(), /Comment\s+The button should be green\./);
  assertNoProblems(page);
});

test('undo within the window sends nothing and keeps the comment; waiting sends it', async () => {
  const page = await newPage(env.browser, { clock: 'controlled' });
  await openApproval(page);
  await decide(page, 'Request changes', { comment: 'Bigger logo' });
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, ask for changes' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.getByLabel('Comment for the team').inputValue(), 'Bigger logo');
  await page.clock.fastForward(15000);
  assert.equal(decisions().length, 0);

  await decide(page, 'Approve');
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, approve' }).click();
  await page.clock.fastForward(11000);
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.equal(decisions().length, 1);
  assertNoProblems(page);
});

test('API answers 500, then 200: exactly one decision, same idempotency key', async () => {
  env.api.state.faults.push({ method: 'POST', status: 500, body: { error: { code: 'oops', message: 'Internal error' } } });
  const page = await newPage(env.browser);
  await openApproval(page);
  await decideAndSend(page, 'Approve', 'Yes, approve', { comment: 'Lovely' });
  await page.locator('.cp-queued').getByText('Not sent yet. It is saved on this device').waitFor();
  await page.getByText('1 change is not sent yet.').waitFor();
  await page.getByRole('button', { name: 'Try again now' }).first().click();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  const tries = decisions();
  assert.equal(tries.length, 2);
  assert.equal(tries[0].headers['idempotency-key'], tries[1].headers['idempotency-key']);
  assert.equal(env.api.state.writes.length, 1, 'exactly one decision recorded');
  assert.equal(await page.getByText('1 change is not sent yet.').count(), 0);
  assertNoProblems(page);
});

test('API unreachable: the decision waits in the outbox and goes out when the connection returns', async () => {
  const page = await newPage(env.browser);
  await openApproval(page);
  await page.context().setOffline(true);
  await decideAndSend(page, 'Approve', 'Yes, approve');
  await page.getByText('1 change is not sent yet.').waitFor();
  assert.equal(env.api.state.writes.length, 0);
  await page.context().setOffline(false);
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.equal(env.api.state.writes.length, 1);
  assertNoProblems(page);
});

test('reload with an unsent decision: still queued, then sent', async () => {
  const page = await newPage(env.browser);
  await openApproval(page);
  env.api.state.down = true;
  await decideAndSend(page, 'Approve', 'Yes, approve');
  await page.getByText('1 change is not sent yet.').waitFor();
  env.api.state.down = false;
  await page.reload();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.equal(env.api.state.writes.length, 1);
  const outbox = personKey('client-portal:outbox:v3', env.api.origin, TOKEN);
  assert.equal(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)).length, outbox), 0);
  assertNoProblems(page);
});

test('409: a clear message, the feed refreshed, nothing typed lost', async () => {
  env.api.state.faults.push({ method: 'POST', status: 409, body: { error: { code: 'already_decided', message: 'Your colleague Lee approved this an hour ago.' } } });
  const page = await newPage(env.browser);
  await openApproval(page);
  await decideAndSend(page, 'Approve', 'Yes, approve');
  const problem = page.locator('.cp-problem');
  await problem.getByRole('heading', { name: 'Someone already took care of this' }).waitFor();
  assert.match(await problem.innerText(), /Your colleague Lee approved this an hour ago\./);
  assert.equal(env.api.calls().filter((r) => r.path === '/portal').length, 2, 'the feed is fetched again');
  await problem.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await page.locator('.cp-problem').count(), 0);
  assertNoProblems(page);
});

test('a decision the agency refuses: its message shown, the comment given back', async () => {
  env.api.state.faults.push({ method: 'POST', status: 422, body: { error: { code: 'closed', message: 'This round of feedback has closed.' } } });
  const page = await newPage(env.browser);
  await openApproval(page);
  await decideAndSend(page, 'Request changes', 'Yes, ask for changes', { comment: 'Please use the darker roast photo' });
  const problem = page.locator('.cp-problem');
  await problem.getByRole('heading', { name: "That didn't go through" }).waitFor();
  assert.match(await problem.innerText(), /This round of feedback has closed\./);
  // Back to deciding, with the words still there.
  assert.equal(await page.getByLabel('Comment for the team').inputValue(), 'Please use the darker roast photo');
  assertNoProblems(page);
});

test('comments: sent with the contract body, shown in the thread; drafts survive a reload', async () => {
  const page = await newPage(env.browser);
  await openDeliverable(page);
  const box = page.getByLabel('Add a comment');
  await box.fill('Half-typed thought');
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByLabel('Add a comment').inputValue(), 'Half-typed thought');
  assert.match(await page.locator('#cp-comment-count').innerText(), /18 of 2000 characters/);

  await page.getByRole('button', { name: 'Send comment' }).click();
  // An empty comment is refused.
  await page.getByText('Half-typed thought').last().waitFor();
  const comments = env.api.calls().filter((r) => r.path === '/deliverables/d-homepage/comments');
  assert.equal(comments.length, 1);
  assert.deepEqual(JSON.parse(comments[0].body), { body: 'Half-typed thought' });
  assert.match(comments[0].headers['idempotency-key'], UUID);
  assert.equal(await page.getByLabel('Add a comment').inputValue(), '');
  const draft = personKey('client-portal:draft:comment:d-homepage', env.api.origin, TOKEN);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), draft), null);

  // The version chosen is part of the draft: the page drawn again when an
  // answer arrives, and a reload, keep it.
  await page.getByLabel('About').selectOption({ label: 'v2' });
  await page.locator('.cp-comment', { hasText: 'Half-typed thought' }).filter({ hasNotText: 'Not sent yet' }).waitFor();
  assert.equal(await page.getByLabel('About').inputValue(), 'v-home-2');
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByLabel('About').inputValue(), 'v-home-2');
  await page.getByRole('button', { name: 'Send comment' }).click();
  assert.equal(await page.locator('#cp-comment-error').innerText(), 'Write a comment first.');
  await page.getByLabel('Add a comment').fill('On the older one');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await page.locator('.cp-comment', { hasText: 'On the older one' }).waitFor();
  const last = env.api.calls().filter((r) => r.path === '/deliverables/d-homepage/comments').at(-1);
  assert.deepEqual(JSON.parse(last.body), { body: 'On the older one', version_id: 'v-home-2' });
  // Sent: the next comment starts about the whole deliverable again.
  await page.locator('.cp-comment', { hasText: 'On the older one' }).filter({ hasNotText: 'Not sent yet' }).waitFor();
  assert.equal(await page.getByLabel('About').inputValue(), '');
  assertNoProblems(page);
});

test('comments: the version chosen is kept while an earlier comment is on its way, and comes back with a refused comment', async () => {
  const page = await newPage(env.browser);
  await openDeliverable(page);
  // Hold the first comment's answer until the next one is being written.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/deliverables/d-homepage/comments', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel('Add a comment').fill('First thought');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await page.locator('.cp-comment', { hasText: 'First thought' }).waitFor();
  await page.getByLabel('About').selectOption({ label: 'v2' });
  await page.getByLabel('Add a comment').fill('Second thought, on v2');
  release();
  await page.locator('.cp-comment', { hasText: 'First thought' }).filter({ hasNotText: 'Not sent yet' }).waitFor();
  assert.equal(await page.getByLabel('About').inputValue(), 'v-home-2');
  assert.equal(await page.getByLabel('Add a comment').inputValue(), 'Second thought, on v2');
  await page.unroute('**/deliverables/d-homepage/comments');
  // Refused by the agency: the words and the version both come back.
  env.api.state.faults.push({ method: 'POST', path: /\/comments$/, status: 422, body: { error: { code: 'closed', message: 'Comments on this page are closed.' } } });
  await page.getByRole('button', { name: 'Send comment' }).click();
  await page.getByText('Comments on this page are closed.').waitFor();
  const box = page.getByLabel('Add a comment');
  for (let i = 0; i < 50 && !(await box.inputValue()).includes('Second thought'); i++) await page.waitForTimeout(100);
  assert.equal(await box.inputValue(), 'Second thought, on v2');
  assert.equal(await page.getByLabel('About').inputValue(), 'v-home-2');
  // A version that is gone from the deliverable is not offered back.
  const about = personKey('client-portal:draft:comment-version:d-homepage', env.api.origin, TOKEN);
  await page.evaluate((key) => localStorage.setItem(key, 'v-gone'), about);
  await page.reload();
  await waitForPortal(page);
  assert.equal(await page.getByLabel('About').inputValue(), '');
  assertNoProblems(page);
});

test('keyboard only: review, decide and confirm an approval without a mouse', async () => {
  const page = await newPage(env.browser);
  await page.goto(agency('#/approvals'));
  await waitForPortal(page);
  await tabTo(page, /Homepage redesign — final design/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Homepage redesign — final design' }).waitFor();
  await tabTo(page, /^Approve$/);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  // Focus is inside the dialog, on its first button.
  assert.equal(await focused(page, 'textContent'), 'Yes, approve');
  await page.keyboard.press('Enter');
  // Focus lands on Undo in the countdown; Send now is the next stop.
  await page.getByRole('button', { name: 'Undo' }).waitFor();
  assert.equal(await focused(page, 'textContent'), 'Undo');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page, 'textContent'), 'Send now');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.equal(env.api.state.writes.length, 1);
  assertNoProblems(page);
});

test('demo mode: decide and comment, kept after a reload', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.host.origin}/portal/#/approvals/a-news-2`);
  await waitForPortal(page);
  await decideAndSend(page, 'Request changes', 'Yes, ask for changes', { comment: 'Use the autumn photo' });
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.match(await page.locator('.cp-receipt').innerText(), /Reference\s+DEMO-/);
  await page.reload();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  await page.goto(`${env.host.origin}/portal/#/deliverables/d-video`);
  await page.getByLabel('Add a comment').fill('Can we see a storyboard?');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await page.locator('.cp-comment', { hasText: 'Can we see a storyboard?' }).waitFor();
  await page.reload();
  await page.locator('.cp-comment', { hasText: 'Can we see a storyboard?' }).waitFor();
  assertNoProblems(page);
});
