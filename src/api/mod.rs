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
            Backend::Demo(d) => d.portal().await,
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
            Backend::Demo(d) => d.send(write, key).await,
        }
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
