//! Files made in the browser (the calendar export), offered with no server.

/// A `data:` URL holding `text`, for a link with a `download` attribute.
/// Nothing to revoke (unlike a blob URL), and it works in every browser we
/// support.
pub fn data_url(mime: &str, text: &str) -> String {
    format!(
        "data:{mime};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}
