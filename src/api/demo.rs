//! The demo agency: an in-browser backend seeded from `demo/portal.json`.
//! Everything the client does persists in localStorage until "Reset demo".

use super::ApiError;
use crate::contract::{self, Portal};
use crate::domain::shift;

/// The sample feed shipped with the app.
pub const SEED: &str = include_str!("../../demo/portal.json");

/// Where the demo keeps its state.
pub const STATE_KEY: &str = "client-portal:demo:v1";

/// A fresh demo feed whose dates are moved so it was "generated" today.
pub fn seeded(today: chrono::NaiveDate) -> Result<Portal, ApiError> {
    let mut p = contract::parse_portal(SEED)?;
    shift::shift_to(&mut p, today);
    Ok(p)
}

#[derive(Clone, Debug, Default)]
pub struct DemoApi;

#[cfg(target_arch = "wasm32")]
impl DemoApi {
    fn store() -> crate::storage::Store {
        crate::storage::Store::local()
    }

    fn save(p: &Portal) {
        if let Ok(json) = serde_json::to_string(p) {
            Self::store().set(STATE_KEY, &json);
        }
    }

    /// The demo's current state: what was saved, else a fresh seed.
    fn state() -> Result<Portal, ApiError> {
        if let Some(saved) = Self::store().get(STATE_KEY) {
            if let Ok(p) = contract::parse_portal(&saved) {
                return Ok(p);
            }
        }
        let p = seeded(crate::intl::today())?;
        Self::save(&p);
        Ok(p)
    }

    pub async fn portal(&self) -> Result<Portal, ApiError> {
        Self::state()
    }

    /// Forget everything done in the demo.
    pub fn reset(&self) {
        Self::store().remove(STATE_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_is_moved_to_today() {
        let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let p = seeded(today).unwrap();
        assert_eq!(p.generated_at.date_naive(), today);
    }
}
