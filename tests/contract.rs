//! The JSON contract v1, checked against the example feed and against the
//! ways real feeds go wrong.

use client_portal::contract::*;
use serde_json::{json, Value};

const DEMO: &str = include_str!("../demo/portal.json");

fn demo_json() -> Value {
    serde_json::from_str(DEMO).unwrap()
}

fn parse_value(v: &Value) -> Result<Portal, ContractError> {
    parse_portal(&v.to_string())
}

fn field_error(v: &Value) -> String {
    match parse_value(v) {
        Err(ContractError::Field { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn the_example_feed_parses_completely() {
    let p = parse_portal(DEMO).unwrap();
    assert_eq!(p.schema_version, 1);
    assert_eq!(p.agency.name, "Northwind Studio");
    assert_eq!(p.contacts.len(), 4);
    assert_eq!(p.glossary.len(), 2);
    assert_eq!(p.glossary[0].term, "conversion rate");
    assert!(p.deliverables.iter().any(|d| d.scope == Scope::ChangeOrder));
    assert!(p.deliverables.iter().any(|d| d.scope == Scope::OutOfScope));
    assert!(p.approvals.iter().any(|a| a.decision.is_some()));
    assert!(p.deadlines.iter().any(|d| matches!(d.due, Due::At(_))));
    assert!(p.deadlines.iter().any(|d| matches!(d.due, Due::Day(_))));
    assert!(p.anonymous_key.is_some());
    // No value in the example degrades to "other".
    assert!(p
        .deliverables
        .iter()
        .all(|d| d.status != DeliverableStatus::Other));
    assert!(p.contacts.iter().all(|c| c.kind != ContactKind::Other));
}

#[test]
fn round_trips_through_serde() {
    let p = parse_portal(DEMO).unwrap();
    let again = parse_portal(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(p, again);
}

#[test]
fn unknown_fields_are_ignored() {
    let mut v = demo_json();
    v["brand_new_top_level"] = json!({"x": 1});
    v["deliverables"][0]["priority"] = json!("high");
    v["agency"]["tagline"] = json!("We make things");
    assert_eq!(parse_value(&v).unwrap(), parse_portal(DEMO).unwrap());
}

#[test]
fn unknown_enum_values_degrade_to_other() {
    let mut v = demo_json();
    v["deliverables"][0]["status"] = json!("on_hold");
    v["deliverables"][0]["scope"] = json!("retainer");
    v["approvals"][0]["status"] = json!("escalated");
    v["contacts"][0]["kind"] = json!("intern");
    v["communication"]["channels"][0]["kind"] = json!("carrier_pigeon");
    v["deadlines"][0]["owner"] = json!("both");
    let p = parse_value(&v).unwrap();
    assert_eq!(p.deliverables[0].status, DeliverableStatus::Other);
    assert_eq!(p.deliverables[0].scope, Scope::Other);
    assert_eq!(p.approvals[0].status, ApprovalStatus::Other);
    assert_eq!(p.contacts[0].kind, ContactKind::Other);
    assert_eq!(p.communication.channels[0].kind, ChannelKind::Other);
    assert_eq!(p.deadlines[0].owner, Owner::Other);
}

#[test]
fn a_missing_required_field_is_named_with_its_path() {
    let mut v = demo_json();
    v["deliverables"][2]
        .as_object_mut()
        .unwrap()
        .remove("title");
    assert_eq!(field_error(&v), "deliverables[2].title");

    let mut v = demo_json();
    v.as_object_mut().unwrap().remove("approvals");
    assert_eq!(field_error(&v), "approvals");

    let mut v = demo_json();
    v["communication"]
        .as_object_mut()
        .unwrap()
        .remove("response_hours");
    assert_eq!(field_error(&v), "communication.response_hours");
}

#[test]
fn a_wrongly_typed_field_is_named() {
    let mut v = demo_json();
    v["deadlines"][1]["done"] = json!("yes");
    assert_eq!(field_error(&v), "deadlines[1].done");

    let mut v = demo_json();
    v["approvals"][0]["due"] = json!("next Tuesday");
    assert_eq!(field_error(&v), "approvals[0].due");
    match parse_value(&v) {
        Err(ContractError::Field { detail, .. }) => {
            assert!(detail.contains("YYYY-MM-DD"), "{detail}")
        }
        e => panic!("{e:?}"),
    }

    let mut v = demo_json();
    v["wins"][0]["metrics"][0]["after"] = json!("3.4");
    assert_eq!(field_error(&v), "wins[0].metrics[0].after");
}

#[test]
fn not_json_is_its_own_error() {
    for body in [
        "<html><body>Bad gateway</body></html>",
        "",
        "{\"schema_version\": 1, ",
    ] {
        assert!(
            matches!(parse_portal(body), Err(ContractError::NotJson { .. })),
            "{body:?}"
        );
    }
}

#[test]
fn a_newer_contract_is_reported_as_such() {
    let mut v = demo_json();
    v["schema_version"] = json!(2);
    v.as_object_mut().unwrap().remove("deliverables");
    assert_eq!(
        parse_value(&v),
        Err(ContractError::UnsupportedVersion { found: 2 })
    );
}

#[test]
fn due_accepts_a_day_or_a_moment() {
    assert!(matches!(Due::parse("2026-11-28"), Some(Due::Day(_))));
    assert!(matches!(
        Due::parse("2026-11-28T16:00:00+01:00"),
        Some(Due::At(_))
    ));
    assert!(matches!(
        Due::parse("2026-11-28T15:00:00Z"),
        Some(Due::At(_))
    ));
    assert_eq!(Due::parse("28/11/2026"), None);
    assert_eq!(Due::parse("2026-02-30"), None);
    let d = Due::parse("2026-11-28T16:00:00+01:00").unwrap();
    assert_eq!(Due::parse(&d.to_wire()), Some(d));
}

#[test]
fn write_bodies_match_the_contract() {
    let d = DecisionRequest {
        decision: DecisionKind::RequestChanges,
        version_id: "v-3".into(),
        comment: Some("Darker blue, please".into()),
    };
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"decision": "request_changes", "version_id": "v-3", "comment": "Darker blue, please"})
    );
    let a = DecisionRequest {
        decision: DecisionKind::Approve,
        version_id: "v-3".into(),
        comment: None,
    };
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        json!({"decision": "approve", "version_id": "v-3"})
    );

    let e = EscalationRequest {
        to: "c-priya".into(),
        anonymous: true,
        topic: "Deadlines".into(),
        urgency: Urgency::High,
        message: "Things keep slipping.".into(),
        reply_to: None,
    };
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"to": "c-priya", "anonymous": true, "topic": "Deadlines", "urgency": "high", "message": "Things keep slipping."})
    );
    let r: EscalationReceipt =
        parse(r#"{"reference":"ESC-1","received_at":"2026-11-23T10:00:00Z"}"#).unwrap();
    assert_eq!(r.reference, "ESC-1");
    assert!(r.respond_by.is_none());
}

