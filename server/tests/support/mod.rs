//! A server on a fresh database for each test, with a clock the test sets.
//! SQLite always; PostgreSQL too when `PORTAL_TEST_POSTGRES` names a server
//! (scripts/test.sh starts one): each test runs on every database given.

#![allow(dead_code)]

pub mod receivers;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use chrono::Duration;
use portal_server::api::{self, AppState, Origins};
use portal_server::clock::ManualClock;
use portal_server::db::{self, Pool};
use portal_server::{cli, import, links};
use serde_json::Value;
use tower::ServiceExt;

pub const NOW: &str = "2026-11-23T09:00:00Z";
pub const ORIGIN: &str = "https://www.northwind.example";

pub struct Env {
    pub pool: Pool,
    pub clock: ManualClock,
    pub app: Router,
    /// Maya's token for the demo client.
    pub token: String,
    pub link_id: String,
    pub anonymous_key: String,
    _dir: Option<tempfile::TempDir>,
}

/// The databases to run on: a new SQLite file, and a new PostgreSQL
/// database when one is configured.
pub async fn databases() -> Vec<(String, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut list = vec![(
        format!("sqlite://{}", dir.path().join("portal.db").display()),
        Some(dir),
    )];
    if let Ok(base) = std::env::var("PORTAL_TEST_POSTGRES") {
        list.push((fresh_postgres(&base).await, None));
    }
    list
}

/// A new, empty database on the PostgreSQL server at `base`.
pub async fn fresh_postgres(base: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!(
        "t_{}",
        portal_server::secret::readable(12).to_ascii_lowercase()
    );
    let mut admin = sqlx::AnyConnection::connect(&format!("{base}/postgres"))
        .await
        .expect("PostgreSQL is up");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create a database");
    format!("{base}/{name}")
}

impl Env {
    pub async fn new(url: String, dir: Option<tempfile::TempDir>) -> Env {
        let clock = ManualClock::at(NOW);
        let pool = db::connect(&url).await.expect("the database opens");
        import::import_feed(&pool, cli::DEMO_CLIENT, cli::DEMO_FEED, clock_now(&clock))
            .await
            .expect("the demo imports");
        let issued = links::issue(
            &pool,
            cli::DEMO_CLIENT,
            "Maya Chen",
            Some("maya@lumen-coffee.example"),
            Duration::days(30),
            clock_now(&clock),
        )
        .await
        .expect("a link");
        let (anonymous_key,): (String,) =
            sqlx::query_as("SELECT anonymous_key FROM clients WHERE id = 'demo'")
                .fetch_one(&pool)
                .await
                .unwrap();
        let state = AppState {
            pool: pool.clone(),
            clock: Arc::new(clock.clone()),
        };
        let app = api::router(state, Origins::new([ORIGIN]));
        Env {
            pool,
            clock,
            app,
            token: issued.token,
            link_id: issued.id,
            anonymous_key,
            _dir: dir,
        }
    }

    /// Send a request to the API; returns the status, headers and JSON body.
    pub async fn send(&self, req: Req) -> Res {
        let mut b = Request::builder().method(req.method).uri(req.path);
        for (k, v) in &req.headers {
            b = b.header(k.as_str(), v.as_str());
        }
        let res = self
            .app
            .clone()
            .oneshot(b.body(Body::from(req.body)).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Res {
            status,
            headers,
            json,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub fn get(&self, path: &str) -> Req {
        Req::new(Method::GET, path).bearer(&self.token)
    }

    pub fn post(&self, path: &str, body: Value) -> Req {
        Req::new(Method::POST, path)
            .bearer(&self.token)
            .header("content-type", "application/json")
            .body(body.to_string())
    }

    /// A post sent only with the client's anonymous key (no token).
    pub fn anonymous_post(&self, path: &str, body: Value) -> Req {
        Req::new(Method::POST, path)
            .header("x-anonymous-key", &self.anonymous_key)
            .header("content-type", "application/json")
            .body(body.to_string())
    }

    pub async fn feed(&self) -> Value {
        let r = self.send(self.get("/portal")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        r.json
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&self.pool).await.unwrap();
        n
    }
}

fn clock_now(c: &ManualClock) -> chrono::DateTime<chrono::Utc> {
    use portal_server::clock::Clock;
    c.now()
}

pub struct Req {
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Req {
    pub fn new(method: Method, path: &str) -> Req {
        Req {
            method,
            path: path.into(),
            headers: vec![],
            body: String::new(),
        }
    }

    pub fn header(mut self, k: &str, v: &str) -> Req {
        self.headers.retain(|(key, _)| !key.eq_ignore_ascii_case(k));
        self.headers.push((k.into(), v.into()));
        self
    }

    pub fn bearer(self, token: &str) -> Req {
        self.header("authorization", &format!("Bearer {token}"))
    }

    pub fn without(mut self, k: &str) -> Req {
        self.headers.retain(|(key, _)| !key.eq_ignore_ascii_case(k));
        self
    }

    pub fn key(self, key: &str) -> Req {
        self.header("idempotency-key", key)
    }

    pub fn body(mut self, body: String) -> Req {
        self.body = body;
        self
    }
}

pub struct Res {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
    pub text: String,
}

impl Res {
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers.get(k).and_then(|v| v.to_str().ok())
    }

    pub fn field(&self) -> &str {
        self.json["error"]["field"].as_str().unwrap_or_default()
    }

    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or_default()
    }
}

/// Run `test` on every database.
#[macro_export]
macro_rules! on_every_database {
    ($name:ident, |$env:ident| $body:block) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $name() {
            for (url, dir) in support::databases().await {
                let $env = support::Env::new(url, dir).await;
                $body
            }
        }
    };
}
