//! The agency's real API over HTTP (gloo-net / fetch).

#[derive(Clone, Debug)]
pub struct HttpApi {
    pub base: String,
    pub token: Option<String>,
}

impl HttpApi {
    pub fn new(base: String, token: Option<String>) -> Self {
        HttpApi { base, token }
    }
}

#[cfg(target_arch = "wasm32")]
impl HttpApi {
    fn authorised(&self, req: gloo_net::http::RequestBuilder) -> gloo_net::http::RequestBuilder {
        match &self.token {
            Some(t) => req.header("Authorization", &format!("Bearer {t}")),
            None => req,
        }
    }

    /// `GET {api}/portal`
    pub async fn portal(&self) -> Result<crate::contract::Portal, super::ApiError> {
        use super::ApiError;
        let req = self
            .authorised(gloo_net::http::Request::get(&format!(
                "{}/portal",
                self.base
            )))
            .header("Accept", "application/json");
        let resp = req.send().await.map_err(|_| ApiError::Offline)?;
        let body = resp.text().await.map_err(|_| ApiError::Offline)?;
        if !resp.ok() {
            return Err(ApiError::from_status(resp.status(), &body));
        }
        Ok(crate::contract::parse_portal(&body)?)
    }
}
