//! `GET /portal`, assembled for one person from the client's rows, with the
//! client's own decisions, comments, answers to meeting agreements and
//! requests in place.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use crate::clock::stored;
use crate::db::Pool;
use crate::links::Holder;

/// A client company's profile and its anonymous key.
pub async fn profile(pool: &Pool, client_id: &str) -> anyhow::Result<Option<(Value, String)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT profile, anonymous_key FROM clients WHERE id = $1")
            .bind(client_id)
            .fetch_optional(pool)
            .await?;
    row.map(|(p, k)| Ok((serde_json::from_str(&p)?, k)))
        .transpose()
}

/// The feed for `holder`, or None if its client is gone.
pub async fn assemble(
    pool: &Pool,
    holder: &Holder,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Value>> {
    let Some((profile, anonymous_key)) = profile(pool, &holder.client_id).await? else {
        return Ok(None);
    };
    let items: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT kind, parent_id, body FROM items WHERE client_id = $1 ORDER BY seq, kind, parent_id, id",
    )
    .bind(&holder.client_id)
    .fetch_all(pool)
    .await?;
    type Decided = (String, String, Option<String>, String, String, String);
    let decisions: Vec<Decided> = sqlx::query_as(
        "SELECT approval_id, decision, comment, by_name, decided_at, reference FROM decisions WHERE client_id = $1",
    )
    .bind(&holder.client_id)
    .fetch_all(pool)
    .await?;
    let decisions: HashMap<String, Decided> =
        decisions.into_iter().map(|d| (d.0.clone(), d)).collect();
    let answers = answers(pool, &holder.client_id, None).await?;

    let mut deliverables: Vec<Value> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // (deliverable id, row) of versions and comments.
    let mut versions: Vec<(String, Value)> = Vec::new();
    let mut comments: Vec<(String, Value)> = Vec::new();
    let (mut approvals, mut deadlines, mut wins) = (Vec::new(), Vec::new(), Vec::new());
    let mut scope = None;
    let (mut meetings, mut reports, mut requests) = (Vec::new(), Vec::new(), Vec::new());
    for (kind, parent, body) in items {
        let mut v: Value = serde_json::from_str(&body)?;
        match kind.as_str() {
            "deliverable" => {
                if let Some(o) = v.as_object_mut() {
                    o.insert("versions".into(), json!([]));
                    o.insert("comments".into(), json!([]));
                }
                index.insert(
                    v["id"].as_str().unwrap_or_default().to_string(),
                    deliverables.len(),
                );
                deliverables.push(v);
            }
            "version" => versions.push((parent, v)),
            "comment" => comments.push((parent, v)),
            "approval" => {
                if let Some(d) = v["id"].as_str().and_then(|id| decisions.get(id)) {
                    decide(&mut v, d);
                }
                approvals.push(v);
            }
            "deadline" => deadlines.push(v),
            "win" => wins.push(v),
            "scope" => scope = Some(v),
            "meeting" => {
                answer(&mut v, &answers);
                meetings.push(v);
            }
            "report" => reports.push(v),
            "request" => requests.push(v),
            _ => {}
        }
    }
    for (list, rows) in [("versions", versions), ("comments", comments)] {
        for (parent, v) in rows {
            if let Some(&i) = index.get(&parent) {
                if let Some(a) = deliverables[i][list].as_array_mut() {
                    a.push(v);
                }
            }
        }
    }

    // Comments in the order they were written, the agency's and the
    // client's together (re-importing renumbers the agency's rows).
    for d in &mut deliverables {
        if let Some(list) = d["comments"].as_array_mut() {
            list.sort_by_key(|c| {
                c["created_at"]
                    .as_str()
                    .and_then(crate::clock::parse_stored)
            });
        }
    }

    // Requests as they came, the agency's and the client's together.
    requests.sort_by_key(|r| {
        r["created_at"]
            .as_str()
            .and_then(crate::clock::parse_stored)
    });

    let mut feed = Map::new();
    feed.insert(
        "schema_version".into(),
        json!(client_portal::contract::SCHEMA_VERSION),
    );
    feed.insert("generated_at".into(), json!(stored(now)));
    for key in ["agency", "client"] {
        feed.insert(key.into(), profile[key].clone());
    }
    let mut viewer = json!({ "name": holder.name });
    if let Some(email) = &holder.email {
        viewer["email"] = json!(email);
    }
    feed.insert("viewer".into(), viewer);
    for key in ["contacts", "communication", "glossary"] {
        feed.insert(key.into(), profile[key].clone());
    }
    feed.insert("deliverables".into(), Value::Array(deliverables));
    feed.insert("approvals".into(), Value::Array(approvals));
    feed.insert("deadlines".into(), Value::Array(deadlines));
    feed.insert("wins".into(), Value::Array(wins));
    feed.insert("anonymous_key".into(), json!(anonymous_key));
    if let Some(scope) = scope {
        feed.insert("scope".into(), scope);
    }
    feed.insert("meetings".into(), Value::Array(meetings));
    feed.insert("reports".into(), Value::Array(reports));
    feed.insert("requests".into(), Value::Array(requests));
    Ok(Some(Value::Object(feed)))
}

/// An approval with the client's decision on it.
pub fn decide(approval: &mut Value, d: &(String, String, Option<String>, String, String, String)) {
    let (_, decision, comment, by, at, reference) = d;
    approval["status"] = json!(if decision == "approve" {
        "approved"
    } else {
        "changes_requested"
    });
    let mut made = json!({ "by": by, "at": at, "reference": reference });
    if let Some(c) = comment {
        made["comment"] = json!(c);
    }
    approval["decision"] = made;
}

/// The client's latest answer to each agreement, by (meeting, agreement).
pub type Answers = HashMap<(String, String), String>;

/// The answers of a client (to one meeting, or to all).
pub async fn answers<'e, E>(
    db: E,
    client_id: &str,
    meeting: Option<&str>,
) -> anyhow::Result<Answers>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT meeting_id, agreement_id, status FROM confirmations
         WHERE client_id = $1 AND ($2 = '' OR meeting_id = $2)",
    )
    .bind(client_id)
    .bind(meeting.unwrap_or_default())
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(m, a, s)| ((m, a), s)).collect())
}

/// A meeting's notes with the client's answers on its agreements.
pub fn answer(meeting: &mut Value, answers: &Answers) {
    let id = meeting["id"].as_str().unwrap_or_default().to_string();
    if let Some(list) = meeting["agreements"].as_array_mut() {
        for a in list {
            let key = (id.clone(), a["id"].as_str().unwrap_or_default().to_string());
            if let Some(status) = answers.get(&key) {
                a["status"] = json!(status);
            }
        }
    }
}
