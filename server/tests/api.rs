//! Every endpoint and error of contract v1, on every database.

mod support;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use client_portal::contract;
use serde_json::json;
use support::{Req, NOW, ORIGIN};

on_every_database!(
    the_feed_is_the_clients_own_and_reads_as_the_contract,
    |env| {
        let r = env.send(env.get("/portal")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let feed = contract::parse_portal(&r.text).expect("the portal can read it");
        assert_eq!(feed.viewer.name, "Maya Chen");
        assert_eq!(feed.generated_at.to_rfc3339(), "2026-11-23T09:00:00+00:00");
        assert_eq!(feed.client.name, "Lumen Coffee Roasters");
        assert_eq!(
            feed.anonymous_key.as_deref(),
            Some(env.anonymous_key.as_str())
        );
        // The demo's lists, in their order, with versions and comments in place.
        let demo = contract::parse_portal(portal_server::cli::DEMO_FEED).unwrap();
        let ids = |f: &contract::Portal| {
            f.deliverables
                .iter()
                .map(|d| d.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&feed), ids(&demo));
        assert_eq!(feed.deliverables, demo.deliverables);
        assert_eq!(feed.approvals, demo.approvals);
        assert_eq!(feed.deadlines, demo.deadlines);
        assert_eq!(feed.wins, demo.wins);
        assert_eq!(feed.contacts, demo.contacts);
        assert_eq!(feed.glossary, demo.glossary);
    }
);

on_every_database!(
    links_missing_unknown_expired_and_revoked_are_refused_with_who_to_ask,
    |env| {
        let r = env.send(env.get("/portal").without("authorization")).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "missing_token")
        );
        let r = env.send(env.get("/portal").bearer("not-a-token")).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "invalid_token")
        );

        // Only the hash is kept: the token itself is nowhere in the database.
        let stored = env
            .count(&format!(
                "SELECT COUNT(*) FROM tokens WHERE token_hash = '{}'",
                env.token
            ))
            .await;
        assert_eq!(stored, 0);
        assert_eq!(
            env.count("SELECT COUNT(*) FROM tokens WHERE LENGTH(token_hash) = 64")
                .await,
            1
        );

        env.clock.advance(Duration::days(30));
        let r = env.send(env.get("/portal")).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "expired_token")
        );
        assert_eq!(
            r.json["error"]["contact"],
            json!({ "name": "Ana Ruiz", "email": "ana@northwind.example", "phone": "+49 30 1234 5601" })
        );
        let refused =
            contract::parse::<contract::ErrorBody>(&r.text).expect("the portal reads the refusal");
        assert_eq!(refused.error.contact.unwrap().name, "Ana Ruiz");

        env.clock.advance(Duration::days(-1));
        assert_eq!(env.send(env.get("/portal")).await.status, StatusCode::OK);
        let now = portal_server::clock::Clock::now(&env.clock);
        assert!(portal_server::links::revoke(&env.pool, &env.link_id, now)
            .await
            .unwrap());
        let r = env.send(env.get("/portal")).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "revoked_token")
        );
        assert_eq!(r.json["error"]["contact"]["name"], "Ana Ruiz");
        // Writes are refused the same way.
        let r = env
            .send(env.post(
                "/approvals/a-home-3/decision",
                json!({ "decision": "approve", "version_id": "v-home-3" }),
            ))
            .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "revoked_token")
        );
        assert_eq!(env.count("SELECT COUNT(*) FROM decisions").await, 0);
    }
);

