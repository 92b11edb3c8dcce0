// The portal against the reference API server (server/) on SQLite: the
// same flows the API double checks, here on a real database, a real token
// and the agency's own tools reading what came in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { startServer } from './support/server.mjs';
import { startStaticHost } from './support/static-host.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { launch, newPage, waitForPortal, assertNoProblems, assertAccessible, screenshot } from './support/browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A webhook receiver on loopback. */
async function receiver() {
  const got = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    got.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    res.writeHead(204).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, got, close: () => server.close() };
}

/** A decision made by another person, straight through the API. */
function decideAs(server, token, approval, version, key) {
  const body = JSON.stringify({ decision: 'approve', version_id: version });
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.api}/approvals/${approval}/decision`,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function until(check, what, ms = 15000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function approveHome(page) {
  await page.getByRole('heading', { level: 1, name: 'Homepage redesign — final design' }).waitFor();
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, approve' }).click();
  await page.getByRole('button', { name: 'Send now' }).click();
}

test('one address: the personal link opens the portal on the database; a decision is stored, listed and delivered', async () => {
  const hook = await receiver();
  const server = await startServer({ feed: agencyFeed(), site: 'dist', webhook: hook.url });
  try {
    const token = server.token();
    const page = await newPage(browser);
    await page.goto(`${server.origin}/#token=${token}`);
    await waitForPortal(page);
    await page.getByRole('heading', { level: 1, name: 'Hello, Sam' }).waitFor();
    // The token left the address bar at once.
    assert.ok(!page.url().includes(token), page.url());
    await screenshot(page, 'server-overview-1280');

    await page.goto(`${server.origin}/#/approvals/a-home-3`);
    await approveHome(page);
    await page.getByRole('heading', { name: 'Receipt' }).waitFor();
    const receipt = await page.locator('.cp-receipt').innerText();
    assert.match(receipt, /Decision\s+Approved/);
    assert.match(receipt, /By\s+Sam Okoro/);
    const reference = receipt.match(/Reference\s+(DEC-2026-[0-9A-Z]{6})/)?.[1];
    assert.ok(reference, receipt);
    await assertAccessible(page, 'receipt from the server');

    // Stored: after a reload the approval is decided, from the database.
    await page.reload();
    await waitForPortal(page);
    await page.getByRole('heading', { level: 1, name: 'Homepage redesign — final design' }).waitFor();
    await page.getByText(/Approved/).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Approve', exact: true }).count(), 0);

    // The agency's list of what came in, and its webhook.
    const rows = server.inbox();
    assert.equal(rows.length, 1);
    const [, client, kind, from, subject, , ref] = rows[0];
    assert.deepEqual([client, kind, from, subject, ref], ['agency', 'decision', 'Sam Okoro', 'Homepage redesign — final design: approved', reference]);
    await until(() => hook.got.length === 1, 'the webhook');
    assert.equal(hook.got[0].body.data.reference, reference);
    assert.match(hook.got[0].headers['x-portal-signature'], /^sha256=[0-9a-f]{64}$/);
    assertNoProblems(page);
  } finally {
    await server.close();
    hook.close();
  }
});

