-- The reference server's tables. Plain SQL that SQLite and PostgreSQL both
-- run as it is: text ids, BIGINT numbers, moments as RFC 3339 text in UTC
-- (they sort as text), JSON bodies as text.

-- A client company: the feed's agency, client, contacts, communication and
-- glossary as one JSON object; the lists are rows of `items`.
CREATE TABLE clients (
    id            TEXT PRIMARY KEY,
    profile       TEXT NOT NULL,
    anonymous_key TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Deliverables, versions, comments, approvals, deadlines and wins, each the
-- contract's JSON for it. Versions and comments belong to a deliverable
-- (parent_id); the others have parent_id ''. `origin` is 'agency' (from an
-- import or the CLI) or 'client' (a comment the client wrote): importing a
-- feed again replaces the agency's rows and keeps the client's.
CREATE TABLE items (
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    parent_id TEXT NOT NULL,
    id        TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    origin    TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (client_id, kind, parent_id, id)
);

-- Personal links. Only the SHA-256 of a token is kept.
CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    client_id    TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    viewer_name  TEXT NOT NULL,
    viewer_email TEXT,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT
);

-- Every write's Idempotency-Key with the first answer given to it.
CREATE TABLE writes (
    client_id  TEXT NOT NULL,
    idem_key   TEXT NOT NULL,
    route      TEXT NOT NULL,
    status     BIGINT NOT NULL,
    response   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (client_id, idem_key)
);

-- One decision per approval: a second one is refused (409).
CREATE TABLE decisions (
    client_id   TEXT NOT NULL,
    approval_id TEXT NOT NULL,
    decision    TEXT NOT NULL,
    version_id  TEXT NOT NULL,
    comment     TEXT,
    by_name     TEXT NOT NULL,
    token_id    TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    reference   TEXT NOT NULL,
    PRIMARY KEY (client_id, approval_id)
);

-- Feedback to a contact. An anonymous one has no token, name or reply
-- address: nothing but the client company it came from.
CREATE TABLE escalations (
    reference   TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL,
    to_contact  TEXT NOT NULL,
    anonymous   BIGINT NOT NULL,
    topic       TEXT NOT NULL,
    urgency     TEXT NOT NULL,
    message     TEXT NOT NULL,
    reply_to    TEXT,
    from_name   TEXT,
    token_id    TEXT,
    received_at TEXT NOT NULL
);

-- What came in, for the agency, in the order it came (`seq`, counted in the
-- write's transaction; equal only for writes committed at the same time): the CLI lists it, and each is delivered to
-- the webhook (retried with back-off until it is; kept across restarts).
CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    seq             BIGINT NOT NULL,
    client_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    attempts        BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    delivered_at    TEXT,
    last_error      TEXT
);
CREATE INDEX events_created ON events (created_at, seq);
CREATE INDEX events_pending ON events (delivered_at, next_attempt_at);
