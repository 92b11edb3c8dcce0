// What an API that fails in odd ways, or storage that was damaged, does to
// the client: never a page stuck loading, never a write stuck behind
// another, never an outbox that stops sending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useAgency } from './support/agency.mjs';
import { TOKEN } from './support/api-double.mjs';
import { personKey } from './support/storage.mjs';
import { NOW, newPage, assertNoProblems, waitForPortal, screenshot } from './support/browser.mjs';

// A second person's page: the same API, another person's token.
const env = useAgency((api) => ({ 'agency-b': { 'data-api': api, 'data-token': 'token-b' } }));
/** The key of this person's `key` (the agency page's API and token). */
const mine = (key) => personKey(key, env.api.origin, TOKEN);
const posts = (suffix) => env.api.calls().filter((r) => r.method === 'POST' && r.path.endsWith(suffix));
const TIMEOUT_MS = 30_000;

/** A fresh page (own storage) on the agency page at `hash`, the portal drawn. */
async function open(hash, options) {
  const page = await newPage(env.browser, options);
  await page.goto(env.agency(hash));
  await waitForPortal(page);
  return page;
}

/** Approve the approval on screen and confirm it (its undo window starts). */
async function approve(page) {
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, approve' }).click();
}

test('an API that never answers: after 30 seconds the page says so, and trying again works', async () => {
  env.api.state.faults.push({ method: 'GET', path: /\/portal$/, hang: true });
  const page = await newPage(env.browser, { clock: 'controlled' });
  await page.goto(env.agency('#/'));
  await page.getByText('Loading your portal').first().waitFor();
  await page.clock.fastForward(TIMEOUT_MS + 1000);
  await page.getByRole('heading', { name: "We can't reach the agency right now" }).waitFor();
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: /^Hello, / }).waitFor();
  assertNoProblems(page);
});

test('a write that hangs is given up on and sent again with its key; the writes behind it go meanwhile', async () => {
  const page = await open('#/deliverables/d-homepage', { clock: 'controlled' });
  env.api.state.faults.push({ method: 'POST', path: /\/comments$/, hang: true });
  await page.getByLabel('Add a comment').fill('Stuck on the way');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await waitUntil(() => posts("/comments").length === 1);

  await page.goto(env.agency('#/approvals/a-home-3'));
  await approve(page);
  await page.getByRole('button', { name: 'Send now' }).click();
  await page.clock.fastForward(TIMEOUT_MS + 1000);
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.equal(posts('/decision').length, 1);

  // The comment is tried again after a short wait, with the same key, and
  // is recorded once.
  await page.clock.fastForward(5000);
  await waitUntil(() => env.api.state.writes.some((w) => w.path.endsWith('/comments')));
  const tries = posts('/comments');
  assert.equal(tries.length, 2);
  assert.equal(tries[0].headers['idempotency-key'], tries[1].headers['idempotency-key']);
  assert.equal(env.api.state.writes.length, 2);
  assertNoProblems(page);
});

test('a write the API takes (200) but answers unreadably: told so, never sent again, nothing put back to send twice', async () => {
  const page = await open('#/approvals/a-home-3');
  env.api.state.faults.push({ method: 'POST', path: /\/decision$/, status: 200, body: '<html>Thanks!</html>', raw: true });
  await page.getByLabel('Comment for the team').fill('Ship it');
  await approve(page);
  await page.getByRole('button', { name: 'Send now' }).click();
  await page.getByText("Sent, but the agency's answer could not be read").waitFor();
  await screenshot(page, 'write-unconfirmed-1280');
  assert.equal(posts('/decision').length, 1);
  assert.equal(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)).length, mine('client-portal:outbox:v3')), 0);
  // The comment is not handed back to be sent a second time.
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), mine('client-portal:draft:decision:a-home-3')), null);
  assert.equal(await page.getByRole('button', { name: 'Try again now' }).count(), 0);
  assert.equal(posts('/decision').length, 1);
  assertNoProblems(page);
});