test('embedded on the agency page across origins: comments and concerns, named and anonymous, reach the database', async () => {
  // The host's origin is known once it listens; its page learns the API's
  // address from a late-bound attribute set below.
  const pages = { agency: {} };
  const host = await startStaticHost('dist', pages);
  const allowed = await startServer({ feed: agencyFeed(), allowOrigins: [host.origin] });
  Object.assign(pages.agency, { 'data-api': allowed.api, 'data-token': allowed.token() });
  const token2 = pages.agency['data-token'];
  try {
      const page = await newPage(browser);
      await page.goto(`${host.origin}/agency/#/deliverables/d-homepage`);
      await waitForPortal(page);
      await page.getByLabel('Add a comment').fill('Could the photos be warmer?');
      await page.getByRole('button', { name: 'Send comment' }).click();
      await page.locator('.cp-comment', { hasText: 'Could the photos be warmer?' }).waitFor();

      await page.goto(`${host.origin}/agency/#/concern`);
      await page.getByRole('heading', { level: 1, name: "Something's not right?" }).waitFor();
      await page.getByLabel(/Priya Nair/).check();
      await page.getByLabel('What is it about?').fill('Deadlines');
      await page.getByRole('textbox', { name: 'Your message' }).fill('The video has slipped twice.');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('heading', { name: /We've got your message/ }).waitFor();
      assert.match(await page.locator('.cp-receipt').innerText(), /ESC-2026-[0-9A-Z]{6}/);

      await page.goto(`${host.origin}/agency/#/concern`);
      await page.getByRole('heading', { level: 1, name: "Something's not right?" }).waitFor();
      await page.getByLabel(/Daniel Okafor/).check();
      await page.getByLabel('What is it about?').fill('Tone');
      await page.getByRole('textbox', { name: 'Your message' }).fill('Calls feel rushed.');
      await page.getByRole('switch', { name: 'Send anonymously' }).check();
      await page.getByRole('button', { name: 'Send anonymously', exact: true }).and(page.locator('[type=submit]')).click();
      await page.locator('.cp-receipt', { hasText: 'Sent anonymously' }).waitFor();
      assertNoProblems(page);

      const rows = allowed.inbox().map(([, , kind, from, subject, text]) => [kind, from, subject, text]);
      assert.deepEqual(rows, [
        ['comment', 'Sam Okoro', 'comment on Homepage redesign', 'Could the photos be warmer?'],
        ['escalation', 'Sam Okoro', 'to Priya Nair (normal, c-priya): Deadlines', 'The video has slipped twice.'],
        ['escalation', '(anonymous)', 'to Daniel Okafor (normal, c-daniel): Tone', 'Calls feel rushed.'],
      ]);
      // Nothing of the person in the server's log.
      assert.ok(!allowed.log().includes(token2));
  } finally {
    await allowed.close();
    await host.close();
  }
});

test("a page on an origin the server does not allow is told plainly it can't reach the agency", async () => {
  const server = await startServer({ feed: agencyFeed(), allowOrigins: ['https://www.northwind.example'] });
  const host = await startStaticHost('dist', { agency: { 'data-api': server.api, 'data-token': server.token() } });
  try {
    const page = await newPage(browser);
    await page.goto(`${host.origin}/agency/`);
    await page.getByRole('alert').getByRole('heading', { name: "We can't reach the agency right now" }).waitFor();
  } finally {
    await host.close();
    await server.close();
  }
});

test('a revoked link says so and names who to ask; a decision taken by a colleague first is explained', async () => {
  const server = await startServer({ feed: agencyFeed(), site: 'dist' });
  try {
    const sam = server.token('Sam Okoro');
    const lee = server.token('Lee Park');
    // Lee approves first, through the API.
    assert.equal(await decideAs(server, lee, 'a-home-3', 'v-home-3', 'lee-1'), 200);

    // Sam's page was loaded before that and still offers the decision.
    const page = await newPage(browser);
    await page.goto(`${server.origin}/#token=${sam}`);
    await waitForPortal(page);
    await page.goto(`${server.origin}/#/approvals/a-news-2`);
    await page.getByRole('heading', { level: 1, name: 'Newsletter templates — second round' }).waitFor();
    assert.equal(await decideAs(server, lee, 'a-news-2', 'v-news-2', 'lee-2'), 200);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, approve' }).click();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('heading', { name: 'Someone already took care of this' }).waitFor();
    assert.match(await page.locator('#cp-main').innerText(), /This approval has already been decided\./);

    server.revokeAll();
    const fresh = await newPage(browser);
    await fresh.goto(`${server.origin}/#token=${sam}`);
    const alert = fresh.getByRole('alert');
    await alert.getByRole('heading', { name: 'This link has expired or is not valid' }).waitFor();
    assert.match(await alert.innerText(), /Ask Ana Ruiz for a new link/);
    await screenshot(fresh, 'server-revoked-1280');
  } finally {
    await server.close();
  }
});