on_every_database!(
    a_decision_is_made_once_per_key_and_shows_in_the_feed,
    |env| {
        let approve = json!({ "decision": "approve", "version_id": "v-home-3" });
        let first = env
            .send(
                env.post("/approvals/a-home-3/decision", approve.clone())
                    .key("k-1"),
            )
            .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text);
        let approval: contract::Approval =
            contract::parse(&first.text).expect("the documented answer");
        assert_eq!(approval.status, contract::ApprovalStatus::Approved);
        let decision = approval.decision.expect("a decision");
        assert_eq!(decision.by, "Maya Chen");
        assert_eq!(decision.at.to_rfc3339(), "2026-11-23T09:00:00+00:00");
        assert!(decision
            .reference
            .as_deref()
            .is_some_and(|r| r.starts_with("DEC-2026-")));

        // The same key again, even later: the first answer, acted on once.
        env.clock.advance(Duration::minutes(5));
        let again = env
            .send(
                env.post("/approvals/a-home-3/decision", approve.clone())
                    .key("k-1"),
            )
            .await;
        assert_eq!((again.status, &again.json), (first.status, &first.json));
        assert_eq!(env.count("SELECT COUNT(*) FROM decisions").await, 1);
        assert_eq!(
            env.count("SELECT COUNT(*) FROM events WHERE kind = 'decision'")
                .await,
            1
        );

        // Another key: already decided.
        let other = env
            .send(env.post("/approvals/a-home-3/decision", approve).key("k-2"))
            .await;
        assert_eq!(
            (other.status, other.code()),
            (StatusCode::CONFLICT, "already_decided")
        );
        let feed = env.feed().await;
        let shown = feed["approvals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "a-home-3")
            .unwrap()
            .clone();
        assert_eq!(shown, first.json);
    }
);

on_every_database!(decisions_that_cannot_be_taken_say_why, |env| {
    let post = |body| env.post("/approvals/a-news-2/decision", body);
    let r = env
        .send(post(
            json!({ "decision": "request_changes", "version_id": "v-news-2", "comment": "  " }),
        ))
        .await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "comment")
    );
    let r = env.send(post(json!({ "version_id": "v-news-2" }))).await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "decision")
    );
    let r = env
        .send(post(
            json!({ "decision": "maybe", "version_id": "v-news-2" }),
        ))
        .await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "decision")
    );
    let r = env
        .send(
            env.post("/approvals/a-news-2/decision", json!({}))
                .body("{not json".into()),
        )
        .await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "body")
    );
    let r = env
        .send(post(
            json!({ "decision": "approve", "version_id": "v-news-1" }),
        ))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, "newer_version")
    );
    let r = env
        .send(env.post(
            "/approvals/a-guide-1/decision",
            json!({ "decision": "approve", "version_id": "v-guide-1" }),
        ))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, "already_decided")
    );
    let r = env
        .send(env.post(
            "/approvals/nope/decision",
            json!({ "decision": "approve", "version_id": "v" }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Every refusal is the documented error body, for the client to read.
    assert!(contract::parse::<contract::ErrorBody>(&r.text).is_ok());
    assert_eq!(env.count("SELECT COUNT(*) FROM decisions").await, 0);
    // A refused write's key keeps its answer too.
    let body = json!({ "decision": "request_changes", "version_id": "v-news-2" });
    let a = env.send(post(body.clone()).key("k-9")).await;
    let b = env
        .send(
            post(
                json!({ "decision": "request_changes", "version_id": "v-news-2", "comment": "x" }),
            )
            .key("k-9"),
        )
        .await;
    assert_eq!((a.status, &a.json), (b.status, &b.json));
    // The same key for another request is refused, not answered with the first.
    let c = env
        .send(
            env.post("/deliverables/d-video/comments", json!({ "body": "hi" }))
                .key("k-9"),
        )
        .await;
    assert_eq!(
        (c.status, c.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "Idempotency-Key")
    );
});

on_every_database!(concurrent_duplicates_act_once, |env| {
    let env = std::sync::Arc::new(env);
    let approve = json!({ "decision": "request_changes", "version_id": "v-home-3", "comment": "Shorter headline, please." });
    let mut same_key = Vec::new();
    for _ in 0..8 {
        let (env, body) = (env.clone(), approve.clone());
        same_key.push(tokio::spawn(async move {
            env.send(env.post("/approvals/a-home-3/decision", body).key("same"))
                .await
        }));
    }
    let mut answers = Vec::new();
    for h in same_key {
        let r = h.await.unwrap();
        answers.push((r.status, r.json));
    }
    assert_eq!(answers[0].0, StatusCode::OK, "{:?}", answers[0].1);
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(env.count("SELECT COUNT(*) FROM decisions").await, 1);
    assert_eq!(env.count("SELECT COUNT(*) FROM events").await, 1);

    // Different keys on one approval: exactly one is taken.
    let mut racing = Vec::new();
    for i in 0..8 {
        let env = env.clone();
        racing.push(tokio::spawn(async move {
            let body = json!({ "decision": "approve", "version_id": "v-news-2" });
            env.send(
                env.post("/approvals/a-news-2/decision", body)
                    .key(&format!("race-{i}")),
            )
            .await
            .status
        }));
    }
    let mut statuses = Vec::new();
    for h in racing {
        statuses.push(h.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        7,
        "{statuses:?}"
    );
    assert_eq!(env.count("SELECT COUNT(*) FROM decisions").await, 2);
});

on_every_database!(comments_are_added_once_and_checked, |env| {
    let body = json!({ "body": "  Love the new hero.  ", "version_id": "v-home-3" });
    let r = env
        .send(
            env.post("/deliverables/d-homepage/comments", body.clone())
                .key("c-1"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let c: contract::Comment = contract::parse(&r.text).expect("the documented answer");
    assert_eq!(
        (c.author.as_str(), c.body.as_str()),
        ("Maya Chen", "Love the new hero.")
    );
    let again = env
        .send(
            env.post("/deliverables/d-homepage/comments", body)
                .key("c-1"),
        )
        .await;
    assert_eq!(again.json, r.json);
    let feed = env.feed().await;
    let comments = feed["deliverables"][0]["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 3);
    assert_eq!(comments[2], r.json);

    let r = env
        .send(env.post("/deliverables/d-homepage/comments", json!({ "body": " " })))
        .await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "body")
    );
    let r = env
        .send(env.post(
            "/deliverables/d-homepage/comments",
            json!({ "body": "x", "version_id": "v-9" }),
        ))
        .await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "version_id")
    );
    let r = env
        .send(env.post("/deliverables/nope/comments", json!({ "body": "x" })))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let long = "x".repeat(20_001);
    let r = env
        .send(env.post("/deliverables/d-homepage/comments", json!({ "body": long })))
        .await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "body")
    );
});

