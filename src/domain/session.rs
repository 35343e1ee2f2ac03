//! The signed-in session: an Argilla JWT and what we read from it.
//!
//! argilla does not refresh tokens; a token past its `exp` is useless, so it is
//! dropped before it is ever sent.

use base64::Engine;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Claims {
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    /// Seconds since the Unix epoch.
    #[serde(default)]
    pub exp: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token: String,
    pub claims: Claims,
}

impl Session {
    /// Accepts a token only if it is a readable JWT that has not expired at `now` (seconds).
    pub fn from_token(token: &str, now: u64) -> Option<Session> {
        let token = token.trim();
        let claims = decode_claims(token)?;
        if let Some(exp) = claims.exp {
            // A little slack: a token about to expire would fail mid-request.
            if exp <= now + 10 {
                return None;
            }
        }
        Some(Session { token: token.to_owned(), claims })
    }

    pub fn is_expired(&self, now: u64) -> bool {
        matches!(self.claims.exp, Some(exp) if exp <= now)
    }
}

/// Reads the payload of a JWT without checking its signature (the server does that).
pub fn decode_claims(token: &str) -> Option<Claims> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // A real token from argilla-server 2.8.0 (exp 1795439266).
    const REAL: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZGVudGl0eSI6IjU2N2Y0YTkyLTFkNjYtNGUwYi04MGQ3LTgxNTgxMjkwNTE5NyIsIm5hbWUiOiJPd25lciIsInVzZXJuYW1lIjoib3duZXIiLCJyb2xlIjoib3duZXIiLCJleHAiOjE3OTU0MzkyNjZ9.IHh8y5oTkr5jKYpHYM2z363Qvx8BS5ldLp9X25yRfjo";

    #[test]
    fn reads_claims_of_a_real_token() {
        let claims = decode_claims(REAL).unwrap();
        assert_eq!(claims.username.as_deref(), Some("owner"));
        assert_eq!(claims.role.as_deref(), Some("owner"));
        assert_eq!(claims.exp, Some(1_795_439_266));
    }

    #[test]
    fn valid_token_before_exp_is_kept() {
        let s = Session::from_token(REAL, 1_795_439_266 - 3600).unwrap();
        assert!(!s.is_expired(1_795_439_266 - 3600));
    }

    #[test]
    fn expired_token_is_dropped() {
        assert!(Session::from_token(REAL, 1_795_439_266).is_none());
        assert!(Session::from_token(REAL, 1_795_439_266 + 1).is_none());
        assert!(Session::from_token(REAL, 1_795_439_266 - 5).is_none(), "about to expire counts as expired");
    }

    #[test]
    fn garbage_is_not_a_session() {
        assert!(Session::from_token("", 0).is_none());
        assert!(Session::from_token("abc", 0).is_none());
        assert!(Session::from_token("a.b.c", 0).is_none());
        assert!(Session::from_token("a.b.c.d", 0).is_none());
    }

    #[test]
    fn token_without_exp_is_accepted() {
        // {"username":"x"}
        let token = "e30.eyJ1c2VybmFtZSI6IngifQ.sig";
        let s = Session::from_token(token, 10).unwrap();
        assert_eq!(s.claims.username.as_deref(), Some("x"));
    }
}
