//! The client portal: an agency's clients see their deliverables, the
//! approvals they owe, deadlines, wins and how to raise a concern.
//!
//! - [`contract`]: the JSON contract with the agency's API, and its reader.
//! - [`api`]: the backend interface, with the HTTP client and the demo agency.
//! - [`domain`]: pure logic (deadline maths, grouping, links), tested natively.
//! - [`i18n`]: every interface string, per language.
//! - `embed`: the shadow root the portal lives in, and talking to a parent
//!   page when it is framed (browser only).
//! - `state`: the app's state as contexts (feed, writes, drafts), importing
//!   no view (browser only).
//! - `views`: the Leptos components (browser only).

pub mod api;
pub mod config;
pub mod contract;
pub mod domain;
pub mod i18n;
pub mod route;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod intl;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod views;
