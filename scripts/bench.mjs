// The benchmark behind README's "Performance" (run it with scripts/bench.sh,
// which builds the release first). Not a test: it measures and prints, in
// one run, side by side with a static HTML page of the same list:
//
// - bytes: first load and total, gzip and brotli (tests/e2e/support/sizes.mjs);
// - Lighthouse (mobile: simulated slow 4G, 4x CPU) on the demo agency and on
//   an agency page reading the API double, the build served with gzip;
// - scale: an agency with N deliverables and 1,000 approvals and deadlines:
//   Overview → list painted (its first fifty cards; clicked once the parts
//   of the app fetched when idle have arrived), a cold load of the list
//   (its part fetched first) against the static page of all of them, a keystroke in the search
//   to its results painted, JS heap and DOM nodes.
//
//   node scripts/bench.mjs [--items 5000] [--json target/bench.json]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { startStaticHost } from '../tests/e2e/support/static-host.mjs';
import { startApiDouble, TOKEN } from '../tests/e2e/support/api-double.mjs';
import { agencyFeed, bigFeed } from '../tests/e2e/support/feeds.mjs';
import { CHROMIUM, CHROMIUM_ARGS, launch } from '../tests/e2e/support/browser.mjs';
import { measure, kb, parts } from '../tests/e2e/support/sizes.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('items', 5000));
const JSON_OUT = arg('json', 'target/bench.json');

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The baseline: the same deliverables as one static HTML list. */
function staticList(feed) {
  const items = feed.deliverables
    .map((d) => `<li><h2>${escapeHtml(d.title)}</h2><p>${escapeHtml(d.summary ?? '')}</p></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Deliverables</title></head><body><main id="cp-main"><h1>Deliverables</h1><ul class="cp-cards">${items}</ul></main></body></html>`;
}

/** In every page: resolves with performance.now() once `min` elements
 *  match `selector` (in the portal's shadow root, else the document) and
 *  the frame after them has been painted. */
const PAINTED = () => {
  window.__painted = (selector, min) =>
    new Promise((done) => {
      const tick = () => {
        const root = document.querySelector('[data-client-portal]')?.shadowRoot ?? document;
        if (root.querySelectorAll(selector).length >= min) {
          requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
        } else {
          requestAnimationFrame(tick);
        }
      };
      tick();
    });
};

async function lighthouseRun(url, name) {
  const profile = mkdtempSync(join(tmpdir(), 'cp-bench-'));
  const chrome = spawn(CHROMIUM, ['--headless=new', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const port = await new Promise((ok, fail) => {
      let err = '';
      chrome.stderr.on('data', (d) => {
        err += d;
        const m = err.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
        if (m) ok(Number(m[1]));
      });
      chrome.on('exit', () => fail(new Error(`Chromium exited: ${err}`)));
    });
    const { lhr } = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    // The whole report, for finding what blocks (long-tasks, bootup-time).
    writeFileSync(`target/lighthouse-${name}.json`, JSON.stringify(lhr));
    const audit = (id) => lhr.audits[id]?.numericValue;
    return {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      bestPractices: Math.round(lhr.categories['best-practices'].score * 100),
      fcpMs: Math.round(audit('first-contentful-paint')),
      lcpMs: Math.round(audit('largest-contentful-paint')),
      tbtMs: Math.round(audit('total-blocking-time')),
      cls: Number(audit('cumulative-layout-shift').toFixed(3)),
      speedIndexMs: Math.round(audit('speed-index')),
    };
  } finally {
    if (chrome.exitCode === null) await new Promise((ok) => chrome.once('exit', ok).kill());
    // Chromium's helper processes may still be writing to the profile for
    // a moment after it exits; a temporary folder left behind is no reason
    // to lose the run.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    } catch {}
  }
}

async function scale(browser, host, api) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PAINTED);
  const open = async (url) => {
    const page = await context.newPage();
    await page.goto(url);
    return page;
  };
  const agency = (hash) => `${host.origin}/agency/${hash}`;
  const cards = '#cp-main .cp-cards > li';
  const feed = api.state.portal;
  const out = {};

  // Overview, then the list: from the click to the list painted. As a
  // reader who looks at the Overview first, after the parts of the app
  // have been fetched ahead (views/pages.rs: when the browser is idle).
  const pageParts = Object.entries(parts('dist')).filter(([n]) => n !== 'demo').flatMap(([, f]) => f);
  const navigate = async (hash, selector, min) => {
    const page = await open(agency('#/'));
    await page.evaluate(() => window.__painted('#cp-main h1', 1));
    await page.waitForFunction(
      (files) => files.every((f) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/${f}`) && e.responseEnd > 0)),
      pageParts,
    );
    const ms = await page.evaluate(
      async ([h, s, m]) => {
        const t0 = performance.now();
        location.hash = h;
        return (await window.__painted(s, m)) - t0;
      },
      [hash, selector, min],
    );
    return { page, ms: Math.round(ms) };
  };
  // The list shows its first fifty cards (PAGE in src/domain/finder.rs).
  const firstPage = Math.min(50, feed.deliverables.length);
  const list = await navigate('#/deliverables', cards, firstPage);
  out.overviewToListMs = list.ms;
  const cdp = await context.newCDPSession(list.page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value;
  out.jsHeapMb = Number((metric('JSHeapUsedSize') / 1048576).toFixed(1));
  out.domNodes = metric('Nodes');
  // Typing in the search, one key at a time: from the key's input event
  // to the frame painted with its results.
  out.searchKeystrokeMs = await list.page.evaluate(async (word) => {
    const root = document.querySelector('[data-client-portal]').shadowRoot;
    const input = root.getElementById('cp-find-q');
    const times = [];
    for (const ch of word) {
      const t0 = performance.now();
      input.value += ch;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median: Math.round(times[times.length >> 1]), max: Math.round(times[times.length - 1]), keys: word.length };
  }, 'asset 4999 summer');
  await list.page.close();
  // Approvals shows fifty of those waiting and fifty of those decided.
  const waitingCount = feed.approvals.filter((a) => a.status === 'pending').length;
  const approvalCards = Math.min(50, waitingCount) + Math.min(50, feed.approvals.length - waitingCount);
  out.approvalsMs = (await navigate('#/approvals', cards, approvalCards)).ms;
  out.deadlinesMs = (await navigate('#/deadlines', '#cp-main li.cp-deadline', feed.deadlines.filter((d) => !d.done).length)).ms;

  // A cold load of the list, against a static page of the same list.
  const cold = async (url, root, min) => {
    const page = await open(url);
    const ms = await page.evaluate(([s, m]) => window.__painted(s, m), [root, min]);
    await page.close();
    return Math.round(ms);
  };
  out.coldListMs = await cold(agency('#/deliverables'), cards, firstPage);
  out.staticListMs = await cold(`${host.origin}/static-list.html`, cards, feed.deliverables.length);
  out.coldVsStatic = Number((out.coldListMs / out.staticListMs).toFixed(2));
  await context.close();
  return out;
}

const bytes = measure('dist');
const big = bigFeed({ deliverables: N });
const api = await startApiDouble({ allowOrigin: 'pending', portal: big });
const host = await startStaticHost(
  'dist',
  { agency: { 'data-api': api.origin, 'data-token': TOKEN } },
  { '/static-list.html': () => staticList(big) },
  { gzip: true },
);
api.state.allowOrigin = host.origin;

const result = { date: new Date().toISOString(), items: N, machine: {}, bytes: {}, lighthouse: {}, scale: {} };
result.machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  node: process.version,
};
for (const [k, v] of Object.entries({ overview: bytes.main, english: bytes.english, firstLoad: bytes.firstLoad, demo: bytes.demo, total: bytes.total })) result.bytes[k] = v;

// Lighthouse on the agency page reads the ordinary agency feed; the big
// one is for the scale figures.
api.reset(agencyFeed());
api.state.allowOrigin = host.origin;
result.lighthouse.demo = await lighthouseRun(`${host.origin}/portal/`, 'demo');
result.lighthouse.agency = await lighthouseRun(`${host.origin}/agency/`, 'agency');

api.reset(big);
api.state.allowOrigin = host.origin;
const browser = await launch();
result.machine.chromium = browser.version();
result.scale = await scale(browser, host, api);
await browser.close();
await host.close();
await api.close();

const row = (a, b, c = '') => console.log(`${a.padEnd(44)}${String(b).padEnd(22)}${c}`);
console.log(`\nClient portal benchmark, ${result.date}, ${result.machine.cpus}, Chromium ${result.machine.chromium}\n`);
row('Bytes', 'gzip', 'brotli');
row('  the Overview, English', kb(bytes.main.gzip), kb(bytes.main.brotli));
row('  first load, English', kb(bytes.english.gzip), kb(bytes.english.brotli));
row('  first load, any one language', kb(bytes.firstLoad.gzip), kb(bytes.firstLoad.brotli));
row('  first load, demo agency', kb(bytes.demo.gzip), kb(bytes.demo.brotli));
row('  total shipped', kb(bytes.total.gzip), kb(bytes.total.brotli));
row('Lighthouse (mobile)', 'demo', 'agency API');
for (const k of ['performance', 'accessibility', 'bestPractices', 'fcpMs', 'lcpMs', 'tbtMs', 'cls', 'speedIndexMs']) {
  row(`  ${k}`, result.lighthouse.demo[k], result.lighthouse.agency[k]);
}
const s = result.scale;
row(`Scale (${N} deliverables, 1,000 approvals and deadlines)`, 'portal', 'static page');
row('  Overview → list painted (first 50)', `${s.overviewToListMs} ms`);
row('  cold load: first 50 / static, all', `${s.coldListMs} ms`, `${s.staticListMs} ms (×${s.coldVsStatic})`);
row('  Overview → Approvals painted', `${s.approvalsMs} ms`);
row('  Overview → Deadlines painted', `${s.deadlinesMs} ms`);
row('  keystroke in search → results painted', `${s.searchKeystrokeMs.median} ms median, ${s.searchKeystrokeMs.max} ms max`, `(${s.searchKeystrokeMs.keys} keys)`);
row('  JS heap with the list shown', `${s.jsHeapMb} MB`);
row('  DOM nodes with the list shown', s.domNodes);
writeFileSync(JSON_OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n${JSON.stringify(result)}\n(also in ${JSON_OUT})`);
