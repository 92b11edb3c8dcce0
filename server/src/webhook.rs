//! The agency's webhook: it gets each event (`delivery`) as JSON, signed with
//! HMAC-SHA256 (`X-Portal-Signature: sha256=<hex of HMAC(secret,
//! "<timestamp>.<body>")>` with `X-Portal-Timestamp`).

use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};

use crate::secret;

/// The agency's address for events, and the key they are signed with.
#[derive(Clone, Debug)]
pub struct Hook {
    pub url: String,
    pub secret: String,
}

impl Hook {
    /// Post one event: `Err` says why it was not taken.
    pub async fn send(&self, id: &str, body: &str, now: DateTime<Utc>) -> Result<(), String> {
        let timestamp = now.timestamp().to_string();
        let signature = secret::sign(&self.secret, &timestamp, body);
        let sent = http()
            .post(&self.url)
            .header("content-type", "application/json")
            .header("x-portal-event", id)
            .header("x-portal-timestamp", &timestamp)
            .header("x-portal-signature", format!("sha256={signature}"))
            .body(body.to_string())
            .timeout(StdDuration::from_secs(15))
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => Ok(()),
            Ok(r) => Err(format!("the webhook answered {}", r.status())),
            Err(e) => Err(format!("the webhook could not be reached: {e}")),
        }
    }
}

/// One HTTP client for every delivery (it keeps connections open).
fn http() -> &'static reqwest::Client {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(reqwest::Client::new)
}
