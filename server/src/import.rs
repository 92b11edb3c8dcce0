//! Bringing the agency's data in: a whole feed for a client (created or
//! updated), or one deliverable, version, approval, deadline, win,
//! meeting, report, request or the scope at a time. Everything is read with the portal's contract types first, so a
//! file the portal could not show is refused with the field named.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use client_portal::contract::agreed::{self, Agreed, AgreedScope, Meeting, Report, Request};
use client_portal::contract::json::{FromJson, Json, Path};
use client_portal::contract::{self, Approval, Deadline, Deliverable, Portal, Version, Win};
use serde::Serialize;
use serde_json::{json, Value};

use crate::clock::stored;
use crate::db::{Pool, Tx};
use crate::secret;

/// Why a file was refused: the field at fault, in the contract's words.
#[derive(Debug)]
pub struct Invalid(pub String);

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Invalid {}

fn explain(e: contract::ContractError) -> Invalid {
    Invalid(match e {
        contract::ContractError::NotJson { detail } => format!("not JSON: {detail}"),
        contract::ContractError::Field { field, detail } => format!("{field}: {detail}"),
        contract::ContractError::UnsupportedVersion { found } => {
            format!("schema_version: {found} is not a version this server knows (it knows 1)")
        }
    })
}

/// The kinds of row a client's feed is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Deliverable,
    Version,
    Comment,
    Approval,
    Deadline,
    Win,
    /// What the engagement covers (one per client).
    Scope,
    /// The notes of a meeting or call, with what was agreed.
    Meeting,
    /// A monthly report.
    Report,
    /// A request, as the client sees it in their list.
    Request,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Deliverable => "deliverable",
            Kind::Version => "version",
            Kind::Comment => "comment",
            Kind::Approval => "approval",
            Kind::Deadline => "deadline",
            Kind::Win => "win",
            Kind::Scope => "scope",
            Kind::Meeting => "meeting",
            Kind::Report => "report",
            Kind::Request => "request",
        }
    }
}

/// The one scope row's id.
pub const SCOPE_ID: &str = "scope";

/// A whole feed: what the portal shows first, and what was agreed.
pub struct Feed {
    pub portal: Portal,
    pub agreed: Agreed,
}

/// One row of `items`.
pub struct Item {
    pub kind: Kind,
    pub parent_id: String,
    pub id: String,
    pub body: Value,
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("contract types always serialize")
}

/// A deliverable as rows: itself (without its lists), its versions and the
/// agency's comments on it.
fn deliverable_rows(d: &Deliverable) -> Vec<Item> {
    let mut body = to_value(d);
    if let Some(o) = body.as_object_mut() {
        o.remove("versions");
        o.remove("comments");
    }
    let mut rows = vec![Item {
        kind: Kind::Deliverable,
        parent_id: String::new(),
        id: d.id.clone(),
        body,
    }];
    rows.extend(d.versions.iter().map(|v| Item {
        kind: Kind::Version,
        parent_id: d.id.clone(),
        id: v.id.clone(),
        body: to_value(v),
    }));
    rows.extend(d.comments.iter().map(|c| Item {
        kind: Kind::Comment,
        parent_id: d.id.clone(),
        id: c.id.clone(),
        body: to_value(c),
    }));
    rows
}

/// The feed's parts that are not lists of rows.
pub fn profile_of(p: &Portal) -> Value {
    json!({
        "agency": p.agency,
        "client": p.client,
        "contacts": p.contacts,
        "communication": p.communication,
        "glossary": p.glossary,
    })
}

/// The ids of `list`, refused if one is used twice.
fn unique<'a>(list: &str, ids: impl Iterator<Item = &'a str>) -> Result<HashSet<&'a str>, Invalid> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(Invalid(format!("{list}[{i}].id: `{id}` is used twice")));
        }
    }
    Ok(seen)
}

