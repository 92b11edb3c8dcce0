//! The agency's real API over HTTP (gloo-net / fetch).

#[derive(Clone, Debug)]
pub struct HttpApi {
    pub base: String,
    pub token: Option<String>,
}

impl HttpApi {
    pub fn new(base: String, token: Option<String>) -> Self {
        HttpApi { base, token }
    }
}

/// How long a request may take, answer included, before it counts as no
/// answer at all (and a write is tried again later with the same key).
pub const TIMEOUT_MS: u64 = 30_000;

/// A signal that gives up on a request after [`TIMEOUT_MS`]: an API that
/// never answers must not leave the page loading, or a write waiting,
/// forever.
#[cfg(target_arch = "wasm32")]
fn deadline() -> Option<web_sys::AbortSignal> {
    let ctl = web_sys::AbortController::new().ok()?;
    let signal = ctl.signal();
    leptos::prelude::set_timeout(
        move || ctl.abort(),
        std::time::Duration::from_millis(TIMEOUT_MS),
    );
    Some(signal)
}

/// Read the answer to a sent request; no answer, or a non-2xx one, becomes
/// the matching [`ApiError`](super::ApiError).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn answer(
    sent: Result<gloo_net::http::Response, gloo_net::Error>,
) -> Result<String, super::ApiError> {
    use super::ApiError;
    let resp = sent.map_err(|_| ApiError::Offline)?;
    let text = resp.text().await.map_err(|_| ApiError::Offline)?;
    if !resp.ok() {
        return Err(ApiError::from_status(resp.status(), &text));
    }
    Ok(text)
}

#[cfg(target_arch = "wasm32")]
impl HttpApi {
    fn authorised(&self, req: gloo_net::http::RequestBuilder) -> gloo_net::http::RequestBuilder {
        match &self.token {
            Some(t) => req.header("Authorization", &format!("Bearer {t}")),
            None => req,
        }
    }

    /// `GET {api}/portal`
    pub async fn portal(&self) -> Result<crate::contract::Portal, super::ApiError> {
        let req = self
            .authorised(gloo_net::http::Request::get(&format!(
                "{}/portal",
                self.base
            )))
            .header("Accept", "application/json")
            .abort_signal(deadline().as_ref());
        Ok(crate::contract::parse_portal(
            &answer(req.send().await).await?,
        )?)
    }

    /// Send one write. The idempotency key is the same on every retry.
    pub async fn send(
        &self,
        write: &crate::domain::outbox::Write,
        key: &str,
    ) -> Result<crate::domain::outbox::Applied, super::ApiError> {
        use super::ApiError;
        use crate::contract::{parse, Approval, Comment, EscalationReceipt};
        use crate::domain::outbox::{Applied, Write};
        use gloo_net::http::Request;

        let url = |path: &str| format!("{}{path}", self.base);
        let enc = |id: &str| String::from(js_sys::encode_uri_component(id));
        let (req, body) = match write {
            Write::Decision { approval_id, body } => (
                self.authorised(Request::post(&url(&format!(
                    "/approvals/{}/decision",
                    enc(approval_id)
                )))),
                serde_json::to_string(body),
            ),
            Write::Comment {
                deliverable_id,
                body,
            } => (
                self.authorised(Request::post(&url(&format!(
                    "/deliverables/{}/comments",
                    enc(deliverable_id)
                )))),
                serde_json::to_string(body),
            ),
            // Anonymous: no Authorization, no cookies, no referrer; only the
            // agency's key for this client company.
            Write::Escalation {
                body,
                anonymous_key,
                ..
            } => {
                let req = Request::post(&url("/escalations"));
                let req = match (body.anonymous, anonymous_key) {
                    (false, _) => self.authorised(req),
                    (true, Some(k)) => req
                        .header("X-Anonymous-Key", k)
                        .credentials(web_sys::RequestCredentials::Omit)
                        .referrer_policy(web_sys::ReferrerPolicy::NoReferrer),
                    (true, None) => return Err(ApiError::Rejected { message: None }),
                };
                (req, serde_json::to_string(body))
            }
        };
        let body = body.map_err(|_| ApiError::Rejected { message: None })?;
        let request = req
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Idempotency-Key", key)
            .abort_signal(deadline().as_ref())
            .body(body)
            .map_err(|_| ApiError::Rejected { message: None })?;
        let text = answer(request.send().await).await?;
        // Taken (2xx): an answer that cannot be read is not a refusal.
        let unconfirmed = |_| ApiError::Unconfirmed;
        Ok(match write {
            Write::Decision { .. } => {
                Applied::Approval(parse::<Approval>(&text).map_err(unconfirmed)?)
            }
            Write::Comment { deliverable_id, .. } => Applied::Comment {
                deliverable_id: deliverable_id.clone(),
                comment: parse::<Comment>(&text).map_err(unconfirmed)?,
            },
            Write::Escalation { body, to_name, .. } => Applied::Escalation {
                key: key.to_string(),
                to_name: to_name.clone(),
                body: body.clone(),
                receipt: parse::<EscalationReceipt>(&text).map_err(unconfirmed)?,
            },
        })
    }
}
