//! Showing a version of an asset the way that fits it: pictures and video
//! inline, PDFs in a frame, anything else opened in a new tab.

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
    let label = (t.preview_of)(&version.label);
    let shown = preview.map(|src| match asset_kind(&src) {
        AssetKind::Image => view! { <img class="cp-asset" src=src alt=label.clone() /> }.into_any(),
        AssetKind::Video => view! {
            <video class="cp-asset" src=src controls=true preload="metadata" aria-label=label.clone()></video>
        }
        .into_any(),
        AssetKind::Pdf => view! { <iframe class="cp-asset cp-asset-doc" src=src title=label.clone()></iframe> }.into_any(),
        AssetKind::Other => view! { <p class="cp-hint">{t.no_preview}</p> }.into_any(),
    });
    view! {
        <figure class="cp-figure">
            {shown.unwrap_or_else(|| view! { <p class="cp-hint">{t.no_preview}</p> }.into_any())}
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
