//! What came in, as events, and sending them to the agency.
//!
//! Each client action is recorded as an event in the same transaction as
//! the action itself, so nothing answered 2xx is ever missing from it.
//! Events go by webhook, by e-mail, or both, each with its own attempts. A failure is retried after 10 s,
//! 20 s, 40 s… at most an hour apart; events live in the database, so a
//! restart loses none. Several server instances can run this: each event
//! is claimed (its next attempt moved on) before it is sent.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::clock::{stored, Clock};
use crate::db::{Pool, Tx};
use crate::mail::Mail;
use crate::secret;
use crate::webhook::Hook;

/// Record an event in the write's own transaction.
pub async fn record(
    tx: &mut Tx,
    client_id: &str,
    kind: &str,
    data: Value,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let id = secret::id("ev");
    let body = json!({ "id": id, "type": kind, "client_id": client_id, "created_at": stored(now), "data": data });
    sqlx::query(
        "INSERT INTO events (id, seq, client_id, kind, body, created_at, attempts, next_attempt_at, mail_attempts, next_mail_at)
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events), $2, $3, $4, $5, 0, $5, 0, $5)",
    )
    .bind(&id)
    .bind(client_id)
    .bind(kind)
    .bind(body.to_string())
    .bind(stored(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Where events go.
pub enum Channel {
    Webhook(Hook),
    Mail(Box<Mail>),
}

/// A channel's own columns in `events`.
struct Columns {
    attempts: &'static str,
    next: &'static str,
    done: &'static str,
    error: &'static str,
}

impl Channel {
    fn columns(&self) -> Columns {
        match self {
            Channel::Webhook(_) => Columns {
                attempts: "attempts",
                next: "next_attempt_at",
                done: "delivered_at",
                error: "last_error",
            },
            Channel::Mail(_) => Columns {
                attempts: "mail_attempts",
                next: "next_mail_at",
                done: "mailed_at",
                error: "mail_error",
            },
        }
    }

    /// Events older than this are not sent on this channel any more: a
    /// webhook gets every one, however late; an e-mail is worth sending
    /// for a day (the CLI's inbox lists everything), so turning e-mail on
    /// does not send the agency one mail for every past action.
    fn max_age(&self) -> Option<Duration> {
        match self {
            Channel::Webhook(_) => None,
            Channel::Mail(_) => Some(Duration::days(1)),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Channel::Webhook(_) => "webhook",
            Channel::Mail(_) => "e-mail",
        }
    }
}

/// The wait before attempt `n + 1`: 10 s, 20 s, 40 s… at most 1 hour.
pub fn backoff(attempts: u32) -> Duration {
    let secs = 10i64.saturating_mul(1i64 << attempts.min(20));
    Duration::seconds(secs.min(3600))
}

/// How long an instance holds an event while it sends it.
const LEASE: i64 = 60;

/// Send every event that is due on `channel`; returns how many went.
pub async fn deliver_due(
    pool: &Pool,
    channel: &Channel,
    clock: &dyn Clock,
) -> anyhow::Result<usize> {
    let Columns {
        attempts,
        next,
        done,
        error,
    } = channel.columns();
    let now = clock.now();
    let due: Vec<(String, String, String, String, i64, String)> = sqlx::query_as(&format!(
        "SELECT id, client_id, kind, body, {attempts}, {next} FROM events
         WHERE {done} IS NULL AND {next} <= $1 AND created_at >= $2
         ORDER BY created_at, seq, id LIMIT 50"
    ))
    .bind(stored(now))
    .bind(
        channel
            .max_age()
            .map(|age| stored(now - age))
            .unwrap_or_default(),
    )
    .fetch_all(pool)
    .await?;
    let mut sent = 0;
    for (id, client_id, kind, body, tries, next_at) in due {
        // Claim it: only one instance moves it on from the moment it read.
        let claimed = sqlx::query(&format!(
            "UPDATE events SET {next} = $1 WHERE id = $2 AND {next} = $3"
        ))
        .bind(stored(now + Duration::seconds(LEASE)))
        .bind(&id)
        .bind(&next_at)
        .execute(pool)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            continue;
        }
        let result = match channel {
            Channel::Webhook(hook) => hook.send(&id, &body, now).await,
            Channel::Mail(mail) => mail.send(&client_id, &kind, &body).await,
        };
        let after = clock.now();
        match result {
            Ok(()) => {
                sqlx::query(&format!(
                    "UPDATE events SET {done} = $1, {attempts} = $2, {error} = NULL WHERE id = $3"
                ))
                .bind(stored(after))
                .bind(tries + 1)
                .bind(&id)
                .execute(pool)
                .await?;
                sent += 1;
            }
            Err(why) => {
                let again = after + backoff(u32::try_from(tries).unwrap_or(u32::MAX));
                sqlx::query(&format!(
                    "UPDATE events SET {attempts} = $1, {next} = $2, {error} = $3 WHERE id = $4"
                ))
                .bind(tries + 1)
                .bind(stored(again))
                .bind(&why)
                .bind(&id)
                .execute(pool)
                .await?;
                eprintln!(
                    "{}: event {id} not sent ({why}); next try at {}",
                    channel.name(),
                    stored(again)
                );
            }
        }
    }
    Ok(sent)
}

/// Send events until the server stops, looking every `every`.
pub fn spawn(pool: Pool, channels: Vec<Channel>, clock: Arc<dyn Clock>, every: StdDuration) {
    for channel in channels {
        let (pool, clock) = (pool.clone(), clock.clone());
        tokio::spawn(async move {
            loop {
                if let Err(e) = deliver_due(&pool, &channel, clock.as_ref()).await {
                    eprintln!("{}: {e:#}", channel.name());
                }
                tokio::time::sleep(every).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_stop_at_an_hour() {
        assert_eq!(backoff(0), Duration::seconds(10));
        assert_eq!(backoff(1), Duration::seconds(20));
        assert_eq!(backoff(3), Duration::seconds(80));
        assert_eq!(backoff(9), Duration::seconds(3600));
        assert_eq!(backoff(u32::MAX), Duration::seconds(3600));
    }
}
