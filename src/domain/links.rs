//! Turning agency-supplied addresses into links that are safe to follow.

use crate::contract::{Channel, ChannelKind};

/// Only web addresses and same-site paths may become links or images; a
/// `javascript:` or `data:` address from a feed is shown as text instead.
pub fn safe_url(raw: &str) -> Option<String> {
    let s = raw.trim();
    let lower = s.to_ascii_lowercase();
    let ok = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || (!s.is_empty() && !lower.bytes().any(|b| b == b':') && !s.starts_with("//"));
    ok.then(|| s.to_string())
}

/// `mailto:` link for an email address, if it looks like one.
pub fn mailto(email: &str) -> Option<String> {
    let e = email.trim();
    let ok = e.bytes().any(|b| b == b'@')
        && !e.contains(char::is_whitespace)
        && !e.contains(['<', '>', '"', '?']);
    ok.then(|| format!("mailto:{e}"))
}

/// `tel:` link for a phone number: digits and a leading `+` only.
pub fn tel(phone: &str) -> Option<String> {
    let digits: String = phone
        .trim()
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    (digits.chars().filter(char::is_ascii_digit).count() >= 3).then(|| format!("tel:{digits}"))
}

/// Where a contact channel leads, if anywhere.
pub fn channel_href(c: &Channel) -> Option<String> {
    match c.kind {
        ChannelKind::Email => mailto(&c.value),
        ChannelKind::Phone => tel(&c.value),
        _ => {
            let v = c.value.trim().to_ascii_lowercase();
            if v.starts_with("https://") || v.starts_with("http://") {
                safe_url(&c.value)
            } else {
                None
            }
        }
    }
}

/// How a file can be shown inside the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetKind {
    Image,
    Video,
    Pdf,
    /// A web page or any other file: opened, not embedded.
    Other,
}

/// Decide from the address's file extension.
pub fn asset_kind(url: &str) -> AssetKind {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let file = path.rsplit('/').next().unwrap_or("");
    let ext = file.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" => AssetKind::Image,
        "mp4" | "webm" | "m4v" | "mov" | "ogv" => AssetKind::Video,
        "pdf" => AssetKind::Pdf,
        _ => AssetKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_script_addresses() {
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JavaScript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<b>x</b>"), None);
        assert_eq!(safe_url("//evil.example/x"), None);
        assert_eq!(
            safe_url("https://a.example/x"),
            Some("https://a.example/x".into())
        );
        assert_eq!(
            safe_url("demo/assets/a.svg"),
            Some("demo/assets/a.svg".into())
        );
    }

    #[test]
    fn builds_contact_links() {
        assert_eq!(mailto("ana@x.example"), Some("mailto:ana@x.example".into()));
        assert_eq!(mailto("not an email"), None);
        assert_eq!(mailto("a@b.example?cc=evil@x"), None);
        assert_eq!(tel("+49 30 1234-5600"), Some("tel:+493012345600".into()));
        assert_eq!(tel("n/a"), None);
        let chat = Channel {
            kind: ChannelKind::Chat,
            label: "Chat".into(),
            value: "javascript:alert(1)".into(),
        };
        assert_eq!(channel_href(&chat), None);
    }

    #[test]
    fn tells_how_to_show_a_file() {
        assert_eq!(asset_kind("demo/a.SVG"), AssetKind::Image);
        assert_eq!(
            asset_kind("https://cdn.example/p.png?w=800"),
            AssetKind::Image
        );
        assert_eq!(
            asset_kind("https://cdn.example/brief.PDF#page=2"),
            AssetKind::Pdf
        );
        assert_eq!(
            asset_kind("https://cdn.example/cut.mp4?t=3"),
            AssetKind::Video
        );
        assert_eq!(asset_kind("https://staging.example/home"), AssetKind::Other);
        assert_eq!(asset_kind("https://staging.example.com/"), AssetKind::Other);
    }
}
