//! Reliability figures for README (scripts/bench-server.sh runs this; not a
//! test: nothing here is asserted on time). Loopback only, bounded in time.
//!
//! 1. Sustained mixed load: many clients reading their feeds while writes
//!    arrive concurrently; throughput and p50/p99 latency per kind.
//! 2. SIGKILL in the middle of a write load, then a restart: every write
//!    answered 2xx is there exactly once, and every write retried with its
//!    key after the crash is not applied twice.
//!
//! Usage: reliability <server binary> <database url> [seconds]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CLIENTS: usize = 20;
const WORKERS: usize = 32;

fn cli(bin: &str, db: &str, args: &[&str]) -> String {
    let out = Command::new(bin)
        .args(["--db", db])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn start(bin: &str, db: &str) -> (Child, String) {
    let mut child = Command::new(bin)
        .args(["--db", db, "serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("a line").expect("text");
        if let Some(at) = line.strip_prefix("Serving on ") {
            break at.to_string();
        }
    };
    // Keep reading the access log so the pipe never fills.
    std::thread::spawn(move || for _ in lines {});
    (child, base)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn comment(http: &reqwest::Client, base: &str, token: &str, key: &str) -> Option<Value> {
    let r = http
        .post(format!("{base}/deliverables/d-video/comments"))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(&json!({ "body": format!("note {key}") }))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .ok()?;
    if r.status().is_success() {
        r.json().await.ok()
    } else {
        None
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (bin, db) = (args[1].clone(), args[2].clone());
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let feed_file = std::env::temp_dir().join(format!("bench-feed-{}.json", std::process::id()));
    std::fs::write(&feed_file, portal_server::cli::DEMO_FEED).unwrap();
    let mut tokens = Vec::new();
    for c in 0..CLIENTS {
        let id = format!("client-{c}");
        cli(&bin, &db, &["import", &id, feed_file.to_str().unwrap()]);
        let link = cli(
            &bin,
            &db,
            &[
                "link",
                "issue",
                &id,
                "--name",
                "Bench",
                "--portal-url",
                "http://x/",
            ],
        );
        tokens.push(link.trim().rsplit_once("#token=").unwrap().1.to_string());
    }
    let tokens = Arc::new(tokens);
    let http = reqwest::Client::new();

    // 1. Mixed load: 4 reads to 1 write.
    let (mut server, base) = start(&bin, &db);
    let times: Arc<Mutex<HashMap<&'static str, Vec<Duration>>>> = Arc::default();
    let errors = Arc::new(Mutex::new(0usize));
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut workers = Vec::new();
    for w in 0..WORKERS {
        let (http, base, tokens, times, errors) = (
            http.clone(),
            base.clone(),
            tokens.clone(),
            times.clone(),
            errors.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut i = 0usize;
            while Instant::now() < until {
                let token = &tokens[(w + i) % tokens.len()];
                let started = Instant::now();
                let (kind, ok) = if i % 5 == 4 {
                    (
                        "write",
                        comment(&http, &base, token, &format!("load-{w}-{i}"))
                            .await
                            .is_some(),
                    )
                } else {
                    let r = http
                        .get(format!("{base}/portal"))
                        .bearer_auth(token)
                        .send()
                        .await;
                    let ok = match r {
                        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                        _ => false,
                    };
                    ("read", ok)
                };
                if ok {
                    times
                        .lock()
                        .unwrap()
                        .entry(kind)
                        .or_default()
                        .push(started.elapsed());
                } else {
                    *errors.lock().unwrap() += 1;
                }
                i += 1;
            }
        }));
    }
    for w in workers {
        w.await.unwrap();
    }
    let kind = if db.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    println!("## {kind}: {WORKERS} concurrent connections, {CLIENTS} clients, {seconds} s, 4 reads (a 28-row feed) to 1 write");
    for (k, list) in times.lock().unwrap().iter_mut() {
        list.sort();
        println!(
            "{k:>5}: {:>6} done, {:>7.0}/s, p50 {:>6.1} ms, p99 {:>6.1} ms",
            list.len(),
            list.len() as f64 / seconds as f64,
            pct(list, 0.5),
            pct(list, 0.99)
        );
    }
    println!("errors: {}", errors.lock().unwrap());

    // 2. SIGKILL during writes, then a restart.
    let answered: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let attempted: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..WORKERS {
        let (http, base, token) = (http.clone(), base.clone(), tokens[0].clone());
        let (answered, attempted, stop) = (answered.clone(), attempted.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let key = format!("crash-{w}-{i}");
                attempted.lock().unwrap().push(key.clone());
                if let Some(c) = comment(&http, &base, &token, &key).await {
                    answered.lock().unwrap().push((key, c));
                } else {
                    break;
                }
                i += 1;
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap();
    server.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    let (mut server, base) = start(&bin, &db);
    let answered = answered.lock().unwrap().clone();
    let attempted = attempted.lock().unwrap().clone();
    // Every attempted key sent again, as the portal's outbox would.
    let mut same = 0;
    let mut retried_ok = 0;
    for key in &attempted {
        if let Some(c) = comment(&http, &base, &tokens[0], key).await {
            retried_ok += 1;
            if answered.iter().any(|(k, first)| k == key && first == &c) {
                same += 1;
            }
        }
    }
    let feed: Value = http
        .get(format!("{base}/portal"))
        .bearer_auth(&tokens[0])
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
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in video["comments"].as_array().unwrap() {
        if let Some(body) = c["body"].as_str().filter(|b| b.starts_with("note crash-")) {
            *counts.entry(body.to_string()).or_default() += 1;
        }
    }
    let present_once = answered
        .iter()
        .filter(|(k, _)| counts.get(&format!("note {k}")) == Some(&1))
        .count();
    let duplicated = counts.values().filter(|n| **n > 1).count();
    println!("## SIGKILL after 1.5 s of {WORKERS} concurrent writers, then a restart ({kind})");
    println!(
        "answered 2xx before the kill: {}; present exactly once after restart: {present_once}",
        answered.len()
    );
    println!(
        "attempted keys: {}; retried after restart: {retried_ok} answered, {same} of the {} answered before got their first answer back",
        attempted.len(),
        answered.len()
    );
    println!(
        "comments stored: {} distinct, {duplicated} applied twice",
        counts.len()
    );
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_file(feed_file);
    let ok = present_once == answered.len()
        && same == answered.len()
        && duplicated == 0
        && counts.len() == retried_ok;
    println!(
        "{}",
        if ok {
            "crash check: nothing lost, nothing twice"
        } else {
            "crash check: FAILED"
        }
    );
    if !ok {
        std::process::exit(1);
    }
}
