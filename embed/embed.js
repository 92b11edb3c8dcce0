// Starts the client portal on any page that has <div data-client-portal>.
// It tells the portal where its own files are (this file's folder), then
// loads the wasm from there, wherever the page itself is.
import init from './client-portal.js';

// Trusted Types (README, "Content-Security-Policy"): Leptos builds the fixed
// parts of the portal's views from markup of its own, through a
// <template>'s innerHTML. Where the page requires Trusted Types and has no
// default policy, one is made that lets markup through only when nothing
// in it could run: no script, frame or object, no event handler, no
// javascript: address. (Agency text never reaches it: it goes in as text.)
const types = self.trustedTypes;
if (types && !types.defaultPolicy) {
  try {
    types.createPolicy('default', {
      createHTML: (s) => (/<(script|iframe|object|embed)|\son\w+\s*=|javascript:/i.test(s) ? null : s),
    });
  } catch {
    // The page allows no such policy: its own rules stand.
  }
}

// The portal's sizes are in rem, which follows the page's root font size
// even inside the portal's shadow root. Many sites set
// `html { font-size: 62.5% }`, which would shrink the portal to 10 px text.
// Where the page's root size differs from the reader's own text size
// (`medium`: their browser's setting), the portal is zoomed by the ratio, so
// it looks as it does on its own page, at the size the reader chose.
const px = (el) => parseFloat(getComputedStyle(el).fontSize);
const here = new URL('./', import.meta.url).href;

// With no data-api the portal runs the demo agency: its sample feed and its
// part of the app (the files listed here by scripts/release-wasm.sh) are
// fetched now, beside the app's first download, rather than one after the
// other once it runs. An agency's portal never fetches them.
const DEMO_PART = [];
const first = document.querySelector('[data-client-portal]');
if (first && !first.hasAttribute('data-api')) {
  for (const file of ['demo/portal.json', ...DEMO_PART]) {
    const link = document.createElement('link');
    Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: here + file });
    document.head.append(link);
  }
}
for (const el of document.querySelectorAll('[data-client-portal]')) {
  if (!el.hasAttribute('data-assets')) el.setAttribute('data-assets', here);
  el.style.fontSize = 'medium';
  const ratio = px(el) / px(document.documentElement);
  if (Math.abs(ratio - 1) > 0.01) el.style.zoom = ratio;
}
init();
