//! CORS for the agency's own pages only (`docs/api.md`, *CORS*): a request
//! from an allowed origin gets that origin back; any other gets no CORS
//! headers, so the browser hides the answer. Preflights answer 204.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origins allowed to call the API, e.g. `https://www.agency.example`.
#[derive(Clone, Debug, Default)]
pub struct Origins(Vec<String>);

impl Origins {
    /// From a list; trailing slashes are dropped, so
    /// `https://agency.example/` and `https://agency.example` are the same.
    pub fn new<S: AsRef<str>>(list: impl IntoIterator<Item = S>) -> Origins {
        Origins(
            list.into_iter()
                .flat_map(|s| {
                    s.as_ref()
                        .split([',', ' '])
                        .map(|o| o.trim().trim_end_matches('/').to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|o| !o.is_empty())
                .collect(),
        )
    }

    pub fn allows(&self, origin: &str) -> bool {
        self.0.iter().any(|o| o == origin)
    }
}

const ALLOW_HEADERS: &str = "Authorization, Content-Type, Idempotency-Key, X-Anonymous-Key";

fn add_headers(h: &mut HeaderMap, origin: HeaderValue) {
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
}

pub async fn cors(State(origins): State<Arc<Origins>>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let allowed = origin
        .as_ref()
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| origins.allows(o));
    let mut res = if req.method() == Method::OPTIONS {
        // A preflight: answered here, whether allowed or not (without the
        // headers, the browser refuses the request that would follow).
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    if let (true, Some(origin)) = (allowed, origin) {
        add_headers(res.headers_mut(), origin);
    }
    res.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_compared_exactly() {
        let o = Origins::new(["https://agency.example/, http://127.0.0.1:8080"]);
        assert!(o.allows("https://agency.example"));
        assert!(o.allows("http://127.0.0.1:8080"));
        assert!(!o.allows("https://agency.example.evil"));
        assert!(!o.allows("http://agency.example"));
        assert!(!Origins::default().allows("https://agency.example"));
    }
}
