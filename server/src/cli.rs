//! The command line: run the server, and the agency's tools.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clap::{Parser, Subcommand};

use crate::api::{self, AppState, Origins};
use crate::clock::{stored, Clock, ManualClock, SystemClock};
use crate::db::{self, Pool};
use crate::delivery::{self, Channel};
use crate::import::{self, Kind};
use crate::mail::Mail;
use crate::webhook::Hook;
use crate::{inbox, links, site};

/// The demo agency's feed, the one the portal runs in the browser.
pub const DEMO_FEED: &str = include_str!("../../demo/portal.json");
/// The demo client's id in the database.
pub const DEMO_CLIENT: &str = "demo";

#[derive(Parser, Debug)]
#[command(
    name = "portal-server",
    version,
    about = "The client portal's API server and the agency's tools."
)]
pub struct Cli {
    /// The database: a SQLite file (sqlite://portal.db) or PostgreSQL (postgres://user:pass@host/db).
    #[arg(long, global = true, env = "PORTAL_DATABASE", default_value = db::DEFAULT_URL)]
    pub db: String,
    /// Stop the clock at this moment (RFC 3339): for tests and rehearsals only.
    #[arg(long, global = true, env = "PORTAL_FIXED_NOW", hide = true)]
    pub now: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the API (and the portal's files, with --site).
    Serve(Serve),
    /// Create a client from a feed file, or update it (the client's own decisions and comments stay).
    Import {
        /// The client's id: letters, digits, - and _.
        client: String,
        /// A feed as docs/api.md describes it (`viewer` and `anonymous_key` are set by the server).
        file: PathBuf,
    },
    /// Add or update one deliverable, version, comment, approval, deadline, win, meeting, report,
    /// request (its status and your assessment) or the scope, from a JSON file.
    Add {
        #[arg(value_enum)]
        kind: Kind,
        client: String,
        file: PathBuf,
        /// The deliverable a version or comment belongs to.
        #[arg(long)]
        deliverable: Option<String>,
    },
    /// Personal links.
    #[command(subcommand)]
    Link(LinkCommand),
    /// The client's requests for something new.
    #[command(subcommand)]
    Request(RequestCommand),
    /// What came in (decisions, comments, escalations, confirmed or disputed agreements,
    /// requests) since a day or moment.
    Inbox {
        /// A day (2026-11-01) or a moment (2026-11-01T09:00:00+01:00).
        #[arg(long)]
        since: String,
        #[arg(long)]
        client: Option<String>,
        /// CSV instead of a list.
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum RequestCommand {
    /// Answer a request (its id is in `inbox`): the client sees the status and your words.
    Answer {
        client: String,
        id: String,
        /// received, in_scope, change_order, declined or done.
        #[arg(long)]
        status: String,
        /// What happens next, in plain words (inside the agreed work, or what it would cost).
        #[arg(long)]
        assessment: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum LinkCommand {
    /// Issue a personal link for one person at a client; prints it once.
    Issue {
        client: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        /// How many days the link works.
        #[arg(long, default_value_t = 90)]
        days: i64,
        /// The address of the page that shows the portal.
        #[arg(long, env = "PORTAL_PUBLIC_URL")]
        portal_url: String,
    },
    /// Revoke a link by its id (see `link list`).
    Revoke { id: String },
    /// A client's links (never the tokens).
    List { client: String },
}

#[derive(clap::Args, Debug)]
pub struct Serve {
    /// Where to listen.
    #[arg(long, env = "PORTAL_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The portal's built files (dist/): served at / with the API at /api.
    #[arg(long, env = "PORTAL_SITE")]
    pub site: Option<PathBuf>,
    /// The address people open (for printed links); defaults to http://<listen>/.
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Origins of the agency's pages allowed to call the API (comma-separated).
    #[arg(
        long = "allow-origin",
        env = "PORTAL_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    pub allow_origin: Vec<String>,
    /// Where to deliver every client action (JSON, signed).
    #[arg(long, env = "PORTAL_WEBHOOK_URL", requires = "webhook_secret")]
    pub webhook_url: Option<String>,
    /// The HMAC-SHA256 key for X-Portal-Signature.
    #[arg(long, env = "PORTAL_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
    /// An SMTP server to e-mail every client action through:
    /// smtps://user:password@smtp.example.com (or smtp://…?tls=required).
    #[arg(long, env = "PORTAL_SMTP_URL", hide_env_values = true, requires_all = ["mail_from", "mail_to"])]
    pub smtp_url: Option<String>,
    /// The sender of those e-mails, e.g. "Client portal <portal@agency.example>".
    #[arg(long, env = "PORTAL_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Who gets them (comma-separated).
    #[arg(long, env = "PORTAL_MAIL_TO", value_delimiter = ',')]
    pub mail_to: Vec<String>,
    /// Load the demo agency (if the database has no clients) and print a link to it.
    #[arg(long)]
    pub demo: bool,
}

/// The demo feed with its dates moved to today, as the portal's in-browser
/// demo does, so the demo agency always looks current.
pub fn demo_feed(now: DateTime<Utc>) -> String {
    use client_portal::domain::shift;
    let mut portal = client_portal::contract::parse_portal(DEMO_FEED)
        .expect("the demo feed follows the contract");
    let mut agreed = client_portal::contract::agreed::parse_agreed(DEMO_FEED)
        .expect("the demo feed follows the contract");
    let days = shift::days_to(&portal, now.date_naive());
    shift::shift_days(&mut portal, days);
    shift::shift_agreed(&mut agreed, days);
    let mut feed = serde_json::to_value(&portal).expect("contract types serialize");
    let serde_json::Value::Object(more) =
        serde_json::to_value(&agreed).expect("contract types serialize")
    else {
        unreachable!("a struct serializes as an object")
    };
    feed.as_object_mut()
        .expect("a struct serializes as an object")
        .extend(more);
    feed.to_string()
}

fn read(file: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))
}

/// A day (start of that day, UTC) or a moment, as stored.
pub fn since(s: &str) -> anyhow::Result<String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(stored(t.with_timezone(&Utc)));
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").with_context(|| {
        format!("--since takes a day (2026-11-01) or a moment (2026-11-01T09:00:00Z), not `{s}`")
    })?;
    Ok(stored(
        day.and_hms_opt(0, 0, 0).expect("midnight").and_utc(),
    ))
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let clock: Arc<dyn Clock> = match &cli.now {
        Some(at) => {
            DateTime::parse_from_rfc3339(at)
                .with_context(|| format!("--now takes an RFC 3339 moment, not `{at}`"))?;
            Arc::new(ManualClock::at(at))
        }
        None => Arc::new(SystemClock),
    };
    let pool = db::connect(&cli.db).await?;
    match cli.command {
        Command::Serve(s) => serve(pool, clock, s).await,
        Command::Import { client, file } => {
            let done = import::import_feed(&pool, &client, &read(&file)?, clock.now()).await?;
            let verb = if done.created { "created" } else { "updated" };
            println!("Client {client} {verb}: {} rows.", done.rows);
            Ok(())
        }
        Command::Add {
            kind,
            client,
            file,
            deliverable,
        } => {
            let id =
                import::add(&pool, &client, kind, deliverable.as_deref(), &read(&file)?).await?;
            println!("{} {id} saved for {client}.", kind.as_str());
            Ok(())
        }
        Command::Link(LinkCommand::Issue {
            client,
            name,
            email,
            days,
            portal_url,
        }) => {
            anyhow::ensure!(days > 0, "--days must be at least 1");
            let issued = links::issue(
                &pool,
                &client,
                &name,
                email.as_deref(),
                Duration::days(days),
                clock.now(),
            )
            .await?;
            println!("{}", issued.url(&portal_url));
            eprintln!(
                "Link {} for {name}, valid until {}.",
                issued.id,
                stored(issued.expires_at)
            );
            Ok(())
        }
        Command::Request(RequestCommand::Answer {
            client,
            id,
            status,
            assessment,
        }) => {
            import::answer_request(&pool, &client, &id, &status, assessment.as_deref()).await?;
            println!("Request {id} of {client} is now {status}.");
            Ok(())
        }
        Command::Link(LinkCommand::Revoke { id }) => {
            anyhow::ensure!(
                links::revoke(&pool, &id, clock.now()).await?,
                "there is no active link `{id}`"
            );
            println!("Link {id} revoked.");
            Ok(())
        }
        Command::Link(LinkCommand::List { client }) => {
            for l in links::list(&pool, &client).await? {
                let state = match &l.revoked_at {
                    Some(at) => format!("revoked {at}"),
                    None => format!("valid until {}", l.expires_at),
                };
                println!(
                    "{}\t{}\t{}\t{state}",
                    l.id,
                    l.name,
                    l.email.unwrap_or_default()
                );
            }
            Ok(())
        }
        Command::Inbox {
            since: from,
            client,
            csv,
        } => {
            let entries = inbox::since(&pool, &since(&from)?, client.as_deref()).await?;
            if csv {
                print!("{}", inbox::csv(&entries));
            } else if entries.is_empty() {
                println!("Nothing came in since {from}.");
            } else {
                for e in entries {
                    println!(
                        "{}  {}  {}  {}  {}",
                        e.created_at, e.client_id, e.from, e.subject, e.reference
                    );
                    if !e.text.is_empty() {
                        println!("    {}", e.text.replace('\n', "\n    "));
                    }
                }
            }
            Ok(())
        }
    }
}

