// Takes out of wasm-bindgen's JS glue the three classes that wasm-streams
// exports for JS streams (IntoUnderlyingSource, …Sink, …ByteSource).
// Leptos always links server_fn, which depends on wasm-streams, but the
// portal has no server functions: nothing creates those classes, and no
// import of the wasm refers to them. scripts/release-wasm.sh removes their
// exports from the wasm too (wasm-opt --remove-exports). Together about
// 1.8 KB gzip off every first load. Fails, rather than guessing, if the glue
// no longer looks as expected.
//
//   node scripts/drop-stream-classes.mjs <glue.js>   (rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
let js = readFileSync(file, 'utf8');
const fail = (why) => {
  console.error(`drop-stream-classes: ${why}; has wasm-bindgen changed its output?`);
  process.exit(1);
};
for (const name of ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource']) {
  const parts = [
    // The class, up to the line that follows it.
    new RegExp(`\\nexport class ${name} \\{\\n[\\s\\S]*?\\nif \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`),
    // Its finalizer.
    new RegExp(`\\nconst ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\n[^\\n]*\\n[^\\n]*\\);\\n`),
  ];
  for (const re of parts) {
    if (!re.test(js)) fail(`no match for ${re.source.slice(0, 60)}…`);
    js = js.replace(re, '\n');
  }
}
// Whatever else mentions them would now fail when run.
if (/IntoUnderlying|intounderlying/.test(js)) fail('the glue still mentions them');
writeFileSync(file, js);
