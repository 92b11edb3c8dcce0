//! What came in since a moment, for the agency: decisions, comments,
//! escalations (anonymous ones with no sender), answers to meeting notes
//! (confirmed or disputed) and new requests, as a list or as CSV.

use serde_json::Value;

use crate::db::Pool;

/// One thing that came in.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub created_at: String,
    pub client_id: String,
    pub kind: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub reference: String,
    pub delivered: bool,
}

pub fn describe(
    created_at: String,
    client_id: String,
    kind: String,
    body: &Value,
    delivered: bool,
) -> Entry {
    let d = &body["data"];
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let (from, subject, text, reference) = match kind.as_str() {
        "decision" => (
            s(&d["by"]),
            format!(
                "{}: {}",
                s(&d["title"]),
                if d["decision"] == "approve" {
                    "approved"
                } else {
                    "changes requested"
                }
            ),
            s(&d["comment"]),
            s(&d["reference"]),
        ),
        "comment" => (
            s(&d["comment"]["author"]),
            format!("comment on {}", s(&d["title"])),
            s(&d["comment"]["body"]),
            s(&d["comment"]["id"]),
        ),
        "escalation" => (
            if d["anonymous"] == true {
                "(anonymous)".to_string()
            } else {
                s(&d["from"])
            },
            format!(
                "to {} ({}, {}): {}",
                s(&d["to_name"]),
                s(&d["urgency"]),
                s(&d["to"]),
                s(&d["topic"])
            ),
            s(&d["message"]),
            s(&d["reference"]),
        ),
        "confirmation" => {
            let mut text: Vec<String> = d["agreements"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| format!("• {}", s(&a["text"])))
                .collect();
            if let Some(c) = d["comment"].as_str() {
                text.push(format!("Comment: {c}"));
            }
            (
                s(&d["by"]),
                format!(
                    "{} {} ({})",
                    if d["status"] == "disputed" {
                        "DISPUTED in"
                    } else {
                        "confirmed in"
                    },
                    s(&d["title"]),
                    s(&d["meeting_id"])
                ),
                text.join("\n"),
                String::new(),
            )
        }
        "request" => {
            let part = match d["scope_item_title"].as_str() {
                Some(t) => format!("Part of: {t}"),
                None => "Something new (not part of the agreed work)".to_string(),
            };
            let mut text = vec![s(&d["description"]), part];
            if let Some(day) = d["wanted_by"].as_str() {
                text.push(format!("Wanted by: {day}"));
            }
            text.extend(
                d["links"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|l| format!("Link: {}", s(l))),
            );
            (
                s(&d["by"]),
                format!("new request ({}): {}", s(&d["request_id"]), s(&d["title"])),
                text.join("\n"),
                s(&d["reference"]),
            )
        }
        _ => (String::new(), kind.clone(), d.to_string(), String::new()),
    };
    Entry {
        created_at,
        client_id,
        kind,
        from,
        subject,
        text,
        reference,
        delivered,
    }
}

/// Everything that came in at or after `since` (RFC 3339 or a day), for one
/// client or all, oldest first.
pub async fn since(
    pool: &Pool,
    since: &str,
    client_id: Option<&str>,
) -> anyhow::Result<Vec<Entry>> {
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT created_at, client_id, kind, body, delivered_at FROM events
         WHERE created_at >= $1 AND ($2 = '' OR client_id = $2) ORDER BY created_at, seq, id",
    )
    .bind(since)
    .bind(client_id.unwrap_or(""))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(at, client, kind, body, delivered)| {
            let body: Value = serde_json::from_str(&body)?;
            Ok(describe(at, client, kind, &body, delivered.is_some()))
        })
        .collect()
}

/// A CSV field, quoted when it must be (RFC 4180), and never read as a
/// formula by a spreadsheet.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn csv(entries: &[Entry]) -> String {
    let mut out = String::from(
        "received_at,client,kind,from,subject,text,reference,delivered_to_webhook\r\n",
    );
    for e in entries {
        let cols = [
            &e.created_at,
            &e.client_id,
            &e.kind,
            &e.from,
            &e.subject,
            &e.text,
            &e.reference,
            &(if e.delivered { "yes" } else { "no" }).to_string(),
        ];
        out.push_str(&cols.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-1"), "'-1");
    }
}