#[test]
fn fields_are_named_in_pretty_printed_feeds_too() {
    let mut v = demo_json();
    v["deliverables"][1]["versions"][0]
        .as_object_mut()
        .unwrap()
        .remove("created_at");
    let pretty = serde_json::to_string_pretty(&v).unwrap();
    match parse_portal(&pretty) {
        Err(ContractError::Field { field, .. }) => {
            assert_eq!(field, "deliverables[1].versions[0].created_at")
        }
        e => panic!("{e:?}"),
    }
    let mut v = demo_json();
    v["contacts"][3]["level"] = json!(-1);
    match parse_portal(&serde_json::to_string_pretty(&v).unwrap()) {
        Err(ContractError::Field { field, .. }) => assert_eq!(field, "contacts[3].level"),
        e => panic!("{e:?}"),
    }
}

#[test]
fn the_glossary_is_optional_and_its_entries_need_both_fields() {
    let mut v = demo_json();
    v.as_object_mut().unwrap().remove("glossary");
    assert!(parse_value(&v).unwrap().glossary.is_empty());
    let mut v = demo_json();
    v["glossary"][1].as_object_mut().unwrap().remove("meaning");
    assert_eq!(field_error(&v), "glossary[1].meaning");
}

/// The portal's own RFC 3339 reader takes exactly what chrono's takes, with
/// the same instant and offset.
#[test]
fn moments_read_as_chrono_reads_them() {
    use client_portal::contract::parse_moment;
    let cases = [
        "2026-11-20T17:00:00Z",
        "2026-11-20t17:00:00z",
        "2026-11-20 17:00:00+07:00",
        "2026-11-20T17:00:00.5+05:30",
        "2026-11-20T17:00:00.123456789-03:00",
        "2026-11-20T17:00:00.1234567891Z",
        "2026-12-31T23:59:60Z",
        "2026-01-01T00:00:00-23:59",
        "2024-02-29T12:00:00Z",
        // Refused by both.
        "2026-02-29T12:00:00Z",
        "2026-11-20T24:00:00Z",
        "2026-11-20T17:00:00",
        "2026-11-20T17:00Z",
        "2026-11-20T17:00:00.Z",
        "2026-11-20T17:00:00+0700",
        "2026-11-20T17:00:00+07:00 ",
        "2026-11-20T17:0a:00Z",
        "2026-11-20",
        "2026-11-20T",
        "",
        "2026-11-20T17:00:00+24:00",
        "2026-11-20T17:00:61Z",
    ];
    for s in cases {
        assert_eq!(
            parse_moment(s),
            chrono::DateTime::parse_from_rfc3339(s).ok(),
            "{s:?}"
        );
    }
}

/// …and writes them as chrono's `to_rfc3339` does.
#[test]
fn moments_written_as_chrono_writes_them() {
    use client_portal::contract::{moment_to_wire, parse_moment};
    for s in [
        "2026-11-20T17:00:00Z",
        "2026-11-20T17:00:00+07:00",
        "2026-11-20T17:00:00.5+05:30",
        "2026-11-20T17:00:00.25-03:00",
        "2026-11-20T17:00:00.000250-03:00",
        "2026-11-20T17:00:00.123456789-03:00",
        "2026-11-20T17:00:00.000000001Z",
        "2026-12-31T23:59:60Z",
        "2026-12-31T23:59:60.5Z",
        "0999-01-01T00:00:00-00:30",
        "2026-01-01T00:00:00-23:59",
    ] {
        let t = parse_moment(s).unwrap();
        assert_eq!(moment_to_wire(t), t.to_rfc3339(), "{s:?}");
    }
}
