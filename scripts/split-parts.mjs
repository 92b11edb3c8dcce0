// Reads the __wasm_split.js that wasm-split-cli writes (before it is
// minified) and prints parts.json: for each part of the app fetched when
// first needed, every file that fetching it downloads (its own module and
// the shared chunks it depends on). Used by scripts/release-wasm.sh.
import { readFileSync } from 'node:fs';

const js = readFileSync(process.argv[2], 'utf8');
const file = (body) => {
  const m = body.match(/new URL\("\.\/([\w.-]+\.wasm)"/);
  if (!m) throw new Error(`split-parts: no module file in ${body.slice(0, 120)}`);
  return m[1];
};
// `const __chunk_8 = makeLoad(() => { …"./chunk_8.wasm"… }, []);`
const chunks = new Map();
for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(([\s\S]*?)\n, \[\]\);/g)) chunks.set(m[1], file(m[2]));
// `export const __wasm_split_load_wins = wrapAsyncCb(makeLoad(() => { … }, [__chunk_19, …]));`
const parts = {};
for (const m of js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)\);/g)) {
  const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean);
  parts[m[1]] = [file(m[2]), ...deps.map((d) => {
    if (!chunks.has(d)) throw new Error(`split-parts: ${m[1]} needs ${d}, which is not in the file`);
    return chunks.get(d);
  })];
}
if (Object.keys(parts).length === 0) throw new Error('split-parts: no parts found; has wasm-split-cli changed its output?');
console.log(JSON.stringify(parts, null, 2));