/// Ids that must be unique, and references that must point somewhere.
fn check_feed(p: &Portal) -> Result<(), Invalid> {
    unique("contacts", p.contacts.iter().map(|c| c.id.as_str()))?;
    let deliverables = unique("deliverables", p.deliverables.iter().map(|d| d.id.as_str()))?;
    for (i, d) in p.deliverables.iter().enumerate() {
        unique(
            &format!("deliverables[{i}].versions"),
            d.versions.iter().map(|v| v.id.as_str()),
        )?;
        unique(
            &format!("deliverables[{i}].comments"),
            d.comments.iter().map(|c| c.id.as_str()),
        )?;
    }
    let approvals = unique("approvals", p.approvals.iter().map(|a| a.id.as_str()))?;
    for (i, a) in p.approvals.iter().enumerate() {
        let Some(d) = p.deliverables.iter().find(|d| d.id == a.deliverable_id) else {
            return Err(Invalid(format!(
                "approvals[{i}].deliverable_id: there is no deliverable `{}`",
                a.deliverable_id
            )));
        };
        if !d.versions.iter().any(|v| v.id == a.version_id) {
            return Err(Invalid(format!(
                "approvals[{i}].version_id: deliverable `{}` has no version `{}`",
                d.id, a.version_id
            )));
        }
    }
    unique("deadlines", p.deadlines.iter().map(|d| d.id.as_str()))?;
    for (i, dl) in p.deadlines.iter().enumerate() {
        if let Some(d) = dl
            .deliverable_id
            .as_deref()
            .filter(|d| !deliverables.contains(d))
        {
            return Err(Invalid(format!(
                "deadlines[{i}].deliverable_id: there is no deliverable `{d}`"
            )));
        }
        if let Some(a) = dl.approval_id.as_deref().filter(|a| !approvals.contains(a)) {
            return Err(Invalid(format!(
                "deadlines[{i}].approval_id: there is no approval `{a}`"
            )));
        }
    }
    unique("wins", p.wins.iter().map(|w| w.id.as_str()))?;
    Ok(())
}

/// Ids that must be unique, and references that must point somewhere, in
/// the "What we agreed" parts.
fn check_agreed(p: &Portal, a: &Agreed) -> Result<(), Invalid> {
    if let Some(scope) = &a.scope {
        let mut seen = HashSet::new();
        for (list, items) in [("included", &scope.included), ("excluded", &scope.excluded)] {
            for (i, item) in items.iter().enumerate() {
                if !seen.insert(item.id.as_str()) {
                    return Err(Invalid(format!(
                        "scope.{list}[{i}].id: `{}` is used twice",
                        item.id
                    )));
                }
            }
        }
    }
    unique("meetings", a.meetings.iter().map(|m| m.id.as_str()))?;
    for (i, m) in a.meetings.iter().enumerate() {
        unique(
            &format!("meetings[{i}].agreements"),
            m.agreements.iter().map(|x| x.id.as_str()),
        )?;
        unique(
            &format!("meetings[{i}].next_steps"),
            m.next_steps.iter().map(|x| x.id.as_str()),
        )?;
    }
    unique("reports", a.reports.iter().map(|r| r.id.as_str()))?;
    for (i, r) in a.reports.iter().enumerate() {
        for (j, h) in r.highlights.iter().enumerate() {
            if !p.wins.iter().any(|w| &w.id == h) {
                return Err(Invalid(format!(
                    "reports[{i}].highlights[{j}]: there is no win `{h}`"
                )));
            }
        }
    }
    unique("requests", a.requests.iter().map(|r| r.id.as_str()))?;
    Ok(())
}

/// The contract's JSON Schema, as published in docs/.
const SCHEMA: &str = include_str!("../../docs/portal.schema.json");

fn schema() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("docs/portal.schema.json is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("docs/portal.schema.json is a valid schema")
    })
}

