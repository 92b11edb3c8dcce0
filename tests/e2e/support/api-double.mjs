// The agency API double: a real HTTP server on its own loopback port (so a
// different origin from the app, and CORS applies exactly as in a real
// embed). It serves the contract, records every request, and can be told
// to misbehave.
import { createServer } from 'node:http';

export const TOKEN = 'test-token-123';

export async function startApiDouble({ allowOrigin, portal }) {
  const state = {
    portal,
    /** queued answers that replace the next responses: {status, body, raw} */
    faults: [],
    requests: [],
    allowOrigin,
    acceptedTokens: new Set([TOKEN]),
  };

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://x');
    state.requests.push({ method: req.method, path: url.pathname, headers: req.headers, body });

    const cors = {
      'access-control-allow-origin': state.allowOrigin,
      'access-control-allow-headers': 'Authorization, Content-Type, Idempotency-Key, X-Anonymous-Key',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-max-age': '600',
      vary: 'Origin',
    };
    const send = (status, payload, raw = false) => {
      res.writeHead(status, { ...cors, 'content-type': raw ? 'text/html' : 'application/json' });
      res.end(raw ? payload : JSON.stringify(payload));
    };

    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (state.faults.length) {
      const f = state.faults.shift();
      send(f.status, f.body, f.raw);
      return;
    }
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
    if (!state.acceptedTokens.has(token)) {
      send(401, {
        error: {
          code: 'invalid_token',
          message: 'This link is no longer valid.',
          contact: { name: 'Ana Ruiz', email: 'ana@northwind.example', phone: '+49 30 1234 5601' },
        },
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/portal') {
      if (typeof state.portal === 'string') send(200, state.portal, true);
      else send(200, state.portal);
      return;
    }
    send(404, { error: { code: 'not_found', message: 'No such thing.' } });
  });

  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    state,
    /** requests other than CORS preflights */
    calls: () => state.requests.filter((r) => r.method !== 'OPTIONS'),
    reset(portalFeed) {
      state.portal = portalFeed;
      state.faults = [];
      state.requests = [];
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
