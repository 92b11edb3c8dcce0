//! The Leptos components. Each page reads the feed through
//! [`portal::portal_view`], which owns loading and error states.

pub mod app;
pub mod approvals;
pub mod contact;
pub mod deadlines;
pub mod deliverables;
pub mod error;
pub mod overview;
pub mod portal;
pub mod shell;
pub mod widgets;
pub mod wins;
