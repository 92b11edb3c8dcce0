// On an agency's page that shows the client portal in an iframe (README,
// "Embedding"): the frame takes the height of the portal's content, and
// deep links go both ways. Load it from the portal's own folder; it looks
// after every iframe on the page whose address is in that folder. A file
// rather than an inline script, so the page can keep a strict
// Content-Security-Policy (no 'unsafe-inline').
const here = new URL('./', import.meta.url);

for (const frame of document.querySelectorAll('iframe')) {
  const portal = new URL(frame.src || 'about:blank', location.href);
  if (portal.origin !== here.origin || !portal.pathname.startsWith(here.pathname)) continue;
  // Set through the style object, which a strict policy allows (a style
  // attribute it would refuse).
  frame.style.cssText = 'display:block;inline-size:100%;block-size:40rem;border:0';
  // Deep links: this page's #/approvals/… opens that page of the portal.
  if (location.hash.startsWith('#/')) frame.src = portal.href.split('#')[0] + location.hash;
  addEventListener('message', (e) => {
    // Only the portal, from its own frame, may resize it.
    if (e.origin !== portal.origin || e.source !== frame.contentWindow) return;
    const d = e.data || {};
    if (d.type !== 'client-portal:resize' || !(d.height > 0)) return;
    frame.style.blockSize = `${Math.ceil(d.height)}px`;
    // Keep this page's address on the portal's page, for sharing and reloads.
    if (typeof d.hash === 'string' && d.hash.startsWith('#/') && d.hash !== location.hash) {
      history.replaceState(null, '', d.hash);
    }
  });
  // A #/… typed into this page's address moves the portal too.
  addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/')) {
      frame.contentWindow.postMessage({ type: 'client-portal:navigate', hash: location.hash }, portal.origin);
    }
  });
}
