//! Personal links: a 256-bit token per person, stored only as its hash,
//! with an expiry and a revocation.

use chrono::{DateTime, Duration, Utc};

use crate::clock::{parse_stored, stored};
use crate::db::Pool;
use crate::secret;

/// A link just issued: the token is shown once and never stored.
#[derive(Debug)]
pub struct Issued {
    pub id: String,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl Issued {
    /// The address to hand the client: the portal's page with the token in
    /// the fragment (never sent to a server, removed from the address bar
    /// by the portal at once).
    pub fn url(&self, portal_url: &str) -> String {
        let base = portal_url.split('#').next().unwrap_or(portal_url);
        format!("{base}#token={}", self.token)
    }
}

/// Who a valid token belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Holder {
    pub token_id: String,
    pub client_id: String,
    pub name: String,
    pub email: Option<String>,
}

/// Why a token was not accepted. The client company is known for an
/// expired or revoked one (so the answer can name its contact).
#[derive(Debug, PartialEq)]
pub enum Refused {
    Unknown,
    Expired { client_id: String },
    Revoked { client_id: String },
}

pub async fn issue(
    pool: &Pool,
    client_id: &str,
    name: &str,
    email: Option<&str>,
    valid_for: Duration,
    now: DateTime<Utc>,
) -> anyhow::Result<Issued> {
    let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM clients WHERE id = $1")
        .bind(client_id)
        .fetch_optional(pool)
        .await?;
    anyhow::ensure!(exists.is_some(), "there is no client `{client_id}`");
    anyhow::ensure!(
        !name.trim().is_empty(),
        "a link needs the name of the person it is for"
    );
    let issued = Issued {
        id: secret::id("ln"),
        token: secret::new_token(),
        expires_at: now + valid_for,
    };
    sqlx::query(
        "INSERT INTO tokens (id, token_hash, client_id, viewer_name, viewer_email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&issued.id)
    .bind(secret::token_hash(&issued.token))
    .bind(client_id)
    .bind(name.trim())
    .bind(email)
    .bind(stored(now))
    .bind(stored(issued.expires_at))
    .execute(pool)
    .await?;
    Ok(issued)
}

/// Revoke a link by its id; false if there is none.
pub async fn revoke(pool: &Pool, link_id: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let done =
        sqlx::query("UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(stored(now))
            .bind(link_id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The person a bearer token stands for, if it is known, current and not
/// revoked.
pub async fn check(
    pool: &Pool,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Holder, Refused>> {
    type Row = (
        String,
        String,
        String,
        Option<String>,
        String,
        Option<String>,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, client_id, viewer_name, viewer_email, expires_at, revoked_at
         FROM tokens WHERE token_hash = $1",
    )
    .bind(secret::token_hash(token))
    .fetch_optional(pool)
    .await?;
    let Some((token_id, client_id, name, email, expires_at, revoked_at)) = row else {
        return Ok(Err(Refused::Unknown));
    };
    if revoked_at.is_some() {
        return Ok(Err(Refused::Revoked { client_id }));
    }
    if parse_stored(&expires_at).is_none_or(|t| t <= now) {
        return Ok(Err(Refused::Expired { client_id }));
    }
    Ok(Ok(Holder {
        token_id,
        client_id,
        name,
        email,
    }))
}

/// A link as the agency sees it in a list (never the token).
#[derive(Debug)]
pub struct Listed {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub created_at: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
}

pub async fn list(pool: &Pool, client_id: &str) -> anyhow::Result<Vec<Listed>> {
    type Row = (
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, viewer_name, viewer_email, created_at, expires_at, revoked_at
         FROM tokens WHERE client_id = $1 ORDER BY created_at, id",
    )
    .bind(client_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, email, created_at, expires_at, revoked_at)| Listed {
                id,
                name,
                email,
                created_at,
                expires_at,
                revoked_at,
            },
        )
        .collect())
}
