// What the release build in dist/ weighs, gzip -9 and brotli 11: the size
// test holds it to its caps, and scripts/bench.sh prints it.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Every language but English, from i18n/: a pack fetched when chosen (docs/i18n.md). */
export const PACKS = readdirSync('i18n')
  .filter((f) => f.endsWith('.txt') && f !== 'en.txt')
  .map((f) => f.replace(/\.txt$/, ''));

/** gzip -9 and brotli 11 sizes of one file's bytes. */
export function compressed(bytes) {
  return {
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const add = (a, b) => ({ gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const none = { gzip: 0, brotli: 0 };

/**
 * The build's files and what a reader downloads:
 * - `english`: every wasm, JS and CSS file (the standalone page and the
 *   inline embed together), what a reader of English fetches first;
 * - `firstLoad`: that plus the largest language pack, the first load in
 *   any one language;
 * - `total`: everything, every pack too.
 */
export function measure(dist = 'dist') {
  const files = [];
  for (const f of readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f)).sort()) {
    files.push({ file: f, ...compressed(readFileSync(`${dist}/${f}`)) });
  }
  if (!files.some((f) => f.file.endsWith('.wasm'))) throw new Error(`no release build in ${dist}/`);
  const packs = PACKS.map((tag) => ({ file: `i18n/${tag}.txt`, ...compressed(readFileSync(`${dist}/i18n/${tag}.txt`)) }));
  const english = files.reduce(add, none);
  const largest = packs.reduce((a, b) => (b.gzip > a.gzip ? b : a), none);
  return {
    files: [...files, ...packs],
    english,
    firstLoad: add(english, { gzip: largest.gzip, brotli: largest.brotli }),
    total: packs.reduce(add, english),
  };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