on_every_database!(
    a_named_escalation_gets_a_receipt_with_the_answer_time,
    |env| {
        let body = json!({ "to": "c-priya", "anonymous": false, "topic": "Deadlines", "urgency": "high",
        "message": "The video has slipped twice." });
        let r = env.send(env.post("/escalations", body).key("e-1")).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let receipt: contract::EscalationReceipt =
            contract::parse(&r.text).expect("the documented answer");
        assert!(receipt.reference.starts_with("ESC-2026-"));
        assert_eq!(
            receipt.received_at.to_rfc3339(),
            "2026-11-23T09:00:00+00:00"
        );
        assert_eq!(
            receipt.respond_by.unwrap().to_rfc3339(),
            "2026-11-24T09:00:00+00:00"
        );
        let (from, reply): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT from_name, reply_to FROM escalations")
                .fetch_one(&env.pool)
                .await
                .unwrap();
        assert_eq!(from.as_deref(), Some("Maya Chen"));
        assert_eq!(reply.as_deref(), Some("maya@lumen-coffee.example"));

        let bad = |to: &str, topic: &str, message: &str| {
            env.post("/escalations", json!({ "to": to, "anonymous": false, "topic": topic, "urgency": "low", "message": message }))
        };
        assert_eq!(env.send(bad("c-nobody", "t", "m")).await.field(), "to");
        assert_eq!(env.send(bad("c-ana", " ", "m")).await.field(), "topic");
        assert_eq!(env.send(bad("c-ana", "t", "")).await.field(), "message");
        let named_as_anonymous = env.post("/escalations", json!({ "to": "c-ana", "anonymous": true, "topic": "t", "urgency": "low", "message": "m" }));
        assert_eq!(env.send(named_as_anonymous).await.field(), "anonymous");
        assert_eq!(env.count("SELECT COUNT(*) FROM escalations").await, 1);
    }
);

