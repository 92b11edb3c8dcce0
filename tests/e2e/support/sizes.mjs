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
 * The parts of the app fetched when first needed (parts.json, written by
 * scripts/release-wasm.sh): part name → the files fetching it downloads.
 */
export function parts(dist = 'dist') {
  return JSON.parse(readFileSync(`${dist}/parts.json`, 'utf8'));
}

/**
 * The build's files and what a reader downloads:
 * - `main`: every wasm, JS and CSS file but the parts fetched on demand
 *   (the standalone page and the inline embed together): the Overview of
 *   an agency's portal;
 * - `english`: that plus the largest page's part with the shared chunks it
 *   needs: any page opened first, by a reader of English;
 * - `firstLoad`: that plus the largest language pack, the first load of
 *   any page in any one language;
 * - `demo`: the same first load on the demo agency, with its part;
 * - `total`: everything, every part and every pack too.
 */
export function measure(dist = 'dist') {
  const files = [];
  for (const f of readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f)).sort()) {
    files.push({ file: f, ...compressed(readFileSync(`${dist}/${f}`)) });
  }
  if (!files.some((f) => f.file.endsWith('.wasm'))) throw new Error(`no release build in ${dist}/`);
  const byName = new Map(files.map((f) => [f.file, f]));
  const split = parts(dist);
  const inParts = new Set(Object.values(split).flat());
  for (const f of inParts) if (!byName.has(f)) throw new Error(`parts.json names ${f}, not in ${dist}/`);
  const main = files.filter((f) => !inParts.has(f.file)).reduce(add, none);
  const sized = Object.entries(split).map(([name, fs]) => ({ name, files: fs, ...fs.map((f) => byName.get(f)).reduce(add, none) }));
  const largestPart = sized
    .filter((p) => p.name !== 'demo')
    .reduce((a, b) => (b.gzip > a.gzip ? b : a), { name: '', ...none });
  // The demo agency needs its own part and the chunks it shares with the
  // page's (counted once).
  const demoFiles = new Set([...(split.demo ?? []), ...(split[largestPart.name] ?? [])]);
  const packs = PACKS.map((tag) => ({ file: `i18n/${tag}.txt`, ...compressed(readFileSync(`${dist}/i18n/${tag}.txt`)) }));
  const english = add(main, largestPart);
  const largest = packs.reduce((a, b) => (b.gzip > a.gzip ? b : a), none);
  return {
    files: [...files, ...packs],
    parts: sized,
    main,
    largestPart,
    english,
    firstLoad: add(english, { gzip: largest.gzip, brotli: largest.brotli }),
    demo: [...demoFiles].map((f) => byName.get(f)).reduce(add, add(main, largest)),
    total: packs.reduce(add, files.reduce(add, none)),
  };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
