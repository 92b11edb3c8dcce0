// The portal against the agency API double: another origin, real CORS,
// real HTTP failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN } from './support/api-double.mjs';
import { useAgency, AGAINST_SERVER } from './support/agency.mjs';
import { agencyFeed } from './support/feeds.mjs';
import { newPage, assertAccessible, assertNoProblems, waitForPortal, screenshot, shownText } from './support/browser.mjs';

const env = useAgency((apiOrigin) => ({
  'agency-fragment': { 'data-api': `${apiOrigin}/` },
  'agency-down': { 'data-api': 'http://127.0.0.1:9' },
}));
const agency = (hash) => env.agency(hash);

test('reads the feed from the API, with the token, across origins', async () => {
  const page = await newPage(env.browser);
  await page.goto(agency());
  await page.getByRole('heading', { level: 1, name: 'Hello, Sam' }).waitFor();
  await page.locator('.cp-header').getByText('Harbour & Co').waitFor();
  assert.equal(await page.getByText('This is a sample agency').count(), 0, 'not the demo');
  const [get] = env.api.calls();
  assert.equal(get.method, 'GET');
  assert.equal(get.path, '/portal');
  assert.equal(get.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(get.headers.origin, env.host.origin);
  for (const hash of ['#/', '#/deliverables', '#/approvals', '#/deadlines', '#/wins', '#/contact']) {
    await page.goto(agency(hash));
    await waitForPortal(page);
    await assertAccessible(page, `API mode ${hash}`);
  }
  assertNoProblems(page);
});

test('nothing moves when the feed arrives: the header keeps its height while it loads', async () => {
  env.api.reset(agencyFeed());
  for (const width of [390, 1280]) {
    const page = await newPage(env.browser, { width });
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route(`${env.api.origin}/portal`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(agency('#/'));
    await page.locator('#cp-main .cp-loading').waitFor();
    const top = () => page.locator('#cp-main').evaluate((m) => m.getBoundingClientRect().top);
    const loading = await top();
    release();
    await page.getByRole('heading', { level: 1, name: 'Hello, Sam' }).waitFor();
    assert.match(await page.locator('.cp-viewer').innerText(), /Sam Okoro/);
    // Sub-pixel rounding of a line's height aside, nothing moves.
    const moved = (await top()) - loading;
    assert.ok(Math.abs(moved) < 1, `${width} px: the page moved ${moved} px when the names arrived`);
    await page.close();
  }
});

test('a token in the link is moved out of the address bar and used', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.host.origin}/agency-fragment/#/wins?token=${TOKEN}`);
  await page.getByRole('heading', { level: 1, name: 'Wins' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/wins');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('client-portal:token')), TOKEN);
  assert.equal(env.api.calls()[0].headers.authorization, `Bearer ${TOKEN}`);
  // Still signed in after a reload, with nothing in the address bar.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Wins' }).waitFor();
  assert.equal(env.api.calls().at(-1).headers.authorization, `Bearer ${TOKEN}`);
  assertNoProblems(page);
});

test('a link with another sign-in is not used until the client chooses it', async () => {
  const CRAFTED = 'crafted-token-456';
  env.api.state.acceptedTokens.add(CRAFTED);
  const fragmentPage = (hash) => `${env.host.origin}/agency-fragment/${hash}`;
  const stored = (page) => page.evaluate(() => sessionStorage.getItem('client-portal:token'));
  const bearers = () => new Set(env.api.calls().map((c) => c.headers.authorization));
  const page = await newPage(env.browser);
  await page.goto(fragmentPage(`#/wins?token=${TOKEN}`));
  await page.getByRole('heading', { level: 1, name: 'Wins' }).waitFor();

  // A crafted link opened in the same tab: only the fragment changes, so
  // the page is not reloaded by the browser.
  await page.goto(fragmentPage(`#/approvals?token=${CRAFTED}`));
  const ask = page.getByRole('heading', { level: 1, name: 'You opened a different sign-in link' });
  await ask.waitFor();
  assert.equal(new URL(page.url()).hash, '#/approvals', 'the token leaves the address bar');
  assert.equal(await stored(page), TOKEN, 'the tab keeps its sign-in while the client decides');
  assert.deepEqual([...bearers()], [`Bearer ${TOKEN}`], 'nothing was asked with the other sign-in');
  await assertAccessible(page, 'a different sign-in link');
  await screenshot(page, 'switch-sign-in-1280');
  // By keyboard: the first choice is to stay as before.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.querySelector('[data-client-portal]').shadowRoot.activeElement?.textContent.trim()), 'Stay signed in as before');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
  assert.equal(await stored(page), TOKEN);
  assert.deepEqual([...bearers()], [`Bearer ${TOKEN}`]);
  // A reload does not ask again: the link is gone from the address bar.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
  assert.equal(await ask.count(), 0);

  // The same link again, and this time the client takes it.
  await page.goto(fragmentPage(`#/wins?token=${CRAFTED}`));
  await ask.waitFor();
  await page.getByRole('button', { name: 'Use the new link' }).click();
  await page.getByRole('heading', { level: 1, name: 'Wins' }).waitFor();
  assert.equal(await stored(page), CRAFTED);
  assert.equal(env.api.calls().at(-1).headers.authorization, `Bearer ${CRAFTED}`);
  // A link with the sign-in the tab already uses asks nothing.
  await page.goto(fragmentPage(`#/deadlines?token=${CRAFTED}`));
  await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
  assert.equal(await ask.count(), 0);
  assertNoProblems(page);
});

test('the choice of sign-in speaks the client\'s language, on a phone too', async () => {
  env.api.state.acceptedTokens.add('crafted-token-789');
  for (const [locale, title] of [['th-TH', 'คุณเปิดลิงก์เข้าสู่ระบบอีกลิงก์หนึ่ง'], ['zh-CN', '您打开了另一个登录链接'], ['zh-TW', '您開啟了另一個登入連結'], ['ko-KR', '다른 로그인 링크를 여셨습니다']]) {
    const page = await newPage(env.browser, { width: 390, locale });
    await page.goto(`${env.host.origin}/agency-fragment/#/?token=${TOKEN}`);
    await waitForPortal(page);
    await page.goto(`${env.host.origin}/agency-fragment/#/?token=crafted-token-789`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const text = await page.locator('[data-client-portal]').evaluate((h) => h.shadowRoot.querySelector('main').innerText);
    assert.doesNotMatch(text, /sign|link|tab|trust/i, `${locale}: no English left`);
    await assertAccessible(page, `a different sign-in link, ${locale}, 390 px`);
    assertNoProblems(page);
    await page.close();
  }
});

test('an expired link says so, with the agency contact to ask', async () => {
  const page = await newPage(env.browser);
  // Against the server, a link that really expired (issued 60 days before
  // NOW for 30 days); the double refuses any token it does not know.
  const token = AGAINST_SERVER ? env.server.expiredToken() : 'expired-token';
  await page.goto(`${env.host.origin}/agency-fragment/#token=${token}`);
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'This link has expired or is not valid' }).waitFor();
  assert.match(await alert.innerText(), /Ask Ana Ruiz for a new link/);
  assert.equal(await alert.locator('a[href="mailto:ana@northwind.example"]').count(), 1);
  await assertAccessible(page, 'expired link');
  assertNoProblems(page);
});

test('malformed data names the field at fault', async () => {
  const feed = agencyFeed();
  delete feed.deliverables[1].title;
  // A feed no server of ours would send: the double serves it.
  env.api.reset(feed, { local: true });
  const page = await newPage(env.browser);
  await page.goto(agency());
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: "Some of the agency's information couldn't be read" }).waitFor();
  assert.match(await alert.innerText(), /deliverables\[1\]\.title/);
  await assertAccessible(page, 'malformed feed');

  // Not JSON at all (a proxy's error page).
  env.api.reset('<html><body>Bad gateway</body></html>');
  await page.getByRole('button', { name: 'Try again' }).click();
  await alert.getByText('The answer was not in the expected format.', { exact: false }).waitFor();

  // Nested far deeper than any feed (broken or hostile): read as far as it
  // makes sense, the field named, and the page still alive.
  const deep = agencyFeed();
  deep.deliverables[0].title = 'DEEP';
  env.api.reset(JSON.stringify(deep).replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000)));
  await page.getByRole('button', { name: 'Try again' }).click();
  await alert.getByText(/deliverables\[0\]\.title/).waitFor();
  assertNoProblems(page);
});

