-- E-mail to the agency (optional, over SMTP): each event's own attempts,
-- kept apart from the webhook's so that one channel failing does not hold
-- the other back.
ALTER TABLE events ADD COLUMN mail_attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN next_mail_at TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN mailed_at TEXT;
ALTER TABLE events ADD COLUMN mail_error TEXT;
CREATE INDEX events_unmailed ON events (mailed_at, next_mail_at);