async fn serve(pool: Pool, clock: Arc<dyn Clock>, s: Serve) -> anyhow::Result<()> {
    let state = AppState {
        pool: pool.clone(),
        clock: clock.clone(),
    };
    let api = api::router(state, Origins::new(&s.allow_origin));
    let app = match &s.site {
        Some(dir) => site::router(dir, "/api")?.nest("/api", api),
        None => api,
    };
    let mut channels = Vec::new();
    if let (Some(url), Some(secret)) = (s.webhook_url.clone(), s.webhook_secret.clone()) {
        channels.push(Channel::Webhook(Hook { url, secret }));
    }
    if let (Some(url), Some(from)) = (&s.smtp_url, &s.mail_from) {
        channels.push(Channel::Mail(Box::new(Mail::new(url, from, &s.mail_to)?)));
    }
    delivery::spawn(
        pool.clone(),
        channels,
        clock.clone(),
        StdDuration::from_secs(2),
    );
    let listener = tokio::net::TcpListener::bind(s.listen)
        .await
        .with_context(|| format!("listening on {}", s.listen))?;
    let bound = listener.local_addr()?;
    let public_url = s
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{bound}/"));
    if s.demo {
        let (clients,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM clients")
            .fetch_one(&pool)
            .await?;
        if clients == 0 {
            import::import_feed(&pool, DEMO_CLIENT, &demo_feed(clock.now()), clock.now()).await?;
        }
        let issued = links::issue(
            &pool,
            DEMO_CLIENT,
            "Maya Chen",
            Some("maya@lumen-coffee.example"),
            Duration::days(30),
            clock.now(),
        )
        .await
        .context("issuing the demo link")?;
        println!("Open the demo client's portal: {}", issued.url(&public_url));
    }
    eprintln!("Serving on http://{bound}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