test('unknown values from a newer API are shown neutrally, never a crash', async () => {
  const feed = agencyFeed();
  feed.deliverables[0].status = 'on_hold';
  feed.deliverables[0].scope = 'retainer';
  feed.deliverables[0].mood = 'great';
  env.api.reset(feed, { local: true });
  const page = await newPage(env.browser);
  await page.goto(agency('#/deliverables'));
  await page.getByRole('heading', { level: 1, name: 'Deliverables' }).waitFor();
  const card = page.locator('.cp-deliverable', { hasText: feed.deliverables[0].title });
  assert.match(await shownText(card), /Status\s+Other[\s\S]*Scope\s+Other/);
  assertNoProblems(page);
});

test('a feed from a newer contract asks for an update', async () => {
  const feed = agencyFeed();
  feed.schema_version = 2;
  env.api.reset(feed, { local: true });
  const page = await newPage(env.browser);
  await page.goto(agency());
  await page.getByRole('heading', { name: 'This portal needs an update' }).waitFor();
  assertNoProblems(page);
});

test('a server error is explained, and "Try again" recovers', async () => {
  env.api.state.faults.push({ status: 503, body: { error: { code: 'down', message: 'Maintenance' } } });
  const page = await newPage(env.browser);
  await page.goto(agency());
  await page.getByRole('heading', { name: "The agency's portal is having trouble" }).waitFor();
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hello, Sam' }).waitFor();
  assertNoProblems(page);
});

test('no connection, or an API that refuses this origin, is a plain "can\'t reach"', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.host.origin}/agency-down/`);
  await page.getByRole('heading', { name: "We can't reach the agency right now" }).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Nothing you typed or decided is lost/);

  env.api.state.allowOrigin = 'https://somewhere-else.example';
  await page.goto(agency());
  await page.getByRole('heading', { name: "We can't reach the agency right now" }).waitFor();
  assertNoProblems(page);
});

test('the API address is never taken from the link', async () => {
  const page = await newPage(env.browser);
  const evil = encodeURIComponent(env.api.origin);
  await page.goto(`${env.host.origin}/portal/?api=${evil}&data-api=${evil}#/?api=${evil}`);
  await page.getByText('This is a sample agency').waitFor();
  assert.equal(env.api.state.requests.length, 0, 'no request may reach an address from the link');
  assertNoProblems(page);
});
