// The agency API double: a real HTTP server on its own loopback port (so a
// different origin from the app, and CORS applies exactly as in a real
// embed). It serves the contract, records every request, and can be told
// to misbehave.
//
// With an `upstream` (the reference server, support/server.mjs), it is a
// recording proxy in front of that server instead: faults, an unreachable
// API and CORS are still played here, and everything else is answered by
// the real server on its database (E2E_API=server, scripts/test.sh).
import { createServer } from 'node:http';
import { NOW } from './now.mjs';

export const TOKEN = 'test-token-123';

/**
 * @param {object} o
 * @param {() => Date} [o.clock] the double's "now" for the times it stamps
 *        (decisions, comments, concerns): the tests' NOW unless a test moves it
 * @param {object} [o.upstream] the reference server, to forward to:
 *        `{ api, load(feed) → Promise<{token, anonymousKey}> }`
 */
export async function startApiDouble({ allowOrigin, portal, clock = () => NOW, upstream }) {
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
    /** with an upstream: the current client's real token and anonymous key
     *  (none for a feed the server refuses: the double serves that itself) */
    session: null,
    loading: null,
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
    await state.loading;
    if (upstream && state.session) {
      const answer = await forward(req.method, url.pathname, req.headers, token, body);
      // A repeated key was answered by the server with its first answer:
      // recorded once, as the double records it.
      if (req.method === 'POST' && answer.status < 300 && !state.answered.has(req.headers['idempotency-key'])) {
        state.writes.push({ key: req.headers['idempotency-key'], path: url.pathname, body: JSON.parse(body) });
        state.answered.set(req.headers['idempotency-key'], answer);
      }
      return send(answer.status, answer.body);
    }
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

  /**
   * One request answered by the upstream server, as the page sent it but
   * with the current client's real token (an unknown one is passed on, to
   * be refused there) and anonymous key; the feed's anonymous key is shown
   * to the page as the test's feed has it.
   */
  async function forward(method, path, headers, token, body) {
    const sent = { accept: 'application/json' };
    for (const h of ['content-type', 'idempotency-key']) if (headers[h]) sent[h] = headers[h];
    if (token) sent.authorization = `Bearer ${state.acceptedTokens.has(token) ? state.session.token : token}`;
    const anonymous = headers['x-anonymous-key'];
    if (anonymous) sent['x-anonymous-key'] = anonymous === state.portal.anonymous_key ? state.session.anonymousKey : anonymous;
    const res = await fetch(`${upstream.api}${path}`, { method, headers: sent, body: method === 'POST' ? body : undefined });
    const answer = await res.json();
    if (method === 'GET' && path === '/portal' && res.ok) {
      if (state.portal.anonymous_key) answer.anonymous_key = state.portal.anonymous_key;
      else delete answer.anonymous_key;
    }
    return { status: res.status, body: answer };
  }

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
    if ((m = path.match(/^\/meetings\/([^/]+)\/confirmation$/))) {
      const meeting = (feed.meetings ?? []).find((x) => x.id === decodeURIComponent(m[1]));
      if (!meeting) return { status: 404, body: { error: { code: 'not_found', message: 'No such meeting.' } } };
      const ids = input.agreement_ids;
      if (!Array.isArray(ids) || !ids.length || !ids.every((id) => meeting.agreements.some((a) => a.id === id))) {
        return { status: 422, body: { error: { code: 'invalid', message: 'That is not in the notes of this meeting.', field: 'agreement_ids' } } };
      }
      if (!['confirmed', 'disputed'].includes(input.status)) {
        return { status: 422, body: { error: { code: 'invalid', message: 'Unknown answer.', field: 'status' } } };
      }
      if (input.status === 'disputed' && !(input.comment ?? '').trim()) {
        return { status: 422, body: { error: { code: 'comment_required', message: 'Please say what you remember.', field: 'comment' } } };
      }
      // The latest answer counts.
      for (const a of meeting.agreements) if (ids.includes(a.id)) a.status = input.status;
      return { status: 200, body: meeting };
    }
    if (path === '/requests') {
      const invalid = (field, message) => ({ status: 422, body: { error: { code: 'invalid', message, field } } });
      const title = (input.title ?? '').trim();
      if (!title || title.length > 200) return invalid('title', 'Please give your request a short title.');
      if (!(input.description ?? '').trim()) return invalid('description', 'Please describe what you need.');
      if (input.scope_item_id !== undefined && !(feed.scope?.included ?? []).some((x) => x.id === input.scope_item_id)) {
        return invalid('scope_item_id', 'That part of the agreed work is no longer listed.');
      }
      if (input.wanted_by !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.wanted_by)) return invalid('wanted_by', 'Please choose a day.');
      const links = input.links ?? [];
      if (links.length > 10 || !links.every((l) => /^https?:\/\/\S+$/.test(l))) return invalid('links', 'Please give web addresses.');
      const received = state.clock();
      const respond = new Date(received.getTime() + feed.communication.response_hours * 3600e3);
      const reference = `REQ-${++counter}`;
      (feed.requests ??= []).push({ id: `rq-${counter}`, title, status: 'received', created_at: received.toISOString(), respond_by: respond.toISOString() });
      return { status: 201, body: { reference, received_at: received.toISOString(), respond_by: respond.toISOString(), status: 'received' } };
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
    /**
     * A new feed. With an upstream it becomes a new client on the server
     * (await it), unless `local`: a feed the server would refuse to import
     * (malformed on purpose, from a newer contract…), served by the double.
     */
    reset(portalFeed, { local = false } = {}) {
      state.portal = portalFeed;
      state.clock = clock;
      state.faults = [];
      state.requests = [];
      state.writes = [];
      state.answered = new Map();
      state.down = false;
      for (const res of state.hanging.splice(0)) res.destroy();
      state.session = null;
      state.loading =
        upstream && !local && typeof portalFeed === 'object'
          ? upstream.load(portalFeed).then((session) => {
              state.session = session;
            })
          : null;
      return state.loading ?? Promise.resolve();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(ok));
    },
  };
}
