// A static host for the release build in dist/, like any plain web host:
// no rewrite rules, and the app served from sub-paths.
//
//   /portal/…        the build as it is (no data-api: the demo agency)
//   /<page>/…        the same build, with index.html as an agency's page that
//                    embeds it with its own attributes (see `pages`)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * @param {string} dist  folder of the built app
 * @param {Record<string, Record<string,string>>} pages  sub-path → attributes
 *        to put on the mount element of index.html
 * @param {Record<string, () => string>} files  exact path → an HTML page of
 *        the host's own (an agency site that embeds the portal)
 * @param {{gzip?: boolean, headers?: (path: string) => Record<string,string>}} options
 *        gzip: compress the build's files for browsers that accept it, as
 *        static hosts do (the benchmark); headers: more response headers
 *        for a path (a Content-Security-Policy, say)
 */
export async function startStaticHost(dist, pages = {}, files = {}, { gzip = false, headers = () => ({}) } = {}) {
  const zipped = new Map();
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  if (!index.includes('<div data-client-portal>')) throw new Error('index.html has no mount element');
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    for (const [k, v] of Object.entries(headers(url.pathname))) res.setHeader(k, v);
    if (url.pathname in files) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(files[url.pathname]());
      return;
    }
    const [, section, ...rest] = url.pathname.split('/');
    const file = rest.join('/');
    if (section !== 'portal' && !(section in pages)) {
      res.writeHead(404).end('not found');
      return;
    }
    if (file === '' || file === 'index.html') {
      const attrs = Object.entries(pages[section] ?? {})
        .map(([k, v]) => ` ${k}="${v.replaceAll('"', '&quot;')}"`)
        .join('');
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(index.replace('<div data-client-portal>', `<div data-client-portal${attrs}>`));
      return;
    }
    const path = normalize(join(dist, file));
    if (!path.startsWith(normalize(dist))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(path);
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!zipped.has(path)) zipped.set(path, gzipSync(body, { level: 9 }));
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
        res.end(zipped.get(path));
        return;
      }
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((ok) => server.close(ok)) };
}
