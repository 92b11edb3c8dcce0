//! "What we agreed": the scope, meeting notes the client confirms or
//! disputes, monthly reports, and requests for something new — stored,
//! answered once per key, listed for the agency, refused with the field
//! named.

mod support;

use axum::http::{Method, StatusCode};
use client_portal::contract::agreed::{parse_agreed, AgreementStatus, RequestStatus};
use portal_server::clock::Clock;
use portal_server::{import, inbox};
use serde_json::{json, Value};
use support::Req;

fn demo() -> Value {
    serde_json::from_str(portal_server::cli::DEMO_FEED).unwrap()
}

fn agreement_status(feed: &Value, meeting: &str, agreement: &str) -> Value {
    let m = feed["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == meeting)
        .unwrap();
    m["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == agreement)
        .unwrap()["status"]
        .clone()
}

on_every_database!(the_feed_carries_what_was_agreed, |env| {
    let feed = env.feed().await;
    // Read with the portal's own contract types.
    let agreed = parse_agreed(&feed.to_string()).expect("the additions follow the contract");
    let scope = agreed.scope.unwrap();
    assert_eq!(scope.included.len(), 4);
    assert_eq!(scope.excluded[0].id, "x-ads");
    assert!(scope.change_orders.unwrap().contains("quote"));
    assert_eq!(agreed.meetings.len(), 2);
    assert_eq!(agreed.meetings[0].agreements[0].status, None);
    assert_eq!(
        agreed.meetings[0].agreements[2].status,
        Some(AgreementStatus::Confirmed)
    );
    assert_eq!(agreed.reports[0].period.to_wire(), "2026-10");
    assert_eq!(agreed.reports[0].metrics[0].target, Some(450.0));
    assert_eq!(agreed.requests.len(), 2);
    assert_eq!(agreed.requests[0].status, RequestStatus::ChangeOrder);
});

on_every_database!(agreements_are_confirmed_or_disputed_once_per_key, |env| {
    let path = "/meetings/m-2026-11-18/confirmation";
    let confirm = json!({ "agreement_ids": ["ag-hero"], "status": "confirmed" });
    let r = env.send(env.post(path, confirm.clone()).key("k-1")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["id"], "m-2026-11-18");
    assert_eq!(r.json["agreements"][0]["status"], "confirmed");
    assert!(r.json["agreements"][1].get("status").is_none());
    let again = env.send(env.post(path, confirm).key("k-1")).await;
    assert_eq!((again.status, &again.json), (StatusCode::OK, &r.json));

    // A dispute needs the client's words.
    let dispute = json!({ "agreement_ids": ["ag-launch"], "status": "disputed", "comment": "  " });
    let r = env.send(env.post(path, dispute).key("k-2")).await;
    assert_eq!(
        (r.status, r.field()),
        (StatusCode::UNPROCESSABLE_ENTITY, "comment")
    );
    let dispute = json!({ "agreement_ids": ["ag-launch", "ag-launch"], "status": "disputed",
        "comment": "Live on 1 December only if the photos arrive in time." });
    let r = env.send(env.post(path, dispute).key("k-3")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["agreements"][1]["status"], "disputed");
    assert_eq!(r.json["agreements"][0]["status"], "confirmed");

    // The latest answer counts, and the notes' own status gives way to it.
    let r = env
        .send(env.post(
            path,
            json!({ "agreement_ids": ["ag-music"], "status": "disputed", "comment": "It was the other track." }),
        ))
        .await;
    assert_eq!(r.json["agreements"][2]["status"], "disputed");

    // Refusals name the field; an unknown meeting is not found.
    for (body, field) in [
        (
            json!({ "agreement_ids": [], "status": "confirmed" }),
            "agreement_ids",
        ),
        (
            json!({ "agreement_ids": ["ag-fair"], "status": "confirmed" }),
            "agreement_ids",
        ),
        (
            json!({ "agreement_ids": ["ag-hero"], "status": "maybe" }),
            "status",
        ),
        (json!({ "status": "confirmed" }), "agreement_ids"),
    ] {
        let r = env.send(env.post(path, body.clone())).await;
        assert_eq!(
            (r.status, r.field()),
            (StatusCode::UNPROCESSABLE_ENTITY, field),
            "{body}"
        );
    }
    let r = env
        .send(env.post(
            "/meetings/m-nope/confirmation",
            json!({ "agreement_ids": ["ag-hero"], "status": "confirmed" }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The same key for another meeting is refused, not answered with the first.
    let r = env
        .send(
            env.post(
                "/meetings/m-2026-11-04/confirmation",
                json!({ "agreement_ids": ["ag-fair"], "status": "confirmed" }),
            )
            .key("k-1"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Importing the notes again keeps the client's answers.
    import::import_feed(&env.pool, "demo", &demo().to_string(), env.clock.now())
        .await
        .unwrap();
    let feed = env.feed().await;
    assert_eq!(
        agreement_status(&feed, "m-2026-11-18", "ag-hero"),
        "confirmed"
    );
    assert_eq!(
        agreement_status(&feed, "m-2026-11-18", "ag-launch"),
        "disputed"
    );

    // The agency sees who answered what; the dispute stands out.
    let listed = inbox::since(&env.pool, "2026-11-23", Some("demo"))
        .await
        .unwrap();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(listed[0].kind, "confirmation");
    assert_eq!(listed[0].from, "Maya Chen");
    assert!(listed[0]
        .subject
        .starts_with("confirmed in Weekly check-in"));
    assert!(listed[1].subject.starts_with("DISPUTED in Weekly check-in"));
    assert!(listed[1].text.contains("goes live on 1 December"));
    assert!(listed[1]
        .text
        .contains("Comment: Live on 1 December only if"));
});

on_every_database!(a_request_is_received_listed_and_answered, |env| {
    let body = json!({
        "title": "  A gift card page  ", "description": "Customers ask for gift cards.",
        "wanted_by": "2026-12-10", "scope_item_id": "s-website",
        "links": ["https://lumen-coffee.example/shop"],
    });
    let r = env
        .send(env.post("/requests", body.clone()).key("rq-1"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let reference = r.json["reference"].as_str().unwrap().to_string();
    assert!(reference.starts_with("REQ-2026-"), "{reference}");
    assert_eq!(r.json["received_at"], "2026-11-23T09:00:00.000Z");
    // The demo agency answers within 24 hours.
    assert_eq!(r.json["respond_by"], "2026-11-24T09:00:00.000Z");
    assert_eq!(r.json["status"], "received");
    let again = env.send(env.post("/requests", body).key("rq-1")).await;
    assert_eq!(again.json, r.json);

    let feed = env.feed().await;
    let requests = feed["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3, "sent once: {requests:?}");
    let mine = &requests[2];
    assert_eq!(mine["title"], "A gift card page");
    assert_eq!(mine["status"], "received");
    let id = mine["id"].as_str().unwrap().to_string();

    // The agency sees it all, answers it, and the client sees the answer,
    // even after the feed is imported again.
    let listed = inbox::since(&env.pool, "2026-11-23", None).await.unwrap();
    assert_eq!(listed.len(), 1);
    let e = &listed[0];
    assert_eq!((e.kind.as_str(), e.from.as_str()), ("request", "Maya Chen"));
    assert_eq!(e.reference, reference);
    assert!(e.subject.contains(&id) && e.subject.contains("A gift card page"));
    for part in [
        "Customers ask for gift cards.",
        "Part of: Website redesign",
        "Wanted by: 2026-12-10",
        "Link: https://lumen-coffee.example/shop",
    ] {
        assert!(e.text.contains(part), "{part} in {}", e.text);
    }
    import::import_feed(&env.pool, "demo", &demo().to_string(), env.clock.now())
        .await
        .unwrap();
    import::answer_request(
        &env.pool,
        "demo",
        &id,
        "change_order",
        Some("A quote for two days of work is on its way."),
    )
    .await
    .unwrap();
    let feed = env.feed().await;
    let mine = feed["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(mine["status"], "change_order");
    assert_eq!(
        mine["assessment"],
        "A quote for two days of work is on its way."
    );
    assert!(
        import::answer_request(&env.pool, "demo", &id, "maybe", None)
            .await
            .unwrap_err()
            .to_string()
            .contains("in_scope")
    );

    // Something new (no scope item) is said so to the agency.
    let r = env
        .send(env.post(
            "/requests",
            json!({ "title": "Printed menus", "description": "For the café." }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let listed = inbox::since(&env.pool, "2026-11-23", None).await.unwrap();
    assert!(listed[1].text.contains("Something new"));
});

on_every_database!(a_request_filled_wrong_is_refused_with_its_field, |env| {
    let ok = || json!({ "title": "Gift cards", "description": "Please." });
    let with = |k: &str, v: Value| {
        let mut b = ok();
        b[k] = v;
        b
    };
    let cases = [
        (with("title", json!(" ")), "title"),
        (with("title", json!("x".repeat(201))), "title"),
        (with("description", json!("")), "description"),
        (with("wanted_by", json!("2026-11-01")), "wanted_by"),
        (
            with("wanted_by", json!("2026-12-01T10:00:00Z")),
            "wanted_by",
        ),
        (with("wanted_by", json!("soon")), "wanted_by"),
        (with("scope_item_id", json!("x-ads")), "scope_item_id"),
        (with("scope_item_id", json!("s-nope")), "scope_item_id"),
        (with("links", json!(["javascript:alert(1)"])), "links[0]"),
        (
            with("links", json!(["https://a.example", "https://b .example"])),
            "links[1]",
        ),
        (with("links", json!(vec!["https://a.example"; 11])), "links"),
        (json!({ "description": "no title" }), "title"),
    ];
    for (body, field) in cases {
        let r = env.send(env.post("/requests", body.clone())).await;
        assert_eq!(
            (r.status, r.field()),
            (StatusCode::UNPROCESSABLE_ENTITY, field),
            "{body}: {}",
            r.text
        );
        assert!(!r.json["error"]["message"].as_str().unwrap().is_empty());
    }
    // Yesterday in UTC can still be today for the client.
    let r = env
        .send(env.post("/requests", with("wanted_by", json!("2026-11-22"))))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // Only with a personal link: the anonymous key is for feedback only.
    let r = env
        .send(
            Req::new(Method::POST, "/requests")
                .header("content-type", "application/json")
                .header("x-anonymous-key", &env.anonymous_key)
                .body(ok().to_string()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(env.count("SELECT COUNT(*) FROM events").await, 1);
});

on_every_database!(imports_of_what_was_agreed_are_checked, |env| {
    let now = env.clock.now();
    let refused = |feed: Value| {
        let pool = env.pool.clone();
        async move {
            import::import_feed(&pool, "demo", &feed.to_string(), now)
                .await
                .unwrap_err()
                .to_string()
        }
    };
    let mut f = demo();
    f["reports"][1]["highlights"][0] = json!("w-nope");
    assert!(refused(f)
        .await
        .starts_with("reports[1].highlights[0]: there is no win `w-nope`"));
    let mut f = demo();
    f["meetings"][0]["agreements"][1]["id"] = json!("ag-hero");
    assert!(refused(f)
        .await
        .starts_with("meetings[0].agreements[1].id: `ag-hero` is used twice"));
    let mut f = demo();
    f["reports"][0]["period"] = json!("2026-13");
    assert!(refused(f).await.starts_with("reports[0].period"));
    let mut f = demo();
    f["meetings"][1].as_object_mut().unwrap().remove("held_at");
    assert!(refused(f)
        .await
        .starts_with("meetings[1].held_at: missing field"));
    let mut f = demo();
    f["scope"]["excluded"][0]["id"] = json!("s-video");
    assert!(refused(f).await.starts_with("scope.excluded[0].id"));

    // One meeting's notes added after a call, and a report.
    let meeting = json!({ "id": "m-new", "held_at": "2026-11-23T10:00:00Z", "title": "Video review",
        "attendees": ["Maya Chen", "Tom Becker"], "agreements": [{ "id": "ag-cut", "text": "Shorter ending." }],
        "next_steps": [] });
    let id = import::add(
        &env.pool,
        "demo",
        import::Kind::Meeting,
        None,
        &meeting.to_string(),
    )
    .await
    .unwrap();
    assert_eq!(id, "m-new");
    let report = json!({ "id": "r-x", "period": "2026-11", "published_at": "2026-12-01T09:00:00Z",
        "summary": "s", "highlights": ["w-gone"], "metrics": [], "learnings": [], "next_month": [] });
    let err = import::add(
        &env.pool,
        "demo",
        import::Kind::Report,
        None,
        &report.to_string(),
    )
    .await
    .unwrap_err();
    assert!(err
        .to_string()
        .contains("highlights[0]: there is no win `w-gone`"));
    let feed = env.feed().await;
    assert_eq!(feed["meetings"].as_array().unwrap().len(), 3);
});

#[test]
fn the_demo_moves_what_was_agreed_to_today() {
    let now = chrono::DateTime::parse_from_rfc3339("2027-01-02T10:00:00Z")
        .unwrap()
        .to_utc();
    let feed = portal_server::cli::demo_feed(now);
    let agreed = parse_agreed(&feed).unwrap();
    // 23 November → 2 January: 40 days on.
    assert_eq!(
        agreed.meetings[0].held_at.to_rfc3339(),
        "2026-12-28T10:00:00+01:00"
    );
    assert_eq!(agreed.reports[0].period.to_wire(), "2026-11");
    let portal = client_portal::contract::parse_portal(&feed).unwrap();
    assert_eq!(portal.generated_at.date_naive().to_string(), "2027-01-02");
}
