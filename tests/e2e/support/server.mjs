// The reference API server (server/, the portal-server binary) for the
// browser tests: a fresh SQLite file with the agency feed imported, a
// personal link issued, and its clock stopped at the suite's NOW.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW } from './now.mjs';

const BIN = 'target/debug/portal-server';

/** Without libfaketime: the server has its own fixed clock (--now). */
const env = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')));

function binary() {
  // scripts/test.sh has built it with the server's tests; built here when
  // a test file is run on its own.
  if (!existsSync(BIN)) execFileSync('cargo', ['build', '-q', '-p', 'portal-server'], { stdio: 'inherit', env: env() });
  return BIN;
}

/**
 * @param {object} o
 * @param {object} o.feed the client's feed, imported as client `agency`
 * @param {string} [o.site] the portal's built files, served at / with the API at /api
 * @param {string[]} [o.allowOrigins] pages allowed to call the API
 * @param {string} [o.webhook] where to deliver every client action
 */
export async function startServer({ feed, site, allowOrigins = [], webhook }) {
  const dir = mkdtempSync(join(tmpdir(), 'portal-server-'));
  const db = `sqlite://${join(dir, 'portal.db')}`;
  const now = NOW.toISOString();
  const cliAt = (at, ...args) => execFileSync(binary(), ['--db', db, '--now', at, ...args], { encoding: 'utf8', env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  const cli = (...args) => cliAt(now, ...args);
  /** The token of a 30-day link for `name` at `client`, issued at `at`. */
  const linkToken = (at, client, name, email) => {
    const args = ['link', 'issue', client, '--name', name, '--days', '30', '--portal-url', `${origin}/`];
    if (email) args.push('--email', email);
    return cliAt(at, ...args).trim().split('#token=')[1];
  };
  writeFileSync(join(dir, 'feed.json'), JSON.stringify(feed));
  cli('import', 'agency', join(dir, 'feed.json'));

  const args = ['--db', db, '--now', now, 'serve', '--listen', '127.0.0.1:0'];
  if (site) args.push('--site', site);
  if (allowOrigins.length) args.push('--allow-origin', allowOrigins.join(','));
  if (webhook) args.push('--webhook-url', webhook, '--webhook-secret', 'test-secret');
  const child = spawn(binary(), args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), 20000);
    const look = () => {
      const m = log.match(/Serving on (http:\/\/\S+)\n/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`the server stopped (${code}):\n${log}`)));
  });
  let clients = 0;
  const server = {
    origin,
    /** The API's address as a page's data-api names it. */
    api: site ? `${origin}/api` : origin,
    /** A new personal link's token for a person at the client. */
    token(name = 'Sam Okoro') {
      return linkToken(now, 'agency', name);
    },
    /**
     * A new client on the server from `feed`, and a personal link for its
     * viewer: what the API double's proxy mode forwards to.
     */
    async load(feed) {
      const id = `client-${++clients}`;
      const file = join(dir, `${id}.json`);
      writeFileSync(file, JSON.stringify(feed));
      cli('import', id, file);
      const token = linkToken(now, id, feed.viewer.name, feed.viewer.email);
      const res = await fetch(`${server.api}/portal`, { headers: { authorization: `Bearer ${token}` } });
      const { anonymous_key: anonymousKey } = await res.json();
      return { token, anonymousKey };
    },
    /** The token of a link for the client that expired 30 days ago. */
    expiredToken(name = 'Sam Okoro') {
      return linkToken(new Date(NOW.getTime() - 60 * 86400e3).toISOString(), 'agency', name);
    },
    revokeAll() {
      for (const line of cli('link', 'list', 'agency').trim().split('\n')) cli('link', 'revoke', line.split('\t')[0]);
    },
    /** What came in, as the agency's CSV: rows of cells. */
    inbox() {
      const csv = cli('inbox', '--since', '2000-01-01', '--csv');
      return csv.trim().split('\r\n').slice(1).map(parseCsvLine);
    },
    log: () => log,
    async close() {
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** One RFC 4180 line (no line breaks inside fields in these tests). */
function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else cell += c;
  }
  cells.push(cell);
  return cells;
}
