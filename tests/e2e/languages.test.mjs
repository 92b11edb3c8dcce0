// The five languages: every view in each, with no English interface text
// left over, dates in the language, axe-core clean at phone and desktop
// widths in light and dark; and how the language is chosen and remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startStaticHost } from './support/static-host.mjs';
import { launch, newPage, assertAccessible, assertNoProblems, screenshot, waitForPortal, tabTo, focused } from './support/browser.mjs';

const LOCALES = ['en', 'th', 'zh-Hans', 'zh-Hant', 'ko'];
const VIEWS = ['#/', '#/deliverables', '#/deliverables/d-homepage', '#/approvals', '#/approvals/a-home-3', '#/deadlines', '#/wins', '#/contact', '#/concern', '#/agreed', '#/meetings', '#/meetings?dispute=ag-launch', '#/reports', '#/reports/r-2026-10', '#/requests'];

/** key → {form → text} of one i18n file. */
function messages(locale) {
  const out = {};
  for (const line of readFileSync(`i18n/${locale}.txt`, 'utf8').split('\n')) {
    const m = line.match(/^([a-z0-9_]+)(?:\([^)]*\))?(?:\[(\w+)\])? = (.*)$/);
    if (m) (out[m[1]] ??= {})[m[2] ?? 'other'] = m[3];
  }
  return out;
}
const english = messages('en');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English interface texts that `locale` says differently, as whole-text patterns. */
function englishLeftovers(locale) {
  const own = messages(locale);
  const patterns = [];
  for (const [key, forms] of Object.entries(english)) {
    for (const text of Object.values(forms)) {
      if (Object.values(own[key] ?? {}).includes(text)) continue;
      const literal = text.replace(/\{\w+\}/g, '');
      if (!/[A-Za-z]{2}/.test(literal)) continue; // "{who}, {when}": nothing to translate
      patterns.push([key, new RegExp(`^${text.split(/\{\w+\}/).map(escape).join('.+?')}$`)]);
    }
  }
  return patterns;
}

/** Every text and label the portal shows, from inside its shadow root. */
async function shownTexts(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-client-portal]').shadowRoot;
    const out = new Set();
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      // Styles are not text; the switcher names each language in its own words.
      if (n.parentElement?.closest('style, .cp-language option')) continue;
      const t = n.nodeValue.trim();
      if (t) out.add(t);
    }
    for (const el of root.querySelectorAll('[aria-label],[title],[alt],[placeholder]')) {
      for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.add(v);
      }
    }
    return [...out];
  });
}

let browser, host;
before(async () => {
  host = await startStaticHost('dist', Object.fromEntries(LOCALES.map((l) => [l, { 'data-locale': l }])));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
});

async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => {
    const root = document.querySelector('[data-client-portal]')?.shadowRoot;
    return root?.querySelector('#cp-main h1') && location.hash === h;
  }, hash);
  await page.waitForTimeout(50);
}

