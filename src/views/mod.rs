//! The Leptos components. Each page reads the feed through
//! [`portal::portal_view`], which owns loading and error states.

pub mod agreed;
pub mod app;
pub mod approvals;
pub mod asset;
pub mod comments;
pub mod concern;
pub mod contact;
pub mod deadlines;
pub mod decide;
pub mod deliverables;
pub mod dom;
pub mod download;
pub mod error;
pub mod form;
pub mod jargon;
pub mod language;
pub mod meetings;
pub mod more;
pub mod overview;
pub mod pages;
pub mod portal;
pub mod receipt;
pub mod reports;
pub mod requests;
pub mod sent;
pub mod shell;
pub mod switch;
pub mod widgets;
pub mod wins;
pub mod writes;
