//! Percent-encoding and query strings, shared by the API client and the pages.

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `a=1&b=x%20y` from pairs (also the `application/x-www-form-urlencoded` body).
pub fn form_encode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k.as_ref()), encode_component(v.as_ref())))
        .collect::<Vec<_>>()
        .join("&")
}

/// `path?a=1&b=2`, or just `path` without pairs.
pub fn with_query<K: AsRef<str>, V: AsRef<str>>(path: &str, pairs: &[(K, V)]) -> String {
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", form_encode(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_escapes_reserved_characters() {
        assert_eq!(form_encode(&[("username", "a b"), ("password", "p&=+%é")]), "username=a%20b&password=p%26%3D%2B%25%C3%A9");
    }

    #[test]
    fn query_is_added_only_with_pairs() {
        assert_eq!(with_query::<&str, &str>("/", &[]), "/");
        assert_eq!(with_query("/", &[("q", "a&b")]), "/?q=a%26b");
        assert_eq!(
            with_query("/d", &[("status", "pending".to_owned()), ("page", "2".to_owned())]),
            "/d?status=pending&page=2"
        );
    }
}
