//! The application's state, one context or store per file, importing no
//! view: the feed, the feed as shown, the client's writes (the outbox),
//! drafts, "Your messages", the help contact and the reports opened. Views read and change it
//! through `use_*()`; what is kept on the device is named in
//! `storage::keys`.

pub mod drafts;
pub mod feed;
pub mod help;
pub mod seen;
pub mod sent;
pub mod shown;
pub mod writes;