/// A JSON pointer (`/deliverables/2/title`) as the portal names fields
/// (`deliverables[2].title`).
fn field_of(pointer: &str) -> String {
    let mut out = String::new();
    for step in pointer.split('/').skip(1) {
        let step = step.replace("~1", "/").replace("~0", "~");
        if step.bytes().all(|b| b.is_ascii_digit()) && !step.is_empty() {
            out.push_str(&format!("[{step}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&step);
        }
    }
    out
}

/// Check a feed against the published JSON Schema.
fn check_schema(v: &Value) -> Result<(), Invalid> {
    match schema().iter_errors(v).next() {
        None => Ok(()),
        Some(e) => {
            let field = field_of(e.instance_path().as_str());
            let at = if field.is_empty() {
                "the feed".to_string()
            } else {
                field
            };
            Err(Invalid(format!("{at}: {e}")))
        }
    }
}

/// Read and check a whole feed: the portal's own reading (which names a
/// missing or mistyped field), the published schema (formats, values),
/// then ids and references.
pub fn read_feed(body: &str) -> Result<Feed, Invalid> {
    let portal = contract::parse_portal(body).map_err(explain)?;
    let agreed = agreed::parse_agreed(body).map_err(explain)?;
    let v: Value = serde_json::from_str(body).map_err(|e| Invalid(format!("not JSON: {e}")))?;
    check_schema(&v)?;
    check_feed(&portal)?;
    check_agreed(&portal, &agreed)?;
    Ok(Feed { portal, agreed })
}

/// A row of `kind` at the top level (no parent).
fn top<T: Serialize>(kind: Kind, id: &str, x: &T) -> Item {
    Item {
        kind,
        parent_id: String::new(),
        id: id.to_string(),
        body: to_value(x),
    }
}

/// What an import did.
#[derive(Debug, PartialEq)]
pub struct Imported {
    pub created: bool,
    pub rows: usize,
}

/// Create the client `client_id` from a feed, or replace the agency's part
/// of its data (the client's own comments and decisions stay).
pub async fn import_feed(
    pool: &Pool,
    client_id: &str,
    body: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Imported> {
    anyhow::ensure!(
        !client_id.is_empty()
            && client_id.len() <= 64
            && client_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "a client id is 1 to 64 letters, digits, - or _ (got `{client_id}`)"
    );
    let Feed { portal: p, agreed } = read_feed(body)?;
    let mut rows = Vec::new();
    for d in &p.deliverables {
        rows.extend(deliverable_rows(d));
    }
    rows.extend(p.approvals.iter().map(|x| top(Kind::Approval, &x.id, x)));
    rows.extend(p.deadlines.iter().map(|x| top(Kind::Deadline, &x.id, x)));
    rows.extend(p.wins.iter().map(|x| top(Kind::Win, &x.id, x)));
    rows.extend(agreed.scope.iter().map(|x| top(Kind::Scope, SCOPE_ID, x)));
    rows.extend(agreed.meetings.iter().map(|x| top(Kind::Meeting, &x.id, x)));
    rows.extend(agreed.reports.iter().map(|x| top(Kind::Report, &x.id, x)));
    rows.extend(agreed.requests.iter().map(|x| top(Kind::Request, &x.id, x)));

    let mut tx: Tx = pool.begin().await?;
    let stamp = stored(now);
    let created = sqlx::query(
        "INSERT INTO clients (id, profile, anonymous_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (id) DO NOTHING",
    )
    .bind(client_id)
    .bind(profile_of(&p).to_string())
    .bind(secret::new_token())
    .bind(&stamp)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !created {
        sqlx::query("UPDATE clients SET profile = $1, updated_at = $2 WHERE id = $3")
            .bind(profile_of(&p).to_string())
            .bind(&stamp)
            .bind(client_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM items WHERE client_id = $1 AND origin = 'agency'")
            .bind(client_id)
            .execute(&mut *tx)
            .await?;
    }
    for (seq, item) in rows.iter().enumerate() {
        put(&mut tx, client_id, item, seq as i64).await?;
    }
    tx.commit().await?;
    Ok(Imported {
        created,
        rows: rows.len(),
    })
}

/// Insert or replace one row the agency owns.
async fn put(tx: &mut Tx, client_id: &str, item: &Item, seq: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO items (client_id, kind, parent_id, id, seq, origin, body)
         VALUES ($1, $2, $3, $4, $5, 'agency', $6)
         ON CONFLICT (client_id, kind, parent_id, id) DO UPDATE SET body = excluded.body",
    )
    .bind(client_id)
    .bind(item.kind.as_str())
    .bind(&item.parent_id)
    .bind(&item.id)
    .bind(seq)
    .bind(item.body.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn exists(
    tx: &mut Tx,
    client_id: &str,
    kind: Kind,
    parent: &str,
    id: &str,
) -> anyhow::Result<bool> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM items WHERE client_id = $1 AND kind = $2 AND parent_id = $3 AND id = $4",
    )
    .bind(client_id)
    .bind(kind.as_str())
    .bind(parent)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some())
}

fn read<T: FromJson>(v: &Value) -> Result<T, Invalid> {
    T::from_json(&Json::from(v), Path::Root).map_err(explain)
}

/// One top-level row read as `T`, with its id.
fn one<T: FromJson + Serialize>(
    v: &Value,
    kind: Kind,
    id: impl Fn(&T) -> &str,
) -> Result<Item, Invalid> {
    let x: T = read(v)?;
    Ok(top(kind, id(&x), &x))
}

/// Add or update one row: `deliverable` (with any versions in it),
/// `version` and `comment` (of `parent`, a deliverable id), `approval`,
/// `deadline`, `win`, `scope` (replacing the one there), `meeting`,
/// `report`, `request`. Returns the id.
pub async fn add(
    pool: &Pool,
    client_id: &str,
    kind: Kind,
    parent: Option<&str>,
    body: &str,
) -> anyhow::Result<String> {
    let mut v: Value = serde_json::from_str(body).map_err(|e| Invalid(format!("not JSON: {e}")))?;
    let mut tx: Tx = pool.begin().await?;
    let client: Option<(String,)> = sqlx::query_as("SELECT id FROM clients WHERE id = $1")
        .bind(client_id)
        .fetch_optional(&mut *tx)
        .await?;
    anyhow::ensure!(client.is_some(), "there is no client `{client_id}`");
    let needs_parent = matches!(kind, Kind::Version | Kind::Comment);
    let parent = match (needs_parent, parent) {
        (true, Some(p)) => {
            anyhow::ensure!(
                exists(&mut tx, client_id, Kind::Deliverable, "", p).await?,
                "there is no deliverable `{p}`"
            );
            p.to_string()
        }
        (true, None) => anyhow::bail!(
            "a {} belongs to a deliverable: give --deliverable",
            kind.as_str()
        ),
        (false, Some(_)) => anyhow::bail!("--deliverable is only for a version or a comment"),
        (false, None) => String::new(),
    };
    let rows = match kind {
        Kind::Deliverable => {
            // A new deliverable may come without its lists.
            if let Some(o) = v.as_object_mut() {
                o.entry("versions").or_insert(json!([]));
                o.entry("comments").or_insert(json!([]));
            }
            deliverable_rows(&read::<Deliverable>(&v)?)
        }
        Kind::Version => {
            let x: Version = read(&v)?;
            vec![Item {
                parent_id: parent,
                ..top(kind, &x.id, &x)
            }]
        }
        Kind::Comment => {
            let x: contract::Comment = read(&v)?;
            vec![Item {
                parent_id: parent,
                ..top(kind, &x.id, &x)
            }]
        }
        Kind::Approval => {
            let x: Approval = read(&v)?;
            let version_found = exists(
                &mut tx,
                client_id,
                Kind::Version,
                &x.deliverable_id,
                &x.version_id,
            )
            .await?;
            if !version_found {
                return Err(Invalid(format!(
                    "version_id: deliverable `{}` has no version `{}`",
                    x.deliverable_id, x.version_id
                ))
                .into());
            }
            vec![top(kind, &x.id, &x)]
        }
        Kind::Deadline => vec![one::<Deadline>(&v, kind, |x| &x.id)?],
        Kind::Win => vec![one::<Win>(&v, kind, |x| &x.id)?],
        Kind::Scope => vec![one::<AgreedScope>(&v, kind, |_| SCOPE_ID)?],
        Kind::Meeting => vec![one::<Meeting>(&v, kind, |x| &x.id)?],
        Kind::Report => {
            let x: Report = read(&v)?;
            for (j, h) in x.highlights.iter().enumerate() {
                if !exists(&mut tx, client_id, Kind::Win, "", h).await? {
                    return Err(Invalid(format!("highlights[{j}]: there is no win `{h}`")).into());
                }
            }
            vec![top(kind, &x.id, &x)]
        }
        Kind::Request => vec![one::<Request>(&v, kind, |x| &x.id)?],
    };
    let id = rows[0].id.clone();
    let (next,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(seq), 0) + 1 FROM items WHERE client_id = $1")
            .bind(client_id)
            .fetch_one(&mut *tx)
            .await?;
    for (i, item) in rows.iter().enumerate() {
        // Updating keeps a row's place; a new one goes last.
        put(&mut tx, client_id, item, next + i as i64).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The agency's answer to a request: its new status and, in plain words,
/// what happens next. The request keeps everything else.
pub async fn answer_request(
    pool: &Pool,
    client_id: &str,
    id: &str,
    status: &str,
    assessment: Option<&str>,
) -> anyhow::Result<()> {
    let status = agreed::RequestStatus::from_wire(status).ok_or_else(|| {
        let known: Vec<&str> = agreed::RequestStatus::ALL
            .iter()
            .map(|s| s.to_wire())
            .collect();
        anyhow::anyhow!("--status is one of {}", known.join(", "))
    })?;
    let mut tx: Tx = pool.begin().await?;
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT body FROM items WHERE client_id = $1 AND kind = 'request' AND parent_id = '' AND id = $2",
    )
    .bind(client_id)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((body,)) = row else {
        anyhow::bail!("{client_id} has no request `{id}` (see `inbox`)");
    };
    let mut request: Request = read(&serde_json::from_str(&body)?)?;
    request.status = status;
    if let Some(a) = assessment {
        request.assessment = Some(a.trim().to_string()).filter(|a| !a.is_empty());
    }
    sqlx::query(
        "UPDATE items SET body = $1 WHERE client_id = $2 AND kind = 'request' AND parent_id = '' AND id = $3",
    )
    .bind(to_value(&request).to_string())
    .bind(client_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_read_as_the_portal_names_fields() {
        assert_eq!(field_of(""), "");
        assert_eq!(field_of("/deliverables/2/title"), "deliverables[2].title");
        assert_eq!(field_of("/agency/brand_color"), "agency.brand_color");
        assert_eq!(field_of("/a~1b/0"), "a/b[0]");
    }

    #[test]
    fn the_demo_feed_meets_the_schema() {
        read_feed(crate::cli::DEMO_FEED).expect("the demo feed is valid");
    }
}
