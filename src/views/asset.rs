//! Showing a version of an asset the way that fits it: pictures and video
//! inline, PDFs in a frame, anything else opened in a new tab.

use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::contract::Version;
use crate::domain::links::{asset_kind, safe_url, AssetKind};
use crate::i18n::use_i18n;

#[component]
pub fn Asset(version: Version) -> impl IntoView {
    let t = use_i18n().t();
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
        AssetKind::Image => EitherOf4::A(
            view! { <img class="cp-asset" src=src alt=label.clone() loading="lazy" /> },
        ),
        AssetKind::Video => EitherOf4::B(view! {
            <video class="cp-asset" src=src controls=true preload="metadata" aria-label=label.clone()></video>
        }),
        AssetKind::Pdf => EitherOf4::C(
            view! { <iframe class="cp-asset cp-asset-doc" src=src title=label.clone()></iframe> },
        ),
        AssetKind::Other => EitherOf4::D(view! { <p class="cp-hint">{t.no_preview}</p> }),
    };
    view! {
        <figure class="cp-figure">
            {shown}
            {open.map(|href| view! {
                <figcaption>
                    <a href=href target="_blank" rel="noopener noreferrer">
                        {format!("{} ({})", t.open_new_tab, version.label)}
                    </a>
                </figcaption>
            })}
        </figure>
    }
}
