//! Showing a version of an asset the way that fits it: pictures and video
//! inline, PDFs in a frame, anything else opened in a new tab.

use crate::contract::Version;
use crate::domain::links::{asset_kind, safe_url, AssetKind};
use crate::i18n::Strings;
use crate::views::dom::{self, el, Node};

pub fn asset(version: &Version, t: &'static Strings) -> Node {
    let preview = version
        .preview_url
        .as_deref()
        .or(version.url.as_deref())
        .and_then(safe_url);
    let open = version
        .url
        .as_deref()
        .or(version.preview_url.as_deref())
        .and_then(safe_url);
    let label = t.preview_of(&version.label);
    let kind = preview.as_deref().map_or(AssetKind::Other, asset_kind);
    let src = preview.unwrap_or_default();
    let shown = match kind {
        AssetKind::Image => el("img", "cp-asset")
            .attr("alt", &label)
            .attr("loading", "lazy"),
        AssetKind::Video => el("video", "cp-asset")
            .attr("controls", "")
            .attr("preload", "metadata")
            .attr("aria-label", &label),
        AssetKind::Pdf => el("iframe", "cp-asset cp-asset-doc").attr("title", &label),
        AssetKind::Other => dom::text("p", "cp-hint", t.no_preview),
    };
    let shown = match kind {
        AssetKind::Other => shown,
        _ => shown.attr("src", &src),
    };
    el("figure", "cp-figure")
        .push(shown)
        .push_opt(open.map(|href| {
            el("figcaption", "").push(
                dom::link(
                    &href,
                    "",
                    &format!("{} ({})", t.open_new_tab, version.label),
                )
                .attr("target", "_blank")
                .attr("rel", "noopener noreferrer"),
            )
        }))
}