for (const locale of LOCALES) {
  test(`${locale}: every view in the language, axe-clean at 390 and 1280 px, light and dark`, async () => {
    const page = await newPage(browser);
    await page.goto(`${host.origin}/${locale}/`);
    await waitForPortal(page);
    assert.equal(await page.locator('.cp-app').getAttribute('lang'), locale);
    const leftovers = locale === 'en' ? [] : englishLeftovers(locale);
    // The detector itself works: on the English page it finds plenty.
    if (locale === 'en') {
      const probe = englishLeftovers('ko');
      const found = (await shownTexts(page)).filter((t) => probe.some(([, re]) => re.test(t)));
      assert.ok(found.length >= 15, `found only ${found.length} English texts`);
    }
    for (const view of VIEWS) {
      await go(page, view);
      for (const text of await shownTexts(page)) {
        const hit = leftovers.find(([, re]) => re.test(text));
        assert.ok(!hit, `${locale} ${view}: "${text}" is English (${hit?.[0]})`);
      }
      for (const [width, scheme] of [[1280, 'light'], [390, 'light'], [390, 'dark'], [1280, 'dark']]) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        await assertAccessible(page, `${locale} ${view} ${width}px ${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    if (locale === 'th' || locale === 'ko') {
      await go(page, '#/');
      await screenshot(page, `language-${locale}-overview-1280`);
      await page.setViewportSize({ width: 390, height: 900 });
      await screenshot(page, `language-${locale}-overview-390`);
    }
    assertNoProblems(page);
  });
}

test('no sideways scrolling at 320 px, nor at 200 % zoom (640 CSS px), in English and Thai', async () => {
  for (const locale of ['en', 'th']) {
    const page = await newPage(browser, { width: 320, height: 640 });
    await page.goto(`${host.origin}/${locale}/`);
    await waitForPortal(page);
    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 640 });
      for (const view of VIEWS) {
        await go(page, view);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(over <= 0, `${locale} ${view} at ${width}px scrolls sideways by ${over}px`);
      }
    }
    await screenshot(page, `language-${locale}-deadlines-640`);
  }
});

test('dates are in the language: Thai and Korean', async () => {
  const th = await newPage(browser);
  await th.goto(`${host.origin}/th/#/deadlines`);
  await waitForPortal(th);
  const thai = await th.locator('#cp-main').innerText();
  // "ศ. 21 พ.ย." style: Thai weekday and month abbreviations, no English.
  assert.match(thai, /\d{1,2} พ\.ย\./);
  assert.match(thai, /(จ|อ|พ|พฤ|ศ|ส|อา)\./);
  assert.doesNotMatch(thai, /\b(Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/);
  assert.match(thai, /เลยกำหนดมา 2 วัน/);
  await screenshot(th, 'language-th-deadlines-1280');

  const ko = await newPage(browser);
  await ko.goto(`${host.origin}/ko/#/deadlines`);
  await waitForPortal(ko);
  const korean = await ko.locator('#cp-main').innerText();
  // "11월 21일 (토)" style.
  assert.match(korean, /11월 21일/);
  assert.match(korean, /\((월|화|수|목|금|토|일)\)|(월|화|수|목|금|토|일)요일/);
  assert.doesNotMatch(korean, /\b(Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/);
  assert.match(korean, /2일 지남/);
  await screenshot(ko, 'language-ko-deadlines-1280');
});

test('chosen from the remembered choice, then data-locale, then the browser, then English', async () => {
  const open = async (path, locale) => {
    const p = await newPage(browser, { locale });
    await p.goto(`${host.origin}${path}`);
    await waitForPortal(p);
    return p;
  };
  const lang = (p) => p.locator('.cp-app').getAttribute('lang');
  assert.equal(await lang(await open('/portal/', 'th-TH')), 'th');
  assert.equal(await lang(await open('/portal/', 'zh-TW')), 'zh-Hant');
  assert.equal(await lang(await open('/portal/', 'zh-CN')), 'zh-Hans');
  assert.equal(await lang(await open('/portal/', 'fr-FR')), 'en');
  assert.equal(await lang(await open('/th/', 'ko-KR')), 'th');

  // The switcher: visible, labelled, and remembered over data-locale.
  const p = await open('/th/', 'en-GB');
  const select = p.getByLabel('ภาษา');
  await select.selectOption('ko');
  await p.getByRole('heading', { level: 1, name: '안녕하세요, Maya님' }).waitFor();
  assert.equal(await lang(p), 'ko');
  assert.equal(await focused(p, 'id'), 'cp-language', 'focus stays on the switcher');
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'ko', 'the standalone page follows');
  await p.reload();
  await waitForPortal(p);
  assert.equal(await lang(p), 'ko');
  // Each language is listed in its own name.
  assert.deepEqual(await p.locator('#cp-language option').allInnerTexts(), ['English', 'ไทย', '简体中文', '繁體中文', '한국어']);
  assertNoProblems(p);
});

test('a language that cannot be fetched is said plainly, and the portal stays usable', async () => {
  const p = await newPage(browser, { locale: 'en-GB' });
  const lang = () => p.locator('.cp-app').getAttribute('lang');
  const alert = () => p.locator('.cp-language-failed');
  const blocked = new Set(['th']);
  await p.route('**/i18n/*.txt', (route) => {
    const tag = route.request().url().split('/').pop().replace('.txt', '');
    return blocked.has(tag) ? route.abort('internetdisconnected') : route.continue();
  });
  // Asked for by the page while unreachable: the portal in English, and why.
  await p.goto(`${host.origin}/th/`);
  await waitForPortal(p);
  assert.equal(await lang(), 'en');
  assert.equal(await alert().innerText(), 'ไทย could not be loaded. Check your connection, then choose it again.');
  assert.equal(await alert().getAttribute('role'), 'alert');
  await p.getByRole('link', { name: 'Approvals' }).first().waitFor();

  // Reachable again: choosing it works, and the message goes.
  blocked.clear();
  await p.getByLabel('Language').selectOption('th');
  await p.getByRole('heading', { level: 1, name: /สวัสดี/ }).waitFor();
  assert.equal(await lang(), 'th');
  assert.equal(await alert().count(), 0);

  // Chosen while unreachable: Thai stays, the switcher says Thai, the
  // message says so in Thai, and the choice is not remembered.
  blocked.add('ko');
  await p.getByLabel('ภาษา').selectOption('ko');
  await alert().waitFor();
  assert.match(await alert().innerText(), /^โหลดภาษา한국어ไม่สำเร็จ/);
  assert.equal(await lang(), 'th');
  assert.equal(await p.locator('#cp-language').inputValue(), 'th');
  assert.equal(await focused(p, 'id'), 'cp-language', 'focus stays on the switcher');
  assert.equal(await p.evaluate(() => localStorage.getItem('client-portal:locale')), 'th');
  await assertAccessible(p, 'language-failed');
  await screenshot(p, 'language-failed-1280');
  await p.setViewportSize({ width: 390, height: 800 });
  await screenshot(p, 'language-failed-390');

  // A pack from another release (a stale cache) is refused the same way.
  const q = await newPage(browser, { locale: 'ko-KR' });
  await q.route('**/i18n/ko.txt', (route) =>
    route.fulfill({ contentType: 'text/plain', body: 'client-portal-language-pack 1 00000000\nko\n한국어\n' }));
  await q.goto(`${host.origin}/portal/`);
  await waitForPortal(q);
  assert.equal(await q.locator('.cp-app').getAttribute('lang'), 'en');
  assert.match(await q.locator('.cp-language-failed').innerText(), /^한국어 could not be loaded/);
  assertNoProblems(q);
});

test('keyboard only, in Korean: sections, an approval decided, a concern sent', async () => {
  const p = await newPage(browser);
  await p.goto(`${host.origin}/ko/`);
  await waitForPortal(p);
  await tabTo(p, /^승인/);
  await p.keyboard.press('Enter');
  await p.getByRole('heading', { level: 1, name: '승인' }).waitFor();
  await tabTo(p, /홈페이지 리디자인|Homepage redesign — final design/);
  await p.keyboard.press('Enter');
  await tabTo(p, /^승인$|cp-approve/);
  await p.keyboard.press('Enter');
  await p.getByRole('button', { name: '네, 승인합니다' }).waitFor();
  assert.equal(await focused(p, 'textContent'), '네, 승인합니다');
  await p.keyboard.press('Enter');
  await tabTo(p, /지금 보내기/);
  await p.keyboard.press('Enter');
  await p.getByText('확인증').first().waitFor();
  // Raise a concern from the header link, by keyboard alone.
  await tabTo(p, /불편한 점이 있나요/);
  await p.keyboard.press('Enter');
  await p.getByRole('heading', { level: 1, name: '불편한 점이 있나요?' }).waitFor();
  await tabTo(p, /cp-concern-topic/);
  await p.keyboard.type('마감일');
  await tabTo(p, /cp-concern-message/);
  await p.keyboard.type('일정이 늦어지고 있어요.');
  await tabTo(p, /cp-concern-send/);
  await p.keyboard.press('Enter');
  await p.getByText('메시지를 받았습니다').waitFor();
  assertNoProblems(p);
});
