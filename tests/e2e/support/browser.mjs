// Headless Debian Chromium through playwright-core, plus the checks every
// browser test shares (axe-core, screenshots).
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { NOW } from './now.mjs';

export { NOW };
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless in this sandbox: no background connections the network refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The browser's clock is Playwright's (see `newPage`), never the machine's:
 * when the suite runs under libfaketime (scripts/test.sh), Chromium is
 * started without it, as it does not render under it.
 */
export async function launch() {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')),
  );
  return chromium.launch({
    executablePath: CHROMIUM,
    env,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A fresh page (own storage) at a fixed time, in Berlin, in English. */
export async function newPage(browser, { width = 1280, height = 900, timezoneId = 'Europe/Berlin', locale = 'en-GB', clock = 'fixed' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId, locale });
  // 'fixed': the clock stands still at NOW. 'controlled': it starts at NOW
  // and moves only when the test calls page.clock.fastForward/runFor.
  if (clock === 'fixed') await context.clock.setFixedTime(NOW);
  else await context.clock.install({ time: NOW });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED|CORS policy/.test(m.text())) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.problems = problems;
  return page;
}

/** No uncaught errors or panics in the page. */
export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], page.problems.join('\n'));
}

/** axe-core with the WCAG 2.x A and AA rules: no violations. */
export async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations
    .map((v) => `${v.id}: ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  assert.equal(results.violations.length, 0, `${label}: accessibility violations\n${summary}`);
}

/** Saved for people to look at; not compared. */
export async function screenshot(page, name) {
  await mkdir('screenshots', { recursive: true });
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/** Wait until the portal has rendered a page heading (the wasm has run). */
export async function waitForPortal(page) {
  await page.locator('#cp-main h1, #cp-main [role=alert]').first().waitFor({ timeout: 20000 });
}

/** Press Tab until the focused element's text or label matches, as a keyboard user would. */
export async function tabTo(page, pattern, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return `${el?.getAttribute('aria-label') ?? ''} ${el?.textContent ?? ''} ${el?.id ?? ''}`.trim();
    });
    if (pattern.test(name)) return;
  }
  throw new Error(`could not reach ${pattern} with Tab`);
}

/** A property of the focused element, looking inside the portal's shadow root. */
export async function focused(page, prop) {
  return page.evaluate((p) => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.[p] ?? '';
  }, prop);
}

/** The contrast of an element's text with the background it sits on (the
 *  first ancestor with one, through the shadow root), as WCAG counts it. */
export const contrast = (locator) =>
  locator.evaluate((el) => {
    const rgba = (c) => c.match(/[\d.]+/g).map(Number);
    const up = (e) => e.parentElement ?? e.getRootNode().host ?? null;
    let at = el;
    let bg = rgba(getComputedStyle(at).backgroundColor);
    while (bg.length === 4 && bg[3] === 0 && up(at)) {
      at = up(at);
      bg = rgba(getComputedStyle(at).backgroundColor);
    }
    if (bg.length === 4 && bg[3] === 0) bg = [255, 255, 255];
    const lum = ([r, g, b]) =>
      [r, g, b].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const [a, b] = [lum(rgba(getComputedStyle(el).color)), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });

/** The text of a card as the reader sees it. Cards in a long list skip their
 *  layout until they are near the screen (content-visibility: auto), and a
 *  skipped card's innerText is empty: scroll it into view and wait for its
 *  text to be laid out before reading it. */
export async function shownText(locator, timeout = 5000) {
  await locator.scrollIntoViewIfNeeded();
  const until = Date.now() + timeout;
  for (;;) {
    const text = await locator.innerText();
    if (text.trim() || Date.now() > until) return text;
    await locator.page().waitForTimeout(50);
  }
}
