// Starts the client portal on any page that has <div data-client-portal>.
// It tells the portal where its own files are (this file's folder), then
// loads the wasm from there, wherever the page itself is.
import init from './client-portal.js';

const here = new URL('./', import.meta.url).href;
for (const el of document.querySelectorAll('[data-client-portal]')) {
  if (!el.hasAttribute('data-assets')) el.setAttribute('data-assets', here);
}
init();
