//! Contact: the primary and backup contacts, how and when to reach them,
//! and the escalation chain.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::contract::{ContactKind, Portal};
use crate::domain::links::channel_href;
use crate::i18n::use_i18n;
use crate::intl;
use crate::route::Route;
use crate::views::overview::person_block;
use crate::views::widgets::PageTitle;

pub fn contact_page(p: Arc<Portal>) -> impl IntoView {
    let t = use_i18n().t();
    let c = p.communication.clone();
    let primary = p.contact_of_kind(ContactKind::Primary).cloned();
    let backup = p.contact_of_kind(ContactKind::Backup).cloned();
    let chain: Vec<_> = p.escalation_chain().into_iter().cloned().collect();
    view! {
        <PageTitle title=t.nav_contact.to_string() intro=t.contact_intro />
        <div class="cp-overview">
            {primary.map(|c| view! {
                <section class="cp-card" aria-labelledby="cp-c-primary">
                    <h2 id="cp-c-primary">{t.primary_contact}</h2>
                    {person_block(c, t)}
                </section>
            })}
            {backup.map(|c| view! {
                <section class="cp-card" aria-labelledby="cp-c-backup">
                    <h2 id="cp-c-backup">{t.backup_contact}</h2>
                    {person_block(c, t)}
                </section>
            })}
            <section class="cp-card" aria-labelledby="cp-c-ways">
                <h2 id="cp-c-ways">{t.ways_to_reach}</h2>
                <p class="cp-promise">{t.answers_within(c.response_hours)}</p>
                <ul class="cp-list">
                    {c.channels.iter().map(|ch| {
                        let label = ch.label.clone();
                        let value = ch.value.clone();
                        match channel_href(ch) {
                            Some(h) => Either::Left(view! { <li><a href=h>{label}</a> " " <span class="cp-muted">{value}</span></li> }),
                            None => Either::Right(view! { <li>{label} ": " {value}</li> }),
                        }
                    }).collect_view()}
                </ul>
                <dl class="cp-facts">
                    {c.office_hours.clone().map(|h| view! { <div><dt>{t.office_hours}</dt><dd>{h}</dd></div> })}
                    {c.time_zone.clone().map(|z| {
                        // Their clock against the client's, right now.
                        let now = intl::now();
                        let clocks = intl::time_in_zone(now, &z)
                            .zip(intl::own_time_zone().and_then(|o| intl::time_in_zone(now, &o)))
                            .map(|(them, you)| t.now_there(&them, &you));
                        view! { <div><dt></dt><dd class="cp-muted">{t.their_time_zone(&z)} " " {clocks}</dd></div> }
                    })}
                    {c.cadence.clone().map(|x| view! { <div><dt>{t.cadence}</dt><dd>{x}</dd></div> })}
                    {c.next_check_in.map(|x| view! {
                        <div><dt>{t.next_check_in}</dt><dd><time datetime=crate::contract::moment_to_wire(x)>{intl::moment(x)}</time></dd></div>
                    })}
                </dl>
            </section>
            {(!chain.is_empty()).then(|| view! {
                <section class="cp-card" aria-labelledby="cp-c-chain">
                    <h2 id="cp-c-chain">{t.escalation_title}</h2>
                    <p>{t.escalation_intro}</p>
                    <ol class="cp-chain">
                        {chain.into_iter().map(|c| view! {
                            <li>
                                <span class="cp-person-name">{c.name.clone()}</span>
                                <span class="cp-muted">{c.role.clone()}</span>
                                {c.level.map(|l| view! { <span class="cp-badge cp-tone-neutral">{t.escalation_level(l)}</span> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            })}
            <section class="cp-card" aria-labelledby="cp-c-concern">
                <h2 id="cp-c-concern">{t.concern_title}</h2>
                <p>{t.concern_intro}</p>
                <p><a class="cp-button" href=Route::Concern(None).href()>{t.concern_open}</a></p>
            </section>
        </div>
    }
}
