//! Pure domain logic: no DOM, no network. Everything here is covered by
//! native `cargo test`.

pub mod brand;
pub mod calendar;
pub mod deadlines;
pub mod escalation;
pub mod finder;
pub mod ids;
pub mod jargon;
pub mod links;
pub mod meetings;
pub mod metrics;
pub mod order;
pub mod outbox;
pub mod overview;
pub mod receipt;
pub mod reports;
pub mod requests;
pub mod shift;
#[cfg(test)]
pub mod testkit;
pub mod text;
pub mod time;
pub mod validate;
pub mod wins;
