//! The agency's data coming in: whole feeds and single rows, refused with
//! the field named when the portal could not show them.

mod support;

use axum::http::StatusCode;
use portal_server::clock::Clock;
use portal_server::import::{self, Kind};
use serde_json::{json, Value};

fn demo() -> Value {
    serde_json::from_str(portal_server::cli::DEMO_FEED).unwrap()
}

on_every_database!(
    importing_again_replaces_the_agencys_rows_and_keeps_the_clients,
    |env| {
        // The client decides and comments.
        let r = env
            .send(env.post(
                "/approvals/a-home-3/decision",
                json!({ "decision": "approve", "version_id": "v-home-3" }),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let r = env
            .send(env.post(
                "/deliverables/d-homepage/comments",
                json!({ "body": "Thanks!" }),
            ))
            .await;
        assert_eq!(r.status, StatusCode::CREATED);

        // The agency renames a deliverable, drops a win and imports again.
        let mut feed = demo();
        feed["deliverables"][0]["title"] = json!("Homepage, renamed");
        feed["wins"].as_array_mut().unwrap().remove(0);
        let wins = feed["wins"].as_array().unwrap().len();
        let done = import::import_feed(&env.pool, "demo", &feed.to_string(), env.clock.now())
            .await
            .unwrap();
        assert!(!done.created);

        let shown = env.feed().await;
        assert_eq!(shown["deliverables"][0]["title"], "Homepage, renamed");
        assert_eq!(shown["wins"].as_array().unwrap().len(), wins);
        let home = shown["approvals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "a-home-3")
            .unwrap();
        assert_eq!(home["status"], "approved");
        let comments = shown["deliverables"][0]["comments"].as_array().unwrap();
        assert_eq!(comments.last().unwrap()["body"], "Thanks!");
        assert_eq!(comments.len(), 3);
    }
);

on_every_database!(
    a_feed_the_portal_could_not_show_is_refused_naming_the_field,
    |env| {
        let now = env.clock.now();
        let refused = |feed: Value| {
            let pool = env.pool.clone();
            async move {
                import::import_feed(&pool, "other", &feed.to_string(), now)
                    .await
                    .unwrap_err()
                    .to_string()
            }
        };
        let mut f = demo();
        f["deliverables"][2]
            .as_object_mut()
            .unwrap()
            .remove("title");
        assert_eq!(
            refused(f).await,
            "deliverables[2].title: missing field `title`"
        );
        let mut f = demo();
        f["approvals"][0]["requested_at"] = json!("yesterday");
        assert!(refused(f)
            .await
            .starts_with("approvals[0].requested_at: expected a date and time"));
        let mut f = demo();
        f["deliverables"][1]["id"] = json!("d-homepage");
        assert_eq!(
            refused(f).await,
            "deliverables[1].id: `d-homepage` is used twice"
        );
        let mut f = demo();
        f["approvals"][0]["version_id"] = json!("v-home-9");
        assert_eq!(
            refused(f).await,
            "approvals[0].version_id: deliverable `d-homepage` has no version `v-home-9`"
        );
        let mut f = demo();
        f["deadlines"][0]["approval_id"] = json!("a-none");
        assert_eq!(
            refused(f).await,
            "deadlines[0].approval_id: there is no approval `a-none`"
        );
        let mut f = demo();
        f["schema_version"] = json!(2);
        assert!(refused(f).await.starts_with("schema_version: 2"));
        // What only the published schema says: formats and patterns.
        let mut f = demo();
        f["agency"]["brand_color"] = json!("blue");
        let err = refused(f).await;
        assert!(err.starts_with("agency.brand_color: "), "{err}");
        let mut f = demo();
        f["contacts"][1]["email"] = json!("not an address");
        let err = refused(f).await;
        assert!(err.starts_with("contacts[1].email: "), "{err}");
        let err = import::import_feed(&env.pool, "other", "<html>", now)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("not JSON"), "{err}");
        let err = import::import_feed(&env.pool, "no spaces", portal_server::cli::DEMO_FEED, now)
            .await
            .unwrap_err();
        assert!(err.to_string().starts_with("a client id is"), "{err}");
        // Nothing of the refused feeds was kept.
        assert_eq!(env.count("SELECT COUNT(*) FROM clients").await, 1);
    }
);

on_every_database!(single_rows_are_added_and_updated, |env| {
    let add = |kind, parent: Option<&'static str>, body: Value| {
        let pool = env.pool.clone();
        async move { import::add(&pool, "demo", kind, parent, &body.to_string()).await }
    };
    let id = add(Kind::Deliverable, None, json!({ "id": "d-new", "title": "Spring campaign", "status": "planned", "scope": "change_order" }))
        .await
        .unwrap();
    assert_eq!(id, "d-new");
    add(
        Kind::Version,
        Some("d-new"),
        json!({ "id": "v1", "label": "First draft", "created_at": "2026-11-22T10:00:00Z" }),
    )
    .await
    .unwrap();
    add(Kind::Approval, None, json!({ "id": "a-new", "deliverable_id": "d-new", "version_id": "v1", "title": "Spring — first draft",
        "requested_at": "2026-11-22T10:00:00Z", "due": "2026-11-30", "status": "pending" }))
        .await
        .unwrap();
    add(Kind::Deadline, None, json!({ "id": "dl-new", "title": "Approve the spring draft", "due": "2026-11-30", "owner": "client", "approval_id": "a-new", "done": false }))
        .await
        .unwrap();
    add(Kind::Win, None, json!({ "id": "w-new", "title": "Newsletter sign-ups doubled", "date": "2026-11-20", "metrics": [{ "label": "Sign-ups", "before": 120, "after": 250 }] }))
        .await
        .unwrap();
    // Updating keeps the row's place.
    add(Kind::Deliverable, None, json!({ "id": "d-homepage", "title": "Homepage (updated)", "status": "approved", "scope": "included" }))
        .await
        .unwrap();

    let feed = env.feed().await;
    let portal =
        client_portal::contract::parse_portal(&feed.to_string()).expect("still a valid feed");
    assert_eq!(portal.deliverables[0].title, "Homepage (updated)");
    let new = portal.deliverables.last().unwrap();
    assert_eq!((new.id.as_str(), new.versions.len()), ("d-new", 1));
    assert_eq!(portal.approvals.last().unwrap().id, "a-new");
    assert_eq!(portal.deadlines.last().unwrap().id, "dl-new");
    assert_eq!(portal.wins.last().unwrap().id, "w-new");
    // The new approval can be decided.
    let r = env
        .send(env.post(
            "/approvals/a-new/decision",
            json!({ "decision": "approve", "version_id": "v1" }),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let err = add(
        Kind::Version,
        None,
        json!({ "id": "v2", "label": "x", "created_at": "2026-11-22T10:00:00Z" }),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("--deliverable"), "{err}");
    let err = add(Kind::Version, Some("d-nope"), json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "there is no deliverable `d-nope`");
    let err = add(
        Kind::Win,
        None,
        json!({ "id": "w", "title": "t", "date": "2026-11-20", "metrics": [{ "label": "x" }] }),
    )
    .await
    .unwrap_err();
    assert_eq!(err.to_string(), "metrics[0].after: missing field `after`");
    let err = add(
        Kind::Approval,
        None,
        json!({ "id": "a-x", "deliverable_id": "d-new", "version_id": "v9", "title": "t",
        "requested_at": "2026-11-22T10:00:00Z", "due": "2026-11-30", "status": "pending" }),
    )
    .await
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "version_id: deliverable `d-new` has no version `v9`"
    );
});
