//! "Your messages": the concerns the client sent under their own name,
//! kept on this device with their references. Anonymous concerns are never
//! kept (see `domain::escalation::Sent::from_applied`).

use crate::domain::time::from_millis;
use crate::i18n::Strings;
use crate::intl;
use crate::state::sent::load;
use crate::views::dom::{self, el, Node};

fn when(ms: i64) -> String {
    intl::moment(from_millis(ms as f64).fixed_offset())
}

pub fn sent_list(t: &'static Strings) -> Node {
    let list = load();
    el("section", "cp-card")
        .attr("aria-labelledby", "cp-sent-title")
        .push(dom::text("h2", "", t.concern_yours).attr("id", "cp-sent-title"))
        .push_opt(
            list.is_empty()
                .then(|| dom::text("p", "cp-muted", t.concern_yours_none)),
        )
        .push(
            el("ol", "cp-list cp-sent").push_all(
                list.into_iter()
                    .map(|s| {
                        el("li", "")
                            .push(
                                el("p", "")
                                    .push(dom::text("strong", "", &s.topic))
                                    .text(" · ")
                                    .push(dom::text("span", "cp-ref", &s.reference)),
                            )
                            .push(dom::text(
                                "p",
                                "cp-muted",
                                &t.concern_line(&s.to, &when(s.received_ms)),
                            ))
                            .push(dom::text(
                                "p",
                                "cp-muted",
                                &format!("{}: {}", t.concern_answer_by, when(s.respond_by_ms)),
                            ))
                    })
                    .collect(),
            ),
        )
}
