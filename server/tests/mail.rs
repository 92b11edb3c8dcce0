//! Every client action can also reach the agency by e-mail over SMTP:
//! tried again with growing waits when the mail server refuses, kept in
//! the database until it is sent, never naming an anonymous sender, and
//! independent of the webhook.

mod support;

use axum::http::StatusCode;
use chrono::Duration;
use portal_server::delivery::{deliver_due, Channel};
use portal_server::mail::Mail;
use serde_json::json;
use support::receivers::mail_server;

fn channel(url: &str) -> Channel {
    Channel::Mail(Box::new(
        Mail::new(
            url,
            "Client portal <portal@northwind.example>",
            &[
                "ana@northwind.example".into(),
                "ben@northwind.example".into(),
            ],
        )
        .unwrap(),
    ))
}

on_every_database!(actions_are_mailed_and_retried_until_taken, |env| {
    let smtp = mail_server(1).await;
    let mail = channel(&smtp.url);
    let r = env
        .send(env.post(
            "/approvals/a-home-3/decision",
            json!({ "decision": "request_changes", "version_id": "v-home-3", "comment": "Bigger logo, please" }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);

    // Refused for now: nothing kept, tried again 10 s later, not before.
    assert_eq!(deliver_due(&env.pool, &mail, &env.clock).await.unwrap(), 0);
    env.clock.advance(Duration::seconds(9));
    assert_eq!(deliver_due(&env.pool, &mail, &env.clock).await.unwrap(), 0);
    let (attempts, error): (i64, Option<String>) =
        sqlx::query_as("SELECT mail_attempts, mail_error FROM events")
            .fetch_one(&env.pool)
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert!(error.unwrap().contains("Try again later"));
    env.clock.advance(Duration::seconds(2));
    assert_eq!(deliver_due(&env.pool, &mail, &env.clock).await.unwrap(), 1);
    assert_eq!(deliver_due(&env.pool, &mail, &env.clock).await.unwrap(), 0);

    let messages = smtp.messages.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert!(
        m.contains("From: \"Client portal\" <portal@northwind.example>"),
        "{m}"
    );
    assert!(
        m.contains("ana@northwind.example") && m.contains("ben@northwind.example"),
        "{m}"
    );
    assert!(m.contains("Subject: [demo] "), "{m}");
    assert!(m.contains("changes requested"), "{m}");
    assert!(m.contains("From: Maya Chen"), "{m}");
    assert!(m.contains("Bigger logo, please"), "{m}");

    // The webhook's own attempts are untouched: one channel does not
    // stand in for the other.
    let (delivered, mailed): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT delivered_at, mailed_at FROM events")
            .fetch_one(&env.pool)
            .await
            .unwrap();
    assert_eq!(delivered, None);
    assert!(mailed.is_some());
});

on_every_database!(an_anonymous_concern_is_mailed_without_its_sender, |env| {
    let smtp = mail_server(0).await;
    let mail = channel(&smtp.url);
    let r = env
        .send(env.anonymous_post(
            "/escalations",
            json!({ "to": "c-ana", "anonymous": true, "topic": "Tone of the calls", "urgency": "high", "message": "Meetings feel rushed" }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(deliver_due(&env.pool, &mail, &env.clock).await.unwrap(), 1);
    let m = smtp.messages.lock().unwrap()[0].clone();
    assert!(m.contains("From: (anonymous)"), "{m}");
    assert!(m.contains("Meetings feel rushed"), "{m}");
    assert!(!m.contains("Maya") && !m.contains("maya@"), "{m}");
});

on_every_database!(turning_mail_on_does_not_send_the_past, |env| {
    let r = env
        .send(env.post(
            "/deliverables/d-video/comments",
            json!({ "body": "Love the opening shot" }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    env.clock.advance(Duration::days(2));
    let r = env
        .send(env.post(
            "/deliverables/d-video/comments",
            json!({ "body": "And the music" }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let smtp = mail_server(0).await;
    assert_eq!(
        deliver_due(&env.pool, &channel(&smtp.url), &env.clock)
            .await
            .unwrap(),
        1
    );
    let messages = smtp.messages.lock().unwrap().clone();
    assert!(messages[0].contains("And the music"), "{messages:?}");
    // The inbox still lists both.
    let listed = portal_server::inbox::since(&env.pool, "2026-11-01", None)
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
});

#[test]
fn a_wrong_address_is_refused_at_start_with_its_reason() {
    let bad = |url: &str, from: &str, to: &[&str]| {
        let to: Vec<String> = to.iter().map(|s| s.to_string()).collect();
        format!("{:#}", Mail::new(url, from, &to).err().unwrap())
    };
    assert!(
        bad("smtp://127.0.0.1:25", "not an address", &["a@b.example"]).contains("not an address")
    );
    assert!(bad("smtp://127.0.0.1:25", "p@a.example", &[]).contains("at least one"));
    assert!(bad("smtp://127.0.0.1:25", "p@a.example", &["nope"]).contains("`nope`"));
    assert!(bad("http://x", "p@a.example", &["a@b.example"]).contains("SMTP"));
}
