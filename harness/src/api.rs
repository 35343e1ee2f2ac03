use serde_json::Value;

/// A small blocking client for the Argilla REST API, for seeding and for
/// checking through the API what the browser did.
#[derive(Clone)]
pub struct Api {
    /// e.g. `http://127.0.0.1:6900` or `http://127.0.0.1:6900/argilla`
    pub base: String,
    auth: Auth,
}

#[derive(Clone)]
enum Auth {
    ApiKey(String),
    Bearer(String),
    None,
}

impl Api {
    pub fn with_api_key(base: &str, key: &str) -> Api {
        Api { base: base.trim_end_matches('/').to_owned(), auth: Auth::ApiKey(key.to_owned()) }
    }

    pub fn anonymous(base: &str) -> Api {
        Api { base: base.trim_end_matches('/').to_owned(), auth: Auth::None }
    }

    /// Signs in with a password, as the app does (form-encoded POST /api/v1/token).
    pub fn sign_in(base: &str, username: &str, password: &str) -> crate::Result<Api> {
        let url = format!("{}/api/v1/token", base.trim_end_matches('/'));
        let token: Value = ureq::post(&url)
            .send_form(&[("username", username), ("password", password)])
            .map_err(describe)?
            .into_json()
            .map_err(|e| e.to_string())?;
        let token = token["access_token"].as_str().ok_or("no access_token in answer")?.to_owned();
        Ok(Api { base: base.trim_end_matches('/').to_owned(), auth: Auth::Bearer(token) })
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        let request = ureq::request(method, &format!("{}/api/v1{path}", self.base));
        match &self.auth {
            Auth::ApiKey(key) => request.set("X-Argilla-Api-Key", key),
            Auth::Bearer(token) => request.set("Authorization", &format!("Bearer {token}")),
            Auth::None => request,
        }
    }

    pub fn get(&self, path: &str) -> crate::Result<Value> {
        read(self.request("GET", path).call())
    }

    pub fn post(&self, path: &str, body: Value) -> crate::Result<Value> {
        read(self.request("POST", path).send_json(body))
    }

    pub fn put(&self, path: &str, body: Value) -> crate::Result<Value> {
        read(self.request("PUT", path).send_json(body))
    }

    pub fn patch(&self, path: &str, body: Value) -> crate::Result<Value> {
        read(self.request("PATCH", path).send_json(body))
    }

    pub fn delete(&self, path: &str) -> crate::Result<Value> {
        read(self.request("DELETE", path).call())
    }

    /// The HTTP status of a GET, for checks that expect an error.
    pub fn status_of(&self, path: &str) -> u16 {
        match self.request("GET", path).call() {
            Ok(r) => r.status(),
            Err(ureq::Error::Status(code, _)) => code,
            Err(_) => 0,
        }
    }
}

fn read(result: Result<ureq::Response, ureq::Error>) -> crate::Result<Value> {
    let response = result.map_err(describe)?;
    let text = response.into_string().map_err(|e| e.to_string())?;
    if text.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&text).map_err(|e| format!("bad JSON ({e}): {text}"))
}

fn describe(error: ureq::Error) -> String {
    match error {
        ureq::Error::Status(code, response) => {
            let url = response.get_url().to_owned();
            format!("HTTP {code} from {url}: {}", response.into_string().unwrap_or_default())
        }
        other => other.to_string(),
    }
}
