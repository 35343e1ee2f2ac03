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

/// Undoes percent-encoding; `+` is a space, as in a form-encoded query.
/// Bytes that are not UTF-8 become U+FFFD, and a stray `%` stays as written.
pub fn decode_component(value: &str) -> String {
    percent_decode(value, true)
}

/// Like [`decode_component`] for a part of a path, where `+` is itself.
pub fn decode_path_part(value: &str) -> String {
    percent_decode(value, false)
}

fn percent_decode(value: &str, plus_is_space: bool) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => match bytes.get(i + 1..i + 3).and_then(|pair| hex(pair[0]).zip(hex(pair[1]))) {
                Some((hi, lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// A query string's (or a route's) names and values, in order; a name may repeat.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryMap(Vec<(String, String)>);

impl QueryMap {
    /// From `?a=1&b=2` (the `?` is optional).
    pub fn parse(search: &str) -> Self {
        let search = search.strip_prefix('?').unwrap_or(search);
        let pairs = search.split('&').filter(|pair| !pair.is_empty()).map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(name), decode_component(value))
        });
        QueryMap(pairs.collect())
    }

    /// Every name and value, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// The first value given for `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    /// Every value given for `name`, in order; `None` when there is none.
    pub fn get_all(&self, name: &str) -> Option<Vec<String>> {
        let all: Vec<String> = self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect();
        (!all.is_empty()).then_some(all)
    }
}

/// Matches a path (no query) against a route such as `/dataset/:id/annotation-mode`:
/// the `:name` parts, decoded, when it fits. A trailing slash is ignored.
pub fn match_route(route: &str, path: &str) -> Option<QueryMap> {
    let trim = |p: &'_ str| p.trim_end_matches('/').to_owned();
    let (route, path) = (trim(route), trim(path));
    let (mut wanted, mut given) = (route.split('/'), path.split('/'));
    let mut params = Vec::new();
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(QueryMap(params)),
            (Some(w), Some(g)) => match w.strip_prefix(':') {
                Some(name) if !g.is_empty() => params.push((name.to_owned(), decode_path_part(g))),
                None if w == g => {}
                _ => return None,
            },
            _ => return None,
        }
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

    #[test]
    fn decoding_undoes_encoding_and_keeps_stray_percents() {
        let text = "p&=+% é/日本";
        assert_eq!(decode_component(&encode_component(text)), text);
        assert_eq!(decode_component("a+b%2Bc"), "a b+c");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }

    #[test]
    fn query_keeps_every_value_in_order() {
        let q = QueryMap::parse("?status=pending&q=a%20b&term=x&term=y&flag&=v");
        assert_eq!(q.get("status").as_deref(), Some("pending"));
        assert_eq!(q.get("q").as_deref(), Some("a b"));
        assert_eq!(q.get_all("term"), Some(vec!["x".to_owned(), "y".to_owned()]));
        assert_eq!(q.get("flag").as_deref(), Some(""));
        assert_eq!(q.get("missing"), None);
        assert_eq!(q.get_all("missing"), None);
        assert_eq!(QueryMap::parse(""), QueryMap::default());
    }

    #[test]
    fn routes_match_whole_paths_and_give_their_parts() {
        let params = match_route("/dataset/:id/annotation-mode", "/dataset/a%2Fb/annotation-mode/").unwrap();
        assert_eq!(params.get("id").as_deref(), Some("a/b"));
        let plus = match_route("/oauth/:provider/callback", "/oauth/a+b%20c/callback").unwrap();
        assert_eq!(plus.get("provider").as_deref(), Some("a+b c"));
        assert!(match_route("/dataset/:id/annotation-mode", "/dataset//annotation-mode").is_none());
        assert!(match_route("/dataset/:id/annotation-mode", "/dataset/x/settings").is_none());
        assert!(match_route("/dataset/:id/annotation-mode", "/dataset/x/annotation-mode/more").is_none());
        assert_eq!(match_route("/", "/"), Some(QueryMap::default()));
        assert!(match_route("/", "/people").is_none());
        assert!(match_route("/sign-in", "/sign-in/").is_some());
        let hub = match_route("/new/:org/:name", "/new/argilla/imdb").unwrap();
        assert_eq!((hub.get("org").as_deref(), hub.get("name").as_deref()), (Some("argilla"), Some("imdb")));
    }
}
