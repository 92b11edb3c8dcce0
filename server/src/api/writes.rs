//! The client's writes, each acted on once per `Idempotency-Key`: the key
//! is claimed in the same transaction as the write and its answer, so a
//! repeated key gets the first answer, concurrent duplicates act once (the
//! second waits on the first's row), and a write that failed on our side
//! leaves no trace and can be sent again.

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, Utc};
use client_portal::contract::agreed::{
    AgreedScope, Agreement, Confirmation, ConfirmationRequest, Meeting, NewRequest,
};
use client_portal::contract::json::{FromJson, Json, Path};
use client_portal::contract::{
    Approval, ApprovalStatus, CommentRequest, DecisionKind, DecisionRequest, Due, EscalationRequest,
};
use serde_json::{json, Value};

use super::error::{Answer, ApiError};
use super::AppState;
use crate::clock::stored;
use crate::db::Tx;
use crate::feed;
use crate::links::Holder;
use crate::{delivery, secret};

/// Who sent a write.
pub enum Who {
    Named(Holder),
    /// Anonymous feedback: the client company, and nothing about the person.
    Anonymous {
        client_id: String,
    },
}

impl Who {
    fn client_id(&self) -> &str {
        match self {
            Who::Named(h) => &h.client_id,
            Who::Anonymous { client_id } => client_id,
        }
    }
}

pub enum Write {
    Decision {
        approval_id: String,
        req: DecisionRequest,
    },
    Comment {
        deliverable_id: String,
        req: CommentRequest,
    },
    Escalation {
        req: EscalationRequest,
    },
    Confirmation {
        meeting_id: String,
        req: ConfirmationRequest,
    },
    Request {
        req: NewRequest,
    },
}

impl Write {
    /// What the key was used for: the same key for another request is
    /// refused rather than answered with the other's result.
    fn route(&self) -> String {
        match self {
            Write::Decision { approval_id, .. } => format!("decision:{approval_id}"),
            Write::Comment { deliverable_id, .. } => format!("comment:{deliverable_id}"),
            Write::Escalation { .. } => "escalation".into(),
            Write::Confirmation { meeting_id, .. } => format!("confirmation:{meeting_id}"),
            Write::Request { .. } => "request".into(),
        }
    }
}

/// Something that came in, for the agency (the CLI's list, the webhook).
pub struct Event {
    pub kind: &'static str,
    pub data: Value,
}

pub async fn run(
    state: &AppState,
    who: Who,
    key: Option<String>,
    write: Write,
) -> Result<Answer, ApiError> {
    let now = state.clock.now();
    let client_id = who.client_id().to_string();
    let route = write.route();
    let mut tx: Tx = state.pool.begin().await?;
    if let Some(key) = &key {
        let claimed = sqlx::query(
            "INSERT INTO writes (client_id, idem_key, route, status, response, created_at)
             VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (client_id, idem_key) DO NOTHING",
        )
        .bind(&client_id)
        .bind(key)
        .bind(&route)
        .bind(stored(now))
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            tx.rollback().await?;
            return earlier(state, &client_id, key, &route).await;
        }
    }
    let (answer, event) = perform(&mut tx, &who, &write, now).await?;
    if let Some(key) = &key {
        sqlx::query(
            "UPDATE writes SET status = $1, response = $2 WHERE client_id = $3 AND idem_key = $4",
        )
        .bind(i64::from(answer.status.as_u16()))
        .bind(answer.body.to_string())
        .bind(&client_id)
        .bind(key)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(event) = event {
        delivery::record(&mut tx, &client_id, event.kind, event.data, now).await?;
    }
    tx.commit().await?;
    Ok(answer)
}

/// The answer given the first time a key was used.
async fn earlier(
    state: &AppState,
    client_id: &str,
    key: &str,
    route: &str,
) -> Result<Answer, ApiError> {
    let (first_route, status, response): (String, i64, String) = sqlx::query_as(
        "SELECT route, status, response FROM writes WHERE client_id = $1 AND idem_key = $2",
    )
    .bind(client_id)
    .bind(key)
    .fetch_one(&state.pool)
    .await?;
    if first_route != route {
        return Err(Answer::invalid(
            "Idempotency-Key",
            "This request could not be sent. Please reload the page and try again.",
        )
        .into());
    }
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok());
    match (status, serde_json::from_str(&response)) {
        (Some(status), Ok(body)) => Ok(Answer { status, body }),
        _ => Err(anyhow::anyhow!("the stored answer for key {key} cannot be read").into()),
    }
}

fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

const LONGEST_TEXT: usize = 20_000;

async fn perform(
    tx: &mut Tx,
    who: &Who,
    write: &Write,
    now: DateTime<Utc>,
) -> anyhow::Result<(Answer, Option<Event>)> {
    Ok(match (write, who) {
        (Write::Decision { approval_id, req }, Who::Named(holder)) => {
            decide(tx, holder, approval_id, req, now).await?
        }
        (
            Write::Comment {
                deliverable_id,
                req,
            },
            Who::Named(holder),
        ) => comment(tx, holder, deliverable_id, req, now).await?,
        (Write::Escalation { req }, who) => escalate(tx, who, req, now).await?,
        (Write::Confirmation { meeting_id, req }, Who::Named(holder)) => {
            confirm(tx, holder, meeting_id, req, now).await?
        }
        (Write::Request { req }, Who::Named(holder)) => request(tx, holder, req, now).await?,
        // Only escalations are taken without a token (routes never build these).
        (_, Who::Anonymous { .. }) => (
            Answer::error(
                StatusCode::UNAUTHORIZED,
                "missing_token",
                "Please open the portal with your personal link.",
            ),
            None,
        ),
    })
}

async fn item(
    tx: &mut Tx,
    client_id: &str,
    kind: &str,
    parent: &str,
    id: &str,
) -> anyhow::Result<Option<Value>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT body FROM items WHERE client_id = $1 AND kind = $2 AND parent_id = $3 AND id = $4",
    )
    .bind(client_id)
    .bind(kind)
    .bind(parent)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|(b,)| Ok(serde_json::from_str(&b)?)).transpose()
}

async fn decide(
    tx: &mut Tx,
    holder: &Holder,
    approval_id: &str,
    req: &DecisionRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<(Answer, Option<Event>)> {
    let client_id = &holder.client_id;
    let Some(mut body) = item(tx, client_id, "approval", "", approval_id).await? else {
        return Ok((Answer::not_found("We couldn't find that approval."), None));
    };
    let approval = Approval::from_json(&Json::from(&body), Path::Root)
        .map_err(|e| anyhow::anyhow!("stored approval: {e:?}"))?;
    if req.version_id != approval.version_id {
        return Ok((
            Answer::conflict(
                "newer_version",
                "A newer version is waiting for your decision. Please reload the page and look at it first.",
            ),
            None,
        ));
    }
    if approval.status != ApprovalStatus::Pending {
        return Ok((already_decided(), None));
    }
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if req.decision == DecisionKind::RequestChanges && blank(comment) {
        return Ok((
            Answer::invalid("comment", "Please say what you would like changed."),
            None,
        ));
    }
    if comment.is_some_and(|c| c.chars().count() > LONGEST_TEXT) {
        return Ok((
            Answer::invalid("comment", "Your comment is too long. Please shorten it."),
            None,
        ));
    }
    let reference = secret::reference("DEC", now.year());
    let at = stored(now);
    let inserted = sqlx::query(
        "INSERT INTO decisions (client_id, approval_id, decision, version_id, comment, by_name, token_id, decided_at, reference)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (client_id, approval_id) DO NOTHING",
    )
    .bind(client_id)
    .bind(approval_id)
    .bind(req.decision.to_wire())
    .bind(&req.version_id)
    .bind(comment)
    .bind(&holder.name)
    .bind(&holder.token_id)
    .bind(&at)
    .bind(&reference)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok((already_decided(), None));
    }
    let row = (
        approval_id.to_string(),
        req.decision.to_wire().to_string(),
        comment.map(str::to_string),
        holder.name.clone(),
        at,
        reference.clone(),
    );
    feed::decide(&mut body, &row);
    let event = Event {
        kind: "decision",
        data: json!({
            "approval_id": approval_id, "title": approval.title, "deliverable_id": approval.deliverable_id,
            "version_id": req.version_id, "decision": req.decision.to_wire(), "comment": comment,
            "by": holder.name, "email": holder.email, "reference": reference,
        }),
    };
    Ok((Answer::ok(StatusCode::OK, body), Some(event)))
}

