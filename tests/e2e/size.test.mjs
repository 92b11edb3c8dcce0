// The size budget: what a client downloads (wasm + js + css, gzip -9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;

test(`shipped bytes stay within ${BUDGET / 1024} KB gzip`, () => {
  const files = readdirSync('dist').filter((f) => /\.(wasm|js|css)$/.test(f));
  assert.ok(files.some((f) => f.endsWith('.wasm')), 'no release build in dist/');
  let total = 0;
  for (const f of files) {
    const gz = gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length;
    total += gz;
    console.log(`size: ${f} ${(gz / 1024).toFixed(1)} KB gzip`);
  }
  console.log(`size: total ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB)`);
  assert.ok(total <= BUDGET, `shipped ${total} bytes, budget ${BUDGET}`);
});
