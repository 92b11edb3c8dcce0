//! Every client action reaches the agency's webhook: signed, retried with
//! growing waits, and kept in the database until it is delivered.

mod support;

use axum::http::StatusCode;
use chrono::Duration;
use portal_server::delivery::{deliver_due, Channel};
use portal_server::webhook::Hook;
use serde_json::{json, Value};
use support::receivers::receiver;

on_every_database!(
    actions_are_delivered_signed_and_retried_until_taken,
    |env| {
        let rx = receiver(2).await;
        let hook = Channel::Webhook(Hook {
            url: rx.url.clone(),
            secret: "s3cret".into(),
        });
        let r = env
            .send(env.post(
                "/approvals/a-home-3/decision",
                json!({ "decision": "approve", "version_id": "v-home-3" }),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK);

        // First try: refused; the next is 10 s later, not before.
        assert_eq!(deliver_due(&env.pool, &hook, &env.clock).await.unwrap(), 0);
        env.clock.advance(Duration::seconds(9));
        assert_eq!(deliver_due(&env.pool, &hook, &env.clock).await.unwrap(), 0);
        assert_eq!(rx.got.lock().unwrap().len(), 1);
        env.clock.advance(Duration::seconds(2));
        assert_eq!(deliver_due(&env.pool, &hook, &env.clock).await.unwrap(), 0);
        assert_eq!(rx.got.lock().unwrap().len(), 2);
        let (attempts, error): (i64, Option<String>) =
            sqlx::query_as("SELECT attempts, last_error FROM events")
                .fetch_one(&env.pool)
                .await
                .unwrap();
        assert_eq!(attempts, 2);
        assert!(error.unwrap().contains("500"));

        // A "restart": a new connection to the same database finds it and,
        // 20 s after the second failure, delivers it.
        env.clock.advance(Duration::seconds(21));
        assert_eq!(deliver_due(&env.pool, &hook, &env.clock).await.unwrap(), 1);
        assert_eq!(deliver_due(&env.pool, &hook, &env.clock).await.unwrap(), 0);

        let got = rx.got.lock().unwrap().clone();
        assert_eq!(got.len(), 3);
        let (headers, body) = &got[2];
        let ts = headers["x-portal-timestamp"].to_str().unwrap();
        assert_eq!(
            headers["x-portal-signature"].to_str().unwrap(),
            format!("sha256={}", portal_server::secret::sign("s3cret", ts, body))
        );
        assert_ne!(
            headers["x-portal-signature"].to_str().unwrap(),
            format!("sha256={}", portal_server::secret::sign("other", ts, body))
        );
        // The same event each time (its id lets a receiver drop repeats).
        assert!(got
            .iter()
            .all(|(h, b)| h["x-portal-event"] == headers["x-portal-event"] && b == body));
        let event: Value = serde_json::from_str(body).unwrap();
        assert_eq!(event["type"], "decision");
        assert_eq!(event["client_id"], "demo");
        assert_eq!(event["data"]["approval_id"], "a-home-3");
        assert_eq!(event["data"]["decision"], "approve");
        assert_eq!(event["data"]["by"], "Maya Chen");
        let listed = portal_server::inbox::since(&env.pool, "2026-11-23", None)
            .await
            .unwrap();
        assert!(listed[0].delivered);
    }
);

on_every_database!(an_unreachable_webhook_loses_nothing, |env| {
    // Nothing listens on this port (bound, then closed).
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let hook = Channel::Webhook(Hook {
        url: format!("http://127.0.0.1:{port}/hook"),
        secret: "k".into(),
    });
    let body = json!({ "to": "c-ana", "anonymous": false, "topic": "Budget", "urgency": "low", "message": "Can we talk?" });
    assert_eq!(
        env.send(env.post("/escalations", body)).await.status,
        StatusCode::CREATED
    );
    for _ in 0..5 {
        deliver_due(&env.pool, &hook, &env.clock).await.unwrap();
        env.clock.advance(Duration::hours(1));
    }
    let (attempts, delivered): (i64, Option<String>) =
        sqlx::query_as("SELECT attempts, delivered_at FROM events")
            .fetch_one(&env.pool)
            .await
            .unwrap();
    assert_eq!((attempts, delivered), (5, None));
    let rx = receiver(0).await;
    let hook = Channel::Webhook(Hook {
        url: rx.url.clone(),
        secret: "k".into(),
    });
    assert_eq!(deliver_due(&env.pool, &hook, &env.clock).await.unwrap(), 1);
    let (_, body) = rx.got.lock().unwrap()[0].clone();
    let event: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (event["type"].as_str(), event["data"]["from"].as_str()),
        (Some("escalation"), Some("Maya Chen"))
    );
});
