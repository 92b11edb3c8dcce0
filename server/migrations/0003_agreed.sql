-- "What we agreed" (contract additions): the scope, meetings, reports and
-- requests are rows of `items` (kinds 'scope', 'meeting', 'report',
-- 'request'; a request the client sent has origin 'client'). The client's
-- answers to a meeting's agreements are kept here and laid over the
-- meeting's notes, so importing the notes again keeps them; the latest
-- answer to an agreement counts.
CREATE TABLE confirmations (
    client_id    TEXT NOT NULL,
    meeting_id   TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    status       TEXT NOT NULL,
    comment      TEXT,
    by_name      TEXT NOT NULL,
    token_id     TEXT NOT NULL,
    answered_at  TEXT NOT NULL,
    PRIMARY KEY (client_id, meeting_id, agreement_id)
);
