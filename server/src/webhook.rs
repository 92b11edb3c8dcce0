//! What came in, delivered to the agency's webhook.
//!
//! Each client action is recorded as an event in the same transaction as
//! the action itself, so nothing answered 2xx is ever missing from it. A
//! worker posts due events as JSON, signed with HMAC-SHA256
//! (`X-Portal-Signature: sha256=<hex of HMAC(secret, "<timestamp>.<body>")>`
//! with `X-Portal-Timestamp`), and retries failures with growing waits;
//! since the events live in the database, a restart loses none. Several
//! server instances can run the worker: each event is claimed by moving
//! its next attempt before it is sent.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::clock::{stored, Clock};
use crate::db::{Pool, Tx};
use crate::secret;

/// Where events go.
#[derive(Clone, Debug)]
pub struct Hook {
    pub url: String,
    pub secret: String,
}

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
        "INSERT INTO events (id, seq, client_id, kind, body, created_at, attempts, next_attempt_at)
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events), $2, $3, $4, $5, 0, $5)",
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

/// The wait before attempt `n + 1`: 10 s, 20 s, 40 s… at most 1 hour.
pub fn backoff(attempts: u32) -> Duration {
    let secs = 10i64.saturating_mul(1i64 << attempts.min(20));
    Duration::seconds(secs.min(3600))
}

/// How long an instance holds an event while it sends it.
const LEASE: i64 = 60;

/// Send every event that is due; returns how many were delivered.
pub async fn deliver_due(
    pool: &Pool,
    hook: &Hook,
    clock: &dyn Clock,
    http: &reqwest::Client,
) -> anyhow::Result<usize> {
    let now = clock.now();
    let due: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT id, body, attempts, next_attempt_at FROM events
         WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY created_at, seq, id LIMIT 50",
    )
    .bind(stored(now))
    .fetch_all(pool)
    .await?;
    let mut delivered = 0;
    for (id, body, attempts, next_at) in due {
        // Claim it: only one instance moves it from the moment it read.
        let claimed = sqlx::query(
            "UPDATE events SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3",
        )
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
        let timestamp = now.timestamp().to_string();
        let signature = secret::sign(&hook.secret, &timestamp, &body);
        let sent = http
            .post(&hook.url)
            .header("content-type", "application/json")
            .header("x-portal-event", &id)
            .header("x-portal-timestamp", &timestamp)
            .header("x-portal-signature", format!("sha256={signature}"))
            .body(body)
            .timeout(StdDuration::from_secs(15))
            .send()
            .await;
        let failure = match sent {
            Ok(r) if r.status().is_success() => None,
            Ok(r) => Some(format!("the webhook answered {}", r.status())),
            Err(e) => Some(format!("the webhook could not be reached: {e}")),
        };
        let after = clock.now();
        match failure {
            None => {
                sqlx::query("UPDATE events SET delivered_at = $1, attempts = $2, last_error = NULL WHERE id = $3")
                    .bind(stored(after))
                    .bind(attempts + 1)
                    .bind(&id)
                    .execute(pool)
                    .await?;
                delivered += 1;
            }
            Some(error) => {
                let next = after + backoff(u32::try_from(attempts).unwrap_or(u32::MAX));
                sqlx::query("UPDATE events SET attempts = $1, next_attempt_at = $2, last_error = $3 WHERE id = $4")
                    .bind(attempts + 1)
                    .bind(stored(next))
                    .bind(&error)
                    .bind(&id)
                    .execute(pool)
                    .await?;
                eprintln!(
                    "webhook: event {id} not delivered ({error}); next try at {}",
                    stored(next)
                );
            }
        }
    }
    Ok(delivered)
}

/// Deliver events until the server stops, looking every `every`.
pub fn spawn(
    pool: Pool,
    hook: Hook,
    clock: Arc<dyn Clock>,
    every: StdDuration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let http = reqwest::Client::new();
        loop {
            if let Err(e) = deliver_due(&pool, &hook, clock.as_ref(), &http).await {
                eprintln!("webhook: {e:#}");
            }
            tokio::time::sleep(every).await;
        }
    })
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
