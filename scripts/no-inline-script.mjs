// Trunk post-build hook (see Trunk.toml): the standalone page starts the
// portal from a file, embed.js, instead of the inline <script> Trunk writes,
// so the page runs under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval', no 'unsafe-inline'; README,
// "Content-Security-Policy"). Release builds are then checked for anything
// inline left: a <script> without src, a <style> element, a style or on…
// attribute (`trunk serve` adds an inline script of its own, for reloading).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.env.TRUNK_STAGING_DIR, 'index.html');
let html = readFileSync(file, 'utf8');
const loader = /<script type="?module"?>(?:(?!<\/script>)[\s\S])*?import init[\s\S]*?<\/script>/;
if (!loader.test(html)) throw new Error(`no-inline-script: Trunk's loader not found in ${file}`);
html = html.replace(loader, '<script type="module" src="./embed.js"></script>');

const inline = [
  [/<script(?![^>]*\ssrc=)[^>]*>/i, 'an inline <script>'],
  [/<style[\s>]/i, 'a <style> element'],
  [/<[a-z][^>]*\s(style|on[a-z]+)=/i, 'a style or event-handler attribute'],
];
for (const [re, what] of process.env.TRUNK_PROFILE === 'release' ? inline : []) {
  const m = html.match(re);
  if (m) throw new Error(`no-inline-script: ${what} in index.html: ${m[0].slice(0, 80)}`);
}
writeFileSync(file, html);
