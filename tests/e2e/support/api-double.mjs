// The agency API double: a real HTTP server on its own loopback port (so a
// different origin from the app, and CORS applies exactly as in a real
// embed). It serves the contract, records every request, and can be told
// to misbehave.
import { createServer } from 'node:http';
import { NOW } from './now.mjs';

export const TOKEN = 'test-token-123';

/**
 * @param {object} o
 * @param {() => Date} [o.clock] the double's "now" for the times it stamps
 *        (decisions, comments, concerns): the tests' NOW unless a test moves it
 */
export async function startApiDouble({ allowOrigin, portal, clock = () => NOW }) {
  const state = {
    clock,
    portal,
    /** queued answers that replace the next responses: {status, body, raw},
     *  or {hang: true} for a request that is never answered */
    faults: [],
    requests: [],
    /** writes that took effect: {key, path, body} */
    writes: [],
    /** idempotency key → the first answer */
    answered: new Map(),
    /** when true, every connection is dropped (the API is unreachable) */
    down: false,
    allowOrigin,
    acceptedTokens: new Set([TOKEN]),
    /** responses held open by a `hang` fault */
    hanging: [],
  };

  const server = createServer(async (req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://x');
    state.requests.push({ method: req.method, path: url.pathname, headers: req.headers, body });

    const cors = {
      // One origin, or the request's own when it is among several allowed
      // (space-separated), as a real API with a list of sites does.
      'access-control-allow-origin': state.allowOrigin.split(' ').includes(req.headers.origin) ? req.headers.origin : state.allowOrigin.split(' ')[0],
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
    const fault = state.faults.findIndex((f) => (!f.method || f.method === req.method) && (!f.path || f.path.test(url.pathname)));
    if (fault >= 0) {
      const [f] = state.faults.splice(fault, 1);
      if (f.hang) state.hanging.push(res);
      else send(f.status, f.body, f.raw);
      return;
    }
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
    // An anonymous concern is let in by the client company's key alone.
    const anonymous =
      req.method === 'POST' &&
      url.pathname === '/escalations' &&
      !auth &&
      typeof state.portal === 'object' &&
      !!state.portal.anonymous_key &&
      req.headers['x-anonymous-key'] === state.portal.anonymous_key;
    if (!anonymous && !state.acceptedTokens.has(token)) {
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
    if (req.method === 'POST') {
      const key = req.headers['idempotency-key'];
      if (!key) return send(400, { error: { code: 'no_key', message: 'Idempotency-Key is required.' } });
      if (state.answered.has(key)) {
        const a = state.answered.get(key);
        return send(a.status, a.body);
      }
      let input;
      try {
        input = JSON.parse(body);
      } catch {
        return send(400, { error: { code: 'bad_json', message: 'The request was not JSON.' } });
      }
      const answer = write(url.pathname, input);
      if (answer.status < 300) {
        state.answered.set(key, answer);
        state.writes.push({ key, path: url.pathname, body: input });
      }
      return send(answer.status, answer.body);
    }
    send(404, { error: { code: 'not_found', message: 'No such thing.' } });
  });

  let counter = 0;
  const now = () => state.clock().toISOString();
  function write(path, input) {
    const feed = state.portal;
    let m;
    if ((m = path.match(/^\/approvals\/([^/]+)\/decision$/))) {
      const a = feed.approvals.find((x) => x.id === decodeURIComponent(m[1]));
      if (!a) return { status: 404, body: { error: { code: 'not_found', message: 'No such approval.' } } };
      if (!['approve', 'request_changes'].includes(input.decision) || typeof input.version_id !== 'string') {
        return { status: 422, body: { error: { code: 'invalid', message: 'Unknown decision.' } } };
      }
      if (input.decision === 'request_changes' && !(input.comment ?? '').trim()) {
        return { status: 422, body: { error: { code: 'comment_required', message: 'Please say what should change.' } } };
      }
      if (a.status !== 'pending') {
        return { status: 409, body: { error: { code: 'already_decided', message: 'This was already decided by someone else.' } } };
      }
      a.status = input.decision === 'approve' ? 'approved' : 'changes_requested';
      a.decision = { by: feed.viewer.name, at: now(), reference: `HC-${++counter}` };
      if (input.comment) a.decision.comment = input.comment;
      return { status: 200, body: a };
    }
    if ((m = path.match(/^\/deliverables\/([^/]+)\/comments$/))) {
      const d = feed.deliverables.find((x) => x.id === decodeURIComponent(m[1]));
      if (!d) return { status: 404, body: { error: { code: 'not_found', message: 'No such deliverable.' } } };
      if (!(input.body ?? '').trim()) return { status: 422, body: { error: { code: 'empty', message: 'The comment is empty.' } } };
      const c = { id: `c-${++counter}`, author: feed.viewer.name, body: input.body, created_at: now() };
      if (input.version_id) c.version_id = input.version_id;
      d.comments.push(c);
      return { status: 201, body: c };
    }
    if (path === '/escalations') {
      if (!feed.contacts.some((c) => c.id === input.to)) {
        return { status: 422, body: { error: { code: 'unknown_contact', message: 'That person is not on your team.' } } };
      }
      if (!(input.message ?? '').trim()) return { status: 422, body: { error: { code: 'empty', message: 'The message is empty.' } } };
      const received = state.clock();
      const respond = new Date(received.getTime() + feed.communication.response_hours * 3600e3);
      return { status: 201, body: { reference: `ESC-${++counter}`, received_at: received.toISOString(), respond_by: respond.toISOString() } };
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'No such thing.' } } };
  }

  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    state,
    /** requests other than CORS preflights */
    calls: () => state.requests.filter((r) => r.method !== 'OPTIONS'),
    reset(portalFeed) {
      state.portal = portalFeed;
      state.clock = clock;
      state.faults = [];
      state.requests = [];
      state.writes = [];
      state.answered = new Map();
      state.down = false;
      for (const res of state.hanging.splice(0)) res.destroy();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(ok));
    },
  };
}
