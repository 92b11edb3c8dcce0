//! The portal's own files (Trunk's `dist/`), served beside the API on one
//! address. The page is given the API's address in `data-api`, which is
//! the only place the portal takes it from.

use std::path::Path;

use anyhow::Context;
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// Where the portal mounts, in the built `index.html`.
const MOUNT: &str = "<div data-client-portal>";

/// The built page with `data-api` set to `api`.
pub fn page(index_html: &str, api: &str) -> anyhow::Result<String> {
    anyhow::ensure!(
        index_html.contains(MOUNT),
        "the portal's index.html has no `{MOUNT}` to mount in"
    );
    let escaped = api
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    Ok(index_html.replacen(
        MOUNT,
        &format!("<div data-client-portal data-api=\"{escaped}\">"),
        1,
    ))
}

/// The portal's files from `dir`, with its page pointing at `api`.
pub fn router(dir: &Path, api: &str) -> anyhow::Result<Router> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).with_context(|| {
        format!(
            "reading {} (build the portal first: trunk build --release)",
            index.display()
        )
    })?;
    let html = page(&html, api)?;
    let serve_page = move || {
        let html = html.clone();
        async move {
            let mut res = Html(html).into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            res
        }
    };
    Ok(Router::new()
        .route("/", get(serve_page.clone()))
        .route("/index.html", get(serve_page))
        .fallback_service(ServeDir::new(dir))
        .layer(CompressionLayer::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_given_the_api_address_once() {
        let html = "<body><div data-client-portal><p>Loading</p></div></body>";
        assert_eq!(
            page(html, "/api").unwrap(),
            "<body><div data-client-portal data-api=\"/api\"><p>Loading</p></div></body>"
        );
        assert_eq!(
            page(html, "https://x.example/a?b=\"c\"&d").unwrap(),
            "<body><div data-client-portal data-api=\"https://x.example/a?b=&quot;c&quot;&amp;d\"><p>Loading</p></div></body>"
        );
        assert!(page("<body></body>", "/api").is_err());
    }
}
