//! The server as an agency runs it: the binary, its command line, its
//! log, a SIGKILL and a restart.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_portal-server");

fn cli(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the server binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A running server and everything it has logged.
struct Server {
    child: Child,
    log: Arc<Mutex<String>>,
    base: String,
}

impl Server {
    fn start(db: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["--db", db, "serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let log: Arc<Mutex<String>> = Arc::default();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let mut l = log.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let mut server = Server {
            child,
            log,
            base: String::new(),
        };
        server.base = server.line("Serving on ").trim().to_string();
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The rest of the first logged line starting with `prefix`, waited
    /// for: stdout and stderr are read by two threads, so a line printed
    /// first may be seen second.
    fn line(&self, prefix: &str) -> String {
        let started = Instant::now();
        loop {
            let l = self.log();
            if let Some(at) = l.lines().find_map(|line| line.strip_prefix(prefix)) {
                return at.to_string();
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no line starting {prefix:?}:\n{l}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn kill(mut self) {
        // SIGKILL: no chance to tidy up.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn token_of(link: &str) -> String {
    link.trim()
        .rsplit_once("#token=")
        .expect("a #token= link")
        .1
        .to_string()
}

fn demo_file(dir: &Path) -> String {
    let p = dir.join("feed.json");
    std::fs::write(&p, portal_server::cli::DEMO_FEED).unwrap();
    p.display().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agency_runs_it_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("p.db").display());
    let (ok, out, err) = cli(&db, &["import", "lumen", &demo_file(dir.path())]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Client lumen created"), "{out}");
    let (ok, link, err) = cli(
        &db,
        &[
            "link",
            "issue",
            "lumen",
            "--name",
            "Maya Chen",
            "--days",
            "7",
            "--portal-url",
            "https://agency.example/portal/",
        ],
    );
    assert!(ok, "{err}");
    assert!(
        link.starts_with("https://agency.example/portal/#token="),
        "{link}"
    );
    assert_eq!(token_of(&link).len(), 64);
    let (ok, _, err) = cli(&db, &["import", "lumen", "/nonexistent.json"]);
    assert!(!ok && err.contains("/nonexistent.json"), "{err}");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"schema_version":1}"#).unwrap();
    let (ok, _, err) = cli(&db, &["import", "lumen", &bad.display().to_string()]);
    assert!(!ok);
    assert_eq!(
        err.trim(),
        "portal-server: generated_at: missing field `generated_at`"
    );

    // The portal's files and the API on one address.
    let site = dir.path().join("dist");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<body><div data-client-portal><p>Loading</p></div></body>",
    )
    .unwrap();
    std::fs::write(site.join("embed.js"), "// the loader").unwrap();
    let server = Server::start(&db, &["--site", site.to_str().unwrap()]);
    let http = reqwest::Client::new();
    let page = http
        .get(format!("{}/", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        page,
        "<body><div data-client-portal data-api=\"/api\"><p>Loading</p></div></body>"
    );
    let js = http
        .get(format!("{}/embed.js", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(js.headers()["content-type"], "text/javascript");
    let feed = http
        .get(format!("{}/api/portal", server.base))
        .bearer_auth(token_of(&link))
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status(), 200);
    let feed: Value = feed.json().await.unwrap();
    let key = feed["anonymous_key"].as_str().unwrap().to_string();

    // Anonymous feedback: the log has the route and status, nothing of the sender.
    let sent = http
        .post(format!("{}/api/escalations", server.base))
        .header("x-anonymous-key", &key)
        .header("user-agent", "Sneaky-Browser/9.9")
        .header("x-forwarded-for", "203.0.113.77")
        .header("idempotency-key", "k-anon")
        .json(&json!({ "to": "c-priya", "anonymous": true, "topic": "Tone", "urgency": "normal", "message": "Calls feel rushed." }))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 201);
    let decided = http
        .post(format!("{}/api/approvals/a-home-3/decision", server.base))
        .bearer_auth(token_of(&link))
        .json(&json!({ "decision": "request_changes", "version_id": "v-home-3", "comment": "Warmer colours, please" }))
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 200);
    std::thread::sleep(Duration::from_millis(100));
    let log = server.log();
    assert!(log.contains("POST /api/escalations 201"), "{log}");
    for trace in [
        "Sneaky",
        "203.0.113.77",
        &token_of(&link),
        &key,
        "127.0.0.1:",
    ] {
        let after_start = log
            .split_once("Serving on")
            .map_or("", |(_, rest)| rest.split_once('\n').map_or("", |x| x.1));
        assert!(!after_start.contains(trace), "{trace} in the log:\n{log}");
    }
    drop(server);

    let (ok, csv, err) = cli(&db, &["inbox", "--since", "2020-01-01", "--csv"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "received_at,client,kind,from,subject,text,reference,delivered_to_webhook"
    );
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].contains(",lumen,escalation,(anonymous),to Priya Nair (normal, c-priya): Tone,")
            || lines[1].contains("\"to Priya Nair (normal, c-priya): Tone\""),
        "{csv}"
    );
    assert!(
        lines[2].contains("decision,Maya Chen") && lines[2].contains("Warmer colours, please"),
        "{csv}"
    );
    let (ok, out, _) = cli(&db, &["inbox", "--since", "2999-01-01"]);
    assert!(ok && out.starts_with("Nothing came in"), "{out}");
    let (ok, _, err) = cli(&db, &["inbox", "--since", "last week"]);
    assert!(!ok && err.contains("--since takes a day"), "{err}");

    // Revoking a link: the feed answers 401 from then on.
    let (ok, list, _) = cli(&db, &["link", "list", "lumen"]);
    assert!(ok);
    let id = list.split('\t').next().unwrap().to_string();
    assert!(cli(&db, &["link", "revoke", &id]).0);
    assert!(!cli(&db, &["link", "revoke", &id]).0);
    let server = Server::start(&db, &[]);
    let refused = http
        .get(format!("{}/portal", server.base))
        .bearer_auth(token_of(&link))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_database_act_once_per_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut dbs = vec![format!("sqlite://{}", dir.path().join("p.db").display())];
    if let Ok(base) = std::env::var("PORTAL_TEST_POSTGRES") {
        dbs.push(support::fresh_postgres(&base).await);
    }
    for db in dbs {
        let (ok, _, err) = cli(&db, &["import", "lumen", &demo_file(dir.path())]);
        assert!(ok, "{err}");
        let (_, link, _) = cli(
            &db,
            &[
                "link",
                "issue",
                "lumen",
                "--name",
                "Maya Chen",
                "--portal-url",
                "http://x/",
            ],
        );
        let token = token_of(&link);
        let (a, b) = (Server::start(&db, &[]), Server::start(&db, &[]));
        let http = reqwest::Client::new();
        let mut sent = Vec::new();
        for i in 0..16 {
            let base = if i % 2 == 0 {
                a.base.clone()
            } else {
                b.base.clone()
            };
            let (http, token) = (http.clone(), token.clone());
            sent.push(tokio::spawn(async move {
                let r = http
                    .post(format!("{base}/deliverables/d-video/comments"))
                    .bearer_auth(&token)
                    .header("idempotency-key", "one-key")
                    .json(&json!({ "body": "Only once, please" }))
                    .send()
                    .await
                    .unwrap();
                (r.status().as_u16(), r.json::<Value>().await.unwrap())
            }));
        }
        let mut answers = Vec::new();
        for s in sent {
            answers.push(s.await.unwrap());
        }
        assert_eq!(answers[0].0, 201, "{db}: {:?}", answers[0]);
        assert!(
            answers.iter().all(|x| x == &answers[0]),
            "{db}: {answers:?}"
        );
        let mut racing = Vec::new();
        for i in 0..8 {
            let base = if i % 2 == 0 {
                a.base.clone()
            } else {
                b.base.clone()
            };
            let (http, token) = (http.clone(), token.clone());
            racing.push(tokio::spawn(async move {
                http.post(format!("{base}/approvals/a-home-3/decision"))
                    .bearer_auth(&token)
                    .header("idempotency-key", format!("race-{i}"))
                    .json(&json!({ "decision": "approve", "version_id": "v-home-3" }))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for r in racing {
            statuses.push(r.await.unwrap());
        }
        statuses.sort();
        assert_eq!(statuses, [200, 409, 409, 409, 409, 409, 409, 409], "{db}");
        let feed: Value = http
            .get(format!("{}/portal", b.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let video = feed["deliverables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == "d-video")
            .unwrap();
        let once = video["comments"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["body"] == "Only once, please")
            .count();
        assert_eq!(once, 1, "{db}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_answered_before_a_sigkill_survive_it_and_reach_the_agency() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("p.db").display());
    // The webhook is down at first.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/hook", l.local_addr().unwrap())
    };
    let server = Server::start(
        &db,
        &["--demo", "--webhook-url", &dead, "--webhook-secret", "k"],
    );
    let link = server.line("Open the demo client's portal: ");
    assert!(
        link.starts_with(&format!("{}/#token=", server.base)),
        "{link}"
    );
    let http = reqwest::Client::new();
    let mut answered = Vec::new();
    for i in 0..20 {
        let r = http
            .post(format!("{}/deliverables/d-video/comments", server.base))
            .bearer_auth(token_of(&link))
            .header("idempotency-key", format!("k-{i}"))
            .json(&json!({ "body": format!("note {i}") }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        answered.push(r.json::<Value>().await.unwrap());
    }
    server.kill();

    // Back up with the webhook reachable: all 20 are there once, a retried
    // key is not applied again, and every one is delivered.
    let hook = support::receivers::receiver(0).await;
    let smtp = support::receivers::mail_server(0).await;
    let server = Server::start(
        &db,
        &[
            "--demo",
            "--webhook-url",
            &hook.url,
            "--webhook-secret",
            "k",
            "--smtp-url",
            &smtp.url,
            "--mail-from",
            "portal@northwind.example",
            "--mail-to",
            "ana@northwind.example,ben@northwind.example",
        ],
    );
    let again = http
        .post(format!("{}/deliverables/d-video/comments", server.base))
        .bearer_auth(token_of(&link))
        .header("idempotency-key", "k-7")
        .json(&json!({ "body": "note 7" }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.json::<Value>().await.unwrap(), answered[7]);
    let feed: Value = http
        .get(format!("{}/portal", server.base))
        .bearer_auth(token_of(&link))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let video = feed["deliverables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "d-video")
        .unwrap();
    let notes: Vec<&Value> = video["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["author"] == "Maya Chen")
        .collect();
    assert_eq!(notes.len(), 20);
    let started = Instant::now();
    let counts = || {
        (
            hook.got.lock().unwrap().len(),
            smtp.messages.lock().unwrap().len(),
        )
    };
    while counts() < (20, 20) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "delivered, mailed: {:?}",
            counts()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut ids: Vec<String> = hook
        .got
        .lock()
        .unwrap()
        .iter()
        .map(|(_, body)| {
            serde_json::from_str::<Value>(body).unwrap()["data"]["comment"]["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 20);
    let mut mailed: Vec<String> = smtp
        .messages
        .lock()
        .unwrap()
        .iter()
        .map(|m| {
            m.lines()
                .find(|l| l.starts_with("note "))
                .unwrap()
                .to_string()
        })
        .collect();
    mailed.sort();
    mailed.dedup();
    assert_eq!(mailed.len(), 20);
}
