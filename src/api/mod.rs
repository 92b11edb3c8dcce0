//! One backend interface, two implementations: the agency's HTTP API and the
//! in-browser demo agency. Views only ever see [`Backend`].

pub mod demo;
mod error;
pub mod http;

pub use error::ApiError;

use crate::config::Config;

#[derive(Clone, Debug)]
pub enum Backend {
    Http(http::HttpApi),
    Demo(demo::DemoApi),
}

impl Backend {
    /// The agency's API when the page names one, else the demo agency.
    pub fn from_config(c: &Config) -> Backend {
        match &c.api {
            Some(base) => Backend::Http(http::HttpApi::new(base.clone(), c.token.clone())),
            None => {
                demo::seed_from(c.assets.as_deref());
                Backend::Demo(demo::DemoApi)
            }
        }
    }

    pub fn is_demo(&self) -> bool {
        matches!(self, Backend::Demo(_))
    }
}

#[cfg(target_arch = "wasm32")]
impl Backend {
    pub async fn portal(&self) -> Result<crate::contract::Portal, ApiError> {
        match self {
            Backend::Http(h) => h.portal().await,
            Backend::Demo(_) => demo_part::portal().await?.await,
        }
    }

    /// Send one write with its idempotency key.
    pub async fn send(
        &self,
        write: &crate::domain::outbox::Write,
        key: &str,
    ) -> Result<crate::domain::outbox::Applied, ApiError> {
        match self {
            Backend::Http(h) => h.send(write, key).await,
            Backend::Demo(_) => demo_part::send(write.clone(), key.to_string()).await?.await,
        }
    }
}

/// The demo agency's code is a part of the app of its own (as the pages
/// are: `views::pages`), so an agency's portal never downloads it. Each
/// call fetches it first (once); its work is then a future of its own.
#[cfg(target_arch = "wasm32")]
mod demo_part {
    use super::{demo::DemoApi, ApiError};
    use crate::contract::Portal;
    use crate::domain::outbox::{Applied, Write};
    use std::future::Future;
    use std::pin::Pin;

    type Later<T> = Result<Pin<Box<dyn Future<Output = Result<T, ApiError>>>>, ApiError>;

    #[cfg_attr(split, leptos::wasm_split::wasm_split(demo, wasm_split_path = ::leptos::wasm_split, fallible))]
    fn portal_later() -> Later<Portal> {
        Ok(Box::pin(async { DemoApi.portal().await }))
    }

    #[cfg_attr(split, leptos::wasm_split::wasm_split(demo, wasm_split_path = ::leptos::wasm_split, fallible))]
    fn send_later(write: Write, key: String) -> Later<Applied> {
        Ok(Box::pin(async move { DemoApi.send(&write, &key).await }))
    }

    pub async fn portal() -> Later<Portal> {
        #[cfg(split)]
        return portal_later().await;
        #[cfg(not(split))]
        portal_later()
    }

    pub async fn send(write: Write, key: String) -> Later<Applied> {
        #[cfg(split)]
        return send_later(write, key).await;
        #[cfg(not(split))]
        send_later(write, key)
    }
}

/// A part of the app that could not be fetched: the connection is down.
#[cfg(target_arch = "wasm32")]
impl From<leptos::wasm_split::SplitLoaderError> for ApiError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> ApiError {
        ApiError::Offline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_api_means_demo() {
        assert!(Backend::from_config(&Config::default()).is_demo());
        let c = Config {
            api: Some("https://api.example".into()),
            ..Config::default()
        };
        assert!(!Backend::from_config(&c).is_demo());
    }
}

#[cfg(target_arch = "wasm32")]
mod context {
    use super::Backend;
    use leptos::prelude::*;

    pub fn provide_backend(b: Backend) {
        provide_context(StoredValue::new(b));
    }

    pub fn use_backend() -> Backend {
        expect_context::<StoredValue<Backend>>().get_value()
    }
}

#[cfg(target_arch = "wasm32")]
pub use context::{provide_backend, use_backend};
