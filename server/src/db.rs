//! The database: SQLite (a file, created and migrated on start, WAL) or
//! PostgreSQL (`postgres://…`), through sqlx's `Any` driver so both run the
//! same migrations and the same queries (`$1` parameters, portable SQL).

use std::str::FromStr;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions};

pub type Pool = AnyPool;
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// The default database: a SQLite file beside where the server starts.
pub const DEFAULT_URL: &str = "sqlite://portal.db";

/// Which database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

impl Kind {
    pub fn of(url: &str) -> anyhow::Result<Kind> {
        if url.starts_with("sqlite:") {
            Ok(Kind::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Kind::Postgres)
        } else {
            anyhow::bail!("the database address must start with sqlite: or postgres:// (got {url})")
        }
    }
}

/// Connect, create the SQLite file if need be, and bring the tables up to
/// date.
pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    sqlx::any::install_default_drivers();
    let kind = Kind::of(url)?;
    let url = match kind {
        // Create the file on first start.
        Kind::Sqlite if !url.contains("mode=") => {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}mode=rwc")
        }
        _ => url.to_string(),
    };
    let options = AnyConnectOptions::from_str(&url)
        .with_context(|| format!("reading the database address {url}"))?
        .disable_statement_logging();
    let pool = AnyPoolOptions::new()
        // SQLite has one writer at a time; a few connections serve reads.
        .max_connections(if kind == Kind::Sqlite { 4 } else { 16 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if kind == Kind::Sqlite {
                    for pragma in [
                        "PRAGMA journal_mode = WAL",
                        "PRAGMA synchronous = FULL",
                        "PRAGMA foreign_keys = ON",
                        "PRAGMA busy_timeout = 10000",
                    ] {
                        sqlx::query(pragma).execute(&mut *conn).await?;
                    }
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .with_context(|| format!("opening the database {url}"))?;
    sqlx::migrate!("./migrations")
        .run(&pool)
        .await
        .context("bringing the database tables up to date")?;
    Ok(pool)
}