test('a write saved as due years ahead (a wrong clock, damaged storage) is sent within a minute, and so is the next', async () => {
  const page = await open('#/', { clock: 'controlled' });
  const years = 10 * 365 * 86_400_000;
  const saved = (key, approval, version, due) => ({
    key,
    write: { decision: { approval_id: approval, body: { decision: 'approve', version_id: version } } },
    made_at: NOW.getTime(),
    not_before: due,
    attempts: 0,
  });
  await page.evaluate(
    ([key, items]) => localStorage.setItem(key, JSON.stringify(items)),
    [mine('client-portal:outbox:v3'), [saved('k-far', 'a-home-3', 'v-home-3', NOW.getTime() + years), { damaged: true }]],
  );
  await page.reload();
  await waitForPortal(page);
  assert.equal(posts('/decision').length, 0);
  await page.clock.fastForward(61_000);
  await waitUntil(() => env.api.state.writes.length === 1);
  assert.equal(env.api.state.writes[0].key, 'k-far');
  // Taken out of the outbox once the answer has been read (a moment after
  // the API recorded it).
  const left = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)).length, mine('client-portal:outbox:v3'));
  for (let i = 0; i < 100 && (await left()) !== 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await left(), 0);
  assertNoProblems(page);
});

test('storage full: what was just typed is what comes back, never an older draft', async () => {
  const page = await open('#/deliverables/d-homepage');
  await page.evaluate((key) => {
    localStorage.setItem(key, "Last week's thought, never sent");
    // Fill the rest of the origin's storage to the brim.
    for (let size = 1 << 20, i = 0; size >= 1; ) {
      try {
        localStorage.setItem(`junk-${i++}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  }, mine('client-portal:draft:comment:d-homepage'));
  await page.reload();
  await waitForPortal(page);
  const box = page.getByLabel('Add a comment');
  assert.equal(await box.inputValue(), "Last week's thought, never sent");
  await box.fill('What I typed just now, which is a good deal longer than the old draft');
  await page.getByRole('link', { name: 'Deliverables', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Deliverables' }).waitFor();
  await page.goBack();
  assert.equal(await page.getByLabel('Add a comment').inputValue(), 'What I typed just now, which is a good deal longer than the old draft');
  assertNoProblems(page);
});

test("a shared browser: the next person sees none of the last one's drafts or unsent writes, and none is sent with their token", async () => {
  env.api.state.acceptedTokens.add('token-b');
  const a = await open('#/deliverables/d-homepage');
  env.api.state.down = true;
  await a.getByLabel('Add a comment').fill("A's note to the agency");
  await a.getByRole('button', { name: 'Send comment' }).click();
  await a.getByText('1 change is not sent yet.').waitFor();
  await a.getByLabel('Add a comment').fill("A's half-typed thought");
  await a.close();
  env.api.state.down = false;

  // The next person, in the same browser, with their own link.
  const b = await a.context().newPage();
  await b.goto(`${env.host.origin}/agency-b/#/deliverables/d-homepage`);
  await waitForPortal(b);
  assert.equal(await b.getByLabel('Add a comment').inputValue(), '');
  assert.equal(await b.getByText("A's note").count(), 0);
  assert.equal(await b.getByText('not sent yet').filter({ visible: true }).count(), 0);
  await b.waitForTimeout(1000);
  assert.equal(env.api.calls().filter((r) => r.method === 'POST').length, 0, 'nothing sent with the wrong token');
  await b.close();

  // The first person comes back: their draft, and their note goes out with their own token.
  const back = await a.context().newPage();
  await back.goto(env.agency('#/deliverables/d-homepage'));
  await waitForPortal(back);
  assert.equal(await back.getByLabel('Add a comment').inputValue(), "A's half-typed thought");
  await waitUntil(() => env.api.state.writes.length === 1);
  const [sent] = env.api.calls().filter((r) => r.method === 'POST');
  assert.equal(sent.headers.authorization, `Bearer ${TOKEN}`);
  assert.deepEqual(JSON.parse(sent.body), { body: "A's note to the agency" });
});

/** A second tab of the same browser (same storage), on `hash`. */
async function secondTab(page, hash) {
  const tab = await page.context().newPage();
  tab.problems = [];
  tab.on('pageerror', (e) => tab.problems.push(`page error: ${e.message}`));
  await tab.goto(env.agency(hash));
  await waitForPortal(tab);
  return tab;
}

test('two tabs, API down: each queues a comment, both are kept and both are delivered once', async () => {
  const one = await open('#/deliverables/d-homepage');
  const two = await secondTab(one, '#/deliverables/d-homepage');
  env.api.state.down = true;
  for (const [tab, text] of [[one, 'From the first tab'], [two, 'From the second tab']]) {
    await tab.getByLabel('Add a comment').fill(text);
    await tab.getByRole('button', { name: 'Send comment' }).click();
    await tab.getByText('1 change is not sent yet.').or(tab.getByText('2 changes are not sent yet.')).first().waitFor();
  }
  const saved = await one.evaluate((key) => JSON.parse(localStorage.getItem(key)).map((p) => p.write.comment.body.body), mine('client-portal:outbox:v3'));
  assert.deepEqual(saved.sort(), ['From the first tab', 'From the second tab']);
  await two.close();
  env.api.state.down = false;
  await one.reload();
  await waitUntil(() => env.api.state.writes.length === 2);
  assert.deepEqual(env.api.state.writes.map((w) => w.body.body).sort(), ['From the first tab', 'From the second tab']);
  assert.equal(posts('/comments').length, 2);
  assertNoProblems(one);
});

test('two tabs: undo in one stops the other from sending; a write due in both is applied once', async () => {
  const one = await open('#/approvals/a-home-3', { clock: 'controlled' });
  await approve(one);
  const two = await secondTab(one, '#/approvals');
  await one.getByRole('button', { name: 'Undo' }).click();
  await one.context().clock.fastForward(15_000);
  await one.waitForTimeout(300);
  assert.equal(posts('/decision').length, 0, 'taken back in one tab, not sent by the other');

  // Decided again; both tabs hold it when it falls due.
  await approve(one);
  await two.reload();
  await waitForPortal(two);
  await one.context().clock.fastForward(11_000);
  await waitUntil(() => env.api.state.writes.length === 1);
  // Whichever tab sent it, both show it decided.
  for (const tab of [one, two]) await tab.getByText('Approved').first().waitFor();
  await one.context().clock.fastForward(61_000);
  await one.waitForTimeout(300);
  // Applied once. The lock lets one tab send at a time, but storage can
  // reach the other tab a moment after the lock does: then it sends the
  // same write again, with the same key, and gets the first answer.
  assert.equal(env.api.state.writes.length, 1);
  const keys = new Set(posts('/decision').map((r) => r.headers['idempotency-key']));
  assert.equal(keys.size, 1, 'one key across both tabs');
  assert.deepEqual([...one.problems, ...two.problems], []);
});

test('no lock to be had (Web Locks refusing, as in an opaque origin): writes are still sent', async () => {
  const page = await newPage(env.browser);
  await page.addInitScript(() => {
    if (navigator.locks) navigator.locks.request = () => Promise.reject(new DOMException('No locks here', 'SecurityError'));
  });
  await page.goto(env.agency('#/approvals/a-home-3'));
  await waitForPortal(page);
  await approve(page);
  await page.getByRole('button', { name: 'Send now' }).click();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
  assert.equal(posts('/decision').length, 1);
  assertNoProblems(page);
});

/** Poll the test's own state (not the page's clock) until `ok()` holds. */
async function waitUntil(ok, ms = 10_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${ok}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
