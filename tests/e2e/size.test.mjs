// What a client downloads, against two hard caps (wasm + JS + CSS, and the
// language packs; gzip -9, brotli printed beside it).
//
// - First load: what a browser fetches before the portal is usable, in any
//   one language: every wasm, JS and CSS file of the build (the standalone
//   page and the inline embed together) plus the largest language pack.
// - Total: everything the build ships for the interface, every pack too.
//
// The caps only ever go down. A feature pays for its bytes with savings or
// loads on demand; raising a cap is not a decision a change makes for
// itself. When a change saves bytes, lower the caps to what it measured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { PACKS, kb, measure } from './support/sizes.mjs';

const FIRST_LOAD_CAP = 258.5 * 1024;
const TOTAL_CAP = 272.3 * 1024;

test('first load and total stay within their caps', () => {
  const m = measure('dist');
  for (const f of m.files) console.log(`size: ${f.file} ${kb(f.gzip)} gzip, ${kb(f.brotli)} brotli`);
  console.log(`size: first load ${kb(m.firstLoad.gzip)} gzip (cap ${kb(FIRST_LOAD_CAP)}), ${kb(m.firstLoad.brotli)} brotli`);
  console.log(`size: in English ${kb(m.english.gzip)} gzip, ${kb(m.english.brotli)} brotli`);
  console.log(`size: total ${kb(m.total.gzip)} gzip (cap ${kb(TOTAL_CAP)}), ${kb(m.total.brotli)} brotli`);
  assert.ok(m.firstLoad.gzip <= FIRST_LOAD_CAP, `first load ${m.firstLoad.gzip} bytes, cap ${FIRST_LOAD_CAP}`);
  assert.ok(m.total.gzip <= TOTAL_CAP, `total ${m.total.gzip} bytes, cap ${TOTAL_CAP}`);
});

test('only English is compiled in; every other language is a pack of this build', () => {
  const wasm = readdirSync('dist').find((f) => f.endsWith('.wasm'));
  const code = readFileSync(`dist/${wasm}`);
  const header = /^client-portal-language-pack 1 [0-9a-f]{8}$/;
  let first;
  for (const tag of PACKS) {
    const [head, own, name] = readFileSync(`dist/i18n/${tag}.txt`, 'utf8').split('\n');
    assert.match(head, header, `${tag}: not a language pack`);
    first ??= head;
    assert.equal(head, first, `${tag}: from another build than the others`);
    assert.equal(own, tag);
    assert.ok(code.includes(Buffer.from(head)), `${tag}: the wasm would refuse this pack`);
    // The language's own name stays in the wasm for the switcher; its
    // other texts must not.
    const sample = readFileSync(`dist/i18n/${tag}.txt`, 'utf8').split('\n')[5];
    assert.ok(sample.length > 3 && !code.includes(Buffer.from(sample)), `${tag} is compiled into the wasm`);
    assert.ok(code.includes(Buffer.from(name)), `${tag}: its name is missing from the switcher`);
  }
});