fn already_decided() -> Answer {
    Answer::conflict("already_decided", "This approval has already been decided.")
}

async fn comment(
    tx: &mut Tx,
    holder: &Holder,
    deliverable_id: &str,
    req: &CommentRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<(Answer, Option<Event>)> {
    let client_id = &holder.client_id;
    let Some(deliverable) = item(tx, client_id, "deliverable", "", deliverable_id).await? else {
        return Ok((
            Answer::not_found("We couldn't find that deliverable."),
            None,
        ));
    };
    let text = req.body.trim();
    if text.is_empty() {
        return Ok((Answer::invalid("body", "Please write your comment."), None));
    }
    if text.chars().count() > LONGEST_TEXT {
        return Ok((
            Answer::invalid("body", "Your comment is too long. Please shorten it."),
            None,
        ));
    }
    if let Some(v) = &req.version_id {
        if item(tx, client_id, "version", deliverable_id, v)
            .await?
            .is_none()
        {
            return Ok((
                Answer::invalid(
                    "version_id",
                    "That version is no longer there. Please reload the page.",
                ),
                None,
            ));
        }
    }
    let mut c = json!({ "id": secret::id("cm"), "author": holder.name, "body": text, "created_at": stored(now) });
    if let Some(v) = &req.version_id {
        c["version_id"] = json!(v);
    }
    sqlx::query(
        "INSERT INTO items (client_id, kind, parent_id, id, seq, origin, body)
         VALUES ($1, 'comment', $2, $3, (SELECT COALESCE(MAX(seq), 0) + 1 FROM items WHERE client_id = $1), 'client', $4)",
    )
    .bind(client_id)
    .bind(deliverable_id)
    .bind(c["id"].as_str())
    .bind(c.to_string())
    .execute(&mut **tx)
    .await?;
    let event = Event {
        kind: "comment",
        data: json!({
            "deliverable_id": deliverable_id, "title": deliverable["title"], "comment": c,
            "email": holder.email,
        }),
    };
    Ok((Answer::ok(StatusCode::CREATED, c), Some(event)))
}

async fn escalate(
    tx: &mut Tx,
    who: &Who,
    req: &EscalationRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<(Answer, Option<Event>)> {
    let client_id = who.client_id();
    let profile = profile(tx, client_id).await?;
    let contacts = profile["contacts"].as_array().cloned().unwrap_or_default();
    let Some(to) = contacts.iter().find(|c| c["id"] == req.to.as_str()) else {
        return Ok((
            Answer::invalid("to", "Please choose who should get your message."),
            None,
        ));
    };
    let anonymous = matches!(who, Who::Anonymous { .. });
    if req.anonymous != anonymous {
        let message = if anonymous {
            "This message could not be sent anonymously. Please reload the page and try again."
        } else {
            "Anonymous messages are sent without your personal link. Please reload the page and try again."
        };
        return Ok((Answer::invalid("anonymous", message), None));
    }
    if anonymous && req.reply_to.is_some() {
        return Ok((
            Answer::invalid(
                "reply_to",
                "An anonymous message can't carry a reply address.",
            ),
            None,
        ));
    }
    if blank(Some(&req.topic)) {
        return Ok((
            Answer::invalid("topic", "Please say what your message is about."),
            None,
        ));
    }
    if blank(Some(&req.message)) {
        return Ok((
            Answer::invalid("message", "Please write your message."),
            None,
        ));
    }
    if req.message.chars().count() > LONGEST_TEXT || req.topic.chars().count() > 200 {
        return Ok((
            Answer::invalid("message", "Your message is too long. Please shorten it."),
            None,
        ));
    }
    let (from_name, token_id, reply_to) = match who {
        Who::Named(h) => (
            Some(h.name.as_str()),
            Some(h.token_id.as_str()),
            req.reply_to.as_deref().or(h.email.as_deref()),
        ),
        Who::Anonymous { .. } => (None, None, None),
    };
    let reference = secret::reference("ESC", now.year());
    let respond_by = respond_by(&profile, now);
    sqlx::query(
        "INSERT INTO escalations (reference, client_id, to_contact, anonymous, topic, urgency, message, reply_to, from_name, token_id, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&reference)
    .bind(client_id)
    .bind(&req.to)
    .bind(i64::from(anonymous))
    .bind(req.topic.trim())
    .bind(req.urgency.to_wire())
    .bind(req.message.trim())
    .bind(reply_to)
    .bind(from_name)
    .bind(token_id)
    .bind(stored(now))
    .execute(&mut **tx)
    .await?;
    let receipt = json!({ "reference": reference, "received_at": stored(now), "respond_by": stored(respond_by) });
    let mut data = json!({
        "reference": reference, "to": req.to, "to_name": to["name"], "anonymous": anonymous,
        "topic": req.topic.trim(), "urgency": req.urgency.to_wire(), "message": req.message.trim(),
    });
    if let Who::Named(h) = who {
        data["from"] = json!(h.name);
        data["reply_to"] = json!(reply_to);
    }
    Ok((
        Answer::ok(StatusCode::CREATED, receipt),
        Some(Event {
            kind: "escalation",
            data,
        }),
    ))
}

/// The client's profile (agency, contacts, communication…).
async fn profile(tx: &mut Tx, client_id: &str) -> anyhow::Result<Value> {
    let row: (String,) = sqlx::query_as("SELECT profile FROM clients WHERE id = $1")
        .bind(client_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(serde_json::from_str(&row.0)?)
}

/// When the agency promises to answer something sent `now`.
fn respond_by(profile: &Value, now: DateTime<Utc>) -> DateTime<Utc> {
    let hours = profile["communication"]["response_hours"]
        .as_u64()
        .unwrap_or(24);
    now + Duration::hours(i64::try_from(hours).unwrap_or(24))
}

async fn confirm(
    tx: &mut Tx,
    holder: &Holder,
    meeting_id: &str,
    req: &ConfirmationRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<(Answer, Option<Event>)> {
    let client_id = &holder.client_id;
    let Some(mut body) = item(tx, client_id, "meeting", "", meeting_id).await? else {
        return Ok((
            Answer::not_found("We couldn't find the notes of that meeting."),
            None,
        ));
    };
    let meeting = Meeting::from_json(&Json::from(&body), Path::Root)
        .map_err(|e| anyhow::anyhow!("stored meeting: {e:?}"))?;
    if req.agreement_ids.is_empty() {
        return Ok((
            Answer::invalid("agreement_ids", "Please choose what you are answering."),
            None,
        ));
    }
    let mut answered: Vec<&Agreement> = Vec::new();
    for id in &req.agreement_ids {
        let Some(a) = meeting.agreements.iter().find(|a| &a.id == id) else {
            return Ok((
                Answer::invalid(
                    "agreement_ids",
                    "These notes have changed since you opened them. Please reload the page.",
                ),
                None,
            ));
        };
        if !answered.iter().any(|x| x.id == a.id) {
            answered.push(a);
        }
    }
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if req.status == Confirmation::Disputed && comment.is_none() {
        return Ok((
            Answer::invalid(
                "comment",
                "Please say how you remember it, so that we can put it right.",
            ),
            None,
        ));
    }
    if comment.is_some_and(|c| c.chars().count() > LONGEST_TEXT) {
        return Ok((
            Answer::invalid("comment", "Your comment is too long. Please shorten it."),
            None,
        ));
    }
    for a in &answered {
        sqlx::query(
            "INSERT INTO confirmations (client_id, meeting_id, agreement_id, status, comment, by_name, token_id, answered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (client_id, meeting_id, agreement_id) DO UPDATE SET
               status = excluded.status, comment = excluded.comment, by_name = excluded.by_name,
               token_id = excluded.token_id, answered_at = excluded.answered_at",
        )
        .bind(client_id)
        .bind(meeting_id)
        .bind(&a.id)
        .bind(req.status.to_wire())
        .bind(comment)
        .bind(&holder.name)
        .bind(&holder.token_id)
        .bind(stored(now))
        .execute(&mut **tx)
        .await?;
    }
    let answers = feed::answers(&mut **tx, client_id, Some(meeting_id)).await?;
    feed::answer(&mut body, &answers);
    let event = Event {
        kind: "confirmation",
        data: json!({
            "meeting_id": meeting_id, "title": meeting.title, "held_at": meeting.held_at,
            "status": req.status.to_wire(),
            "agreements": answered.iter().map(|a| json!({ "id": a.id, "text": a.text })).collect::<Vec<_>>(),
            "comment": comment, "by": holder.name, "email": holder.email,
        }),
    };
    Ok((Answer::ok(StatusCode::OK, body), Some(event)))
}

/// The most links a request can carry, and the longest title.
const MOST_LINKS: usize = 10;
const LONGEST_TITLE: usize = 200;

async fn request(
    tx: &mut Tx,
    holder: &Holder,
    req: &NewRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<(Answer, Option<Event>)> {
    let client_id = &holder.client_id;
    let title = req.title.trim();
    if title.is_empty() {
        return Ok((
            Answer::invalid("title", "Please give your request a short title."),
            None,
        ));
    }
    if title.chars().count() > LONGEST_TITLE {
        return Ok((
            Answer::invalid(
                "title",
                "Please keep the title shorter; the details go below it.",
            ),
            None,
        ));
    }
    let description = req.description.trim();
    if description.is_empty() {
        return Ok((
            Answer::invalid("description", "Please describe what you need."),
            None,
        ));
    }
    if description.chars().count() > LONGEST_TEXT {
        return Ok((
            Answer::invalid(
                "description",
                "Your description is too long. Please shorten it.",
            ),
            None,
        ));
    }
    match req.wanted_by {
        None => {}
        Some(Due::At(_)) => {
            return Ok((Answer::invalid("wanted_by", "Please choose a day."), None));
        }
        // A day the client chose in their own time zone: "yesterday" in UTC
        // can still be today for them.
        Some(Due::Day(day)) if day < (now - Duration::days(1)).date_naive() => {
            return Ok((
                Answer::invalid(
                    "wanted_by",
                    "That day has already passed. Please choose a later one.",
                ),
                None,
            ));
        }
        Some(Due::Day(_)) => {}
    }
    if req.links.len() > MOST_LINKS {
        return Ok((
            Answer::invalid("links", "Please send at most 10 links."),
            None,
        ));
    }
    for (i, link) in req.links.iter().enumerate() {
        let link = link.trim();
        let web = link.starts_with("https://") || link.starts_with("http://");
        if !web || link.len() > 2000 || link.contains(char::is_whitespace) {
            return Ok((
                Answer::invalid(
                    &format!("links[{i}]"),
                    "Please give web addresses that start with https://.",
                ),
                None,
            ));
        }
    }
    let scope_item = match &req.scope_item_id {
        None => None,
        Some(id) => {
            let scope: Option<AgreedScope> =
                item(tx, client_id, "scope", "", crate::import::SCOPE_ID)
                    .await?
                    .map(|v| AgreedScope::from_json(&Json::from(&v), Path::Root))
                    .transpose()
                    .map_err(|e| anyhow::anyhow!("stored scope: {e:?}"))?;
            match scope.and_then(|s| s.included.into_iter().find(|x| &x.id == id)) {
                Some(x) => Some(x),
                None => return Ok((
                    Answer::invalid(
                        "scope_item_id",
                        "That part of the agreed work is no longer listed. Please reload the page.",
                    ),
                    None,
                )),
            }
        }
    };
    let profile = profile(tx, client_id).await?;
    let respond_by = respond_by(&profile, now);
    let reference = secret::reference("REQ", now.year());
    let listed = json!({
        "id": secret::id("rq"), "title": title, "status": "received",
        "created_at": stored(now), "respond_by": stored(respond_by),
    });
    sqlx::query(
        "INSERT INTO items (client_id, kind, parent_id, id, seq, origin, body)
         VALUES ($1, 'request', '', $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM items WHERE client_id = $1), 'client', $3)",
    )
    .bind(client_id)
    .bind(listed["id"].as_str())
    .bind(listed.to_string())
    .execute(&mut **tx)
    .await?;
    let receipt = json!({
        "reference": reference, "received_at": stored(now),
        "respond_by": stored(respond_by), "status": "received",
    });
    let event = Event {
        kind: "request",
        data: json!({
            "reference": reference, "request_id": listed["id"], "title": title,
            "description": description, "wanted_by": req.wanted_by.map(Due::to_wire),
            "scope_item_id": req.scope_item_id, "scope_item_title": scope_item.map(|x| x.title),
            "links": req.links.iter().map(|l| l.trim()).collect::<Vec<_>>(),
            "by": holder.name, "email": holder.email,
        }),
    };
    Ok((Answer::ok(StatusCode::CREATED, receipt), Some(event)))
}
