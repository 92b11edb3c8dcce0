//! The agency's real API over HTTP (the browser's `fetch`).

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

/// One request, as the browser's `fetch` takes it.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Fetch<'a> {
    url: &'a str,
    init: web_sys::RequestInit,
    headers: web_sys::Headers,
}

#[cfg(target_arch = "wasm32")]
impl<'a> Fetch<'a> {
    /// A GET of `url`, given up after [`TIMEOUT_MS`].
    pub(crate) fn get(url: &'a str) -> Self {
        let init = web_sys::RequestInit::new();
        init.set_signal(deadline().as_ref());
        Fetch {
            url,
            init,
            headers: web_sys::Headers::new().expect("Headers"),
        }
    }

    /// A POST of a JSON `body` to `url`.
    fn post(url: &'a str, body: &str) -> Self {
        let f = Self::get(url).header("Content-Type", "application/json");
        f.init.set_method("POST");
        f.init.set_body(&body.into());
        f
    }

    pub(crate) fn header(self, name: &str, value: &str) -> Self {
        let _ = self.headers.set(name, value);
        self
    }

    /// Send it and read the answer: no answer, or a non-2xx one, becomes
    /// the matching [`ApiError`](super::ApiError).
    pub(crate) async fn text(self) -> Result<String, super::ApiError> {
        use super::ApiError;
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        self.init.set_headers(&self.headers);
        let sent = leptos::prelude::window().fetch_with_str_and_init(self.url, &self.init);
        let resp: web_sys::Response = JsFuture::from(sent)
            .await
            .map_err(|_| ApiError::Offline)?
            .unchecked_into();
        let text = match resp.text() {
            Ok(p) => JsFuture::from(p).await.map_err(|_| ApiError::Offline)?,
            Err(_) => return Err(ApiError::Offline),
        };
        let text = text.as_string().unwrap_or_default();
        if !resp.ok() {
            return Err(ApiError::from_status(resp.status(), &text));
        }
        Ok(text)
    }
}

#[cfg(target_arch = "wasm32")]
impl HttpApi {
    fn authorised<'a>(&self, req: Fetch<'a>) -> Fetch<'a> {
        match &self.token {
            Some(t) => req.header("Authorization", &format!("Bearer {t}")),
            None => req,
        }
    }

    /// `GET {api}/portal`
    pub async fn portal(&self) -> Result<crate::contract::Portal, super::ApiError> {
        let url = format!("{}/portal", self.base);
        let req = self
            .authorised(Fetch::get(&url))
            .header("Accept", "application/json");
        Ok(crate::contract::parse_portal(&req.text().await?)?)
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

        let enc = |id: &str| String::from(js_sys::encode_uri_component(id));
        let (path, body) = match write {
            Write::Decision { approval_id, body } => (
                format!("/approvals/{}/decision", enc(approval_id)),
                crate::contract::write::to_string(body),
            ),
            Write::Comment {
                deliverable_id,
                body,
            } => (
                format!("/deliverables/{}/comments", enc(deliverable_id)),
                crate::contract::write::to_string(body),
            ),
            Write::Escalation { body, .. } => (
                "/escalations".into(),
                crate::contract::write::to_string(body),
            ),
            Write::Confirmation { meeting_id, body } => (
                format!("/meetings/{}/confirmation", enc(meeting_id)),
                crate::contract::write::to_string(body),
            ),
            Write::Request { body } => {
                ("/requests".into(), crate::contract::write::to_string(body))
            }
        };
        let url = format!("{}{path}", self.base);
        let req = Fetch::post(&url, &body);
        let req = match write {
            // Anonymous: no Authorization, no cookies, no referrer; only the
            // agency's key for this client company.
            Write::Escalation {
                body,
                anonymous_key,
                ..
            } if body.anonymous => {
                let Some(k) = anonymous_key else {
                    return Err(ApiError::Rejected { message: None });
                };
                req.init.set_credentials(web_sys::RequestCredentials::Omit);
                req.init
                    .set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
                req.header("X-Anonymous-Key", k)
            }
            _ => self.authorised(req),
        };
        let text = req
            .header("Accept", "application/json")
            .header("Idempotency-Key", key)
            .text()
            .await?;
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
            Write::Confirmation { .. } => Applied::Meeting(
                parse::<crate::contract::agreed::Meeting>(&text).map_err(unconfirmed)?,
            ),
            Write::Request { body } => Applied::Request {
                key: key.to_string(),
                body: body.clone(),
                receipt: parse::<crate::contract::agreed::RequestReceipt>(&text)
                    .map_err(unconfirmed)?,
            },
        })
    }
}
