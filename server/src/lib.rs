//! The reference API server for the client portal.
//!
//! It answers contract v1 (`docs/api.md`) from a database — SQLite by
//! default, PostgreSQL for several instances — with the agency's tools on
//! the command line. The portal's own contract types are used for every
//! body that comes in or goes out.

pub mod api;
pub mod cli;
pub mod clock;
pub mod db;
pub mod delivery;
pub mod feed;
pub mod import;
pub mod inbox;
pub mod links;
pub mod mail;
pub mod secret;
pub mod site;
pub mod webhook;