on_every_database!(anonymous_feedback_keeps_no_trace_of_the_person, |env| {
    let req = || {
        Req::new(Method::POST, "/escalations")
            .header("content-type", "application/json")
            .header("x-anonymous-key", &env.anonymous_key)
            .header("user-agent", "Sneaky-Browser/9.9")
            .header("x-forwarded-for", "203.0.113.77")
            .header("origin", ORIGIN)
            .header("cookie", "session=maya-cookie")
    };
    let body = json!({ "to": "c-daniel", "anonymous": true, "topic": "Account", "urgency": "normal",
        "message": "I feel we are not heard." });
    let r = env.send(req().key("anon-1").body(body.to_string())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    // Even with the person's token sent along by mistake, nothing of it is kept.
    let r2 = env
        .send(
            req()
                .bearer(&env.token)
                .key("anon-2")
                .body(body.to_string()),
        )
        .await;
    assert_eq!(r2.status, StatusCode::CREATED, "{}", r2.text);

    type Sender = (Option<String>, Option<String>, Option<String>, i64);
    let rows: Vec<Sender> =
        sqlx::query_as("SELECT from_name, token_id, reply_to, anonymous FROM escalations")
            .fetch_all(&env.pool)
            .await
            .unwrap();
    assert_eq!(rows, vec![(None, None, None, 1), (None, None, None, 1)]);
    // Nowhere in what was stored: not the agent, address, cookie, name,
    // email or link.
    let texts: Vec<(String,)> = sqlx::query_as(
        "SELECT body FROM events UNION ALL SELECT response FROM writes UNION ALL SELECT message || topic || to_contact || client_id FROM escalations",
    )
    .fetch_all(&env.pool)
    .await
    .unwrap();
    let (link_id,): (String,) = sqlx::query_as("SELECT id FROM tokens")
        .fetch_one(&env.pool)
        .await
        .unwrap();
    for (t,) in &texts {
        for trace in [
            "Sneaky",
            "203.0.113.77",
            "maya-cookie",
            "Maya",
            "maya@",
            &env.token,
            &link_id,
        ] {
            assert!(!t.contains(trace), "{trace} found in {t}");
        }
    }
    let listed = portal_server::inbox::since(&env.pool, "2026-11-01", None)
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|e| e.from == "(anonymous)"));

    let wrong = env
        .send(
            req()
                .header("x-anonymous-key", "guess")
                .body(body.to_string()),
        )
        .await;
    assert_eq!(
        (wrong.status, wrong.code()),
        (StatusCode::UNAUTHORIZED, "invalid_anonymous_key")
    );
    let mut with_reply = body.clone();
    with_reply["reply_to"] = json!("maya@lumen-coffee.example");
    let r = env.send(req().body(with_reply.to_string())).await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "reply_to")
    );
    let mut named = body;
    named["anonymous"] = json!(false);
    assert_eq!(
        env.send(req().body(named.to_string())).await.field(),
        "anonymous"
    );
});

on_every_database!(cors_answers_the_agencys_pages_only, |env| {
    let preflight = |origin: &str| {
        Req::new(Method::OPTIONS, "/approvals/a-home-3/decision")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type, idempotency-key",
            )
    };
    let ok = env.send(preflight(ORIGIN)).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    assert_eq!(ok.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        ok.header("access-control-allow-headers"),
        Some("Authorization, Content-Type, Idempotency-Key, X-Anonymous-Key")
    );
    assert_eq!(
        ok.header("access-control-allow-methods"),
        Some("GET, POST, OPTIONS")
    );
    assert_eq!(ok.header("access-control-max-age"), Some("600"));
    assert_eq!(ok.header("vary"), Some("Origin"));

    for other in [
        "https://evil.example",
        "https://www.northwind.example.evil",
        "null",
    ] {
        let refused = env.send(preflight(other)).await;
        assert_eq!(
            refused.header("access-control-allow-origin"),
            None,
            "{other}"
        );
        let read = env.send(env.get("/portal").header("origin", other)).await;
        assert_eq!(read.header("access-control-allow-origin"), None, "{other}");
    }
    let read = env.send(env.get("/portal").header("origin", ORIGIN)).await;
    assert_eq!(read.header("access-control-allow-origin"), Some(ORIGIN));
    // An unknown path answers the contract's 404, with CORS.
    let lost = env.send(env.get("/nothing").header("origin", ORIGIN)).await;
    assert_eq!(
        (lost.status, lost.code()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    assert_eq!(lost.header("access-control-allow-origin"), Some(ORIGIN));
});

#[test]
fn now_is_fixed() {
    assert_eq!(NOW, "2026-11-23T09:00:00Z");
}
