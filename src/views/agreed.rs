//! What we agreed: what the engagement covers, what it does not, its dates,
//! and how anything extra is handled, in the agency's own words. Each
//! deliverable's scope badge opens the part that explains it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::contract::agreed::ScopeItem;
use crate::contract::{Portal, Scope};
use crate::i18n::use_i18n;
use crate::intl;
use crate::route::Route;
use crate::views::widgets::PageTitle;

pub fn agreed_page(p: Arc<Portal>, part: Option<Scope>) -> impl IntoView {
    let t = use_i18n().t();
    let s = p.scope.clone();
    // The part the address names (from a scope badge) takes the focus.
    let focus = move |of: Scope| (part == Some(of)).then_some("");
    let section = move |id: &'static str, of: Scope, title: &'static str, items: Vec<ScopeItem>| {
        view! {
            <section class="cp-card" aria-labelledby=id tabindex="-1" data-cp-focus=focus(of)>
                <h2 id=id>{title}</h2>
                <ul class="cp-list">
                    {items.into_iter().map(|i| view! {
                        <li>
                            <strong>{i.title}</strong>
                            {i.detail.map(|d| view! { <p class="cp-muted">{d}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    };
    let intro = s
        .as_ref()
        .map_or(t.agreed_none.to_string(), |s| s.summary.clone());
    view! {
        <PageTitle title=t.agreed_title.to_string() intro />
        {s.map(|s| {
            view! {
                <dl class="cp-facts">
                    {s.starts.map(|d| view! { <div><dt>{t.agreed_starts}</dt><dd>{intl::due(d)}</dd></div> })}
                    {s.ends.map(|d| view! { <div><dt>{t.agreed_ends}</dt><dd>{intl::due(d)}</dd></div> })}
                </dl>
                <div class="cp-overview">
                    {section("cp-a-in", Scope::Included, t.agreed_included, s.included)}
                    {section("cp-a-out", Scope::OutOfScope, t.agreed_excluded, s.excluded)}
                    <section class="cp-card" aria-labelledby="cp-a-extra" tabindex="-1" data-cp-focus=focus(Scope::ChangeOrder)>
                        <h2 id="cp-a-extra">{t.agreed_extra}</h2>
                        <p>{s.change_orders.unwrap_or_else(|| t.agreed_extra_default.to_string())}</p>
                    </section>
                </div>
            }
        })}
        {(!p.meetings.is_empty()).then(|| view! { <p><a class="cp-more" href=Route::Meetings(None).href()>{t.meetings_see}</a></p> })}
        <p><a class="cp-more" href=Route::Contact.href()>{t.contact_and_escalate}</a></p>
    }
}
