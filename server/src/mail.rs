//! E-mail to the agency for every client action, over SMTP (optional).
//! The message is plain text: who, what, their words and the reference;
//! an anonymous escalation says "(anonymous)" and nothing else of its
//! sender.

use anyhow::Context;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde_json::Value;

use crate::inbox;

pub struct Mail {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    to: Vec<Mailbox>,
}

impl Mail {
    /// `url`: `smtps://user:password@smtp.example.com` (TLS),
    /// `smtp://…?tls=required` (STARTTLS) or `smtp://host:port` (plain,
    /// for a relay on the same machine).
    pub fn new(url: &str, from: &str, to: &[String]) -> anyhow::Result<Mail> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("reading the SMTP address (smtps://user:password@host)")?
            .build();
        let from = from
            .parse()
            .with_context(|| format!("reading the sender address `{from}`"))?;
        anyhow::ensure!(
            !to.is_empty(),
            "e-mail needs at least one address to send to"
        );
        let to = to
            .iter()
            .map(|t| {
                t.parse()
                    .with_context(|| format!("reading the address `{t}`"))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Mail {
            transport,
            from,
            to,
        })
    }

    pub async fn send(&self, client_id: &str, kind: &str, body: &str) -> Result<(), String> {
        let event: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
        let created_at = event["created_at"].as_str().unwrap_or_default().to_string();
        let e = inbox::describe(
            created_at,
            client_id.to_string(),
            kind.to_string(),
            &event,
            false,
        );
        let mut text = format!(
            "From: {}\nClient: {}\nReceived: {}\n",
            e.from, e.client_id, e.created_at
        );
        if !e.reference.is_empty() {
            text.push_str(&format!("Reference: {}\n", e.reference));
        }
        if !e.text.is_empty() {
            text.push_str(&format!("\n{}\n", e.text));
        }
        let mut message = Message::builder()
            .from(self.from.clone())
            .subject(format!("[{}] {}", e.client_id, e.subject))
            .header(ContentType::TEXT_PLAIN);
        for to in &self.to {
            message = message.to(to.clone());
        }
        let message = message.body(text).map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("the mail server refused or could not be reached: {e}"))
    }
}
