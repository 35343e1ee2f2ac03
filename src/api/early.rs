//! Answers to requests sent ahead of the code that reads them.
//!
//! A page that knows its next requests before it can make them (the
//! annotation page's first records and counts wait for the dataset's
//! settings) sends them at once; the same request made soon after takes
//! that answer instead of going out again. Each answer is read once, and
//! only while it is fresh.

/// How long an early answer stays usable after its request went out.
pub const FRESH_FOR_MS: f64 = 30_000.0;

/// What identifies a request: the same key means the same answer.
pub fn key(method: &str, url: &str, body: Option<&str>, token: Option<&str>) -> String {
    request(method, url, token) + body.unwrap_or_default()
}

/// The start of the keys of a request with any body.
pub fn request(method: &str, url: &str, token: Option<&str>) -> String {
    format!("{method} {url}\n{}\n", token.unwrap_or_default())
}

pub struct EarlyAnswers<T> {
    sent: Vec<(String, f64, T)>,
}

impl<T> Default for EarlyAnswers<T> {
    fn default() -> Self {
        EarlyAnswers { sent: Vec::new() }
    }
}

impl<T> EarlyAnswers<T> {
    /// Keeps the answer to a request sent at `now` (ms). A second request
    /// with the same key replaces the first.
    pub fn put(&mut self, key: String, now: f64, answer: T) {
        self.sent.retain(|(k, _, _)| *k != key);
        self.sent.push((key, now, answer));
    }

    /// An answer for `key` is there to take at `now`.
    pub fn has(&self, key: &str, now: f64) -> bool {
        self.sent.iter().any(|(k, at, _)| k == key && now - at < FRESH_FOR_MS)
    }

    /// The answer for `key` if its request went out less than
    /// [`FRESH_FOR_MS`] before `now`; it is given once. Stale ones are dropped.
    pub fn take(&mut self, key: &str, now: f64) -> Option<T> {
        self.sent.retain(|(_, at, _)| now - at < FRESH_FOR_MS);
        let i = self.sent.iter().position(|(k, _, _)| k == key)?;
        Some(self.sent.swap_remove(i).2)
    }

    /// Some answer is kept for `request` (see [`request`]), whatever its body.
    pub fn expects(&self, request: &str) -> bool {
        self.sent.iter().any(|(k, _, _)| k.starts_with(request))
    }

    pub fn is_empty(&self) -> bool {
        self.sent.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_taken_once_and_only_by_the_same_request() {
        let mut early = EarlyAnswers::default();
        early.put(key("POST", "/a", Some("{}"), Some("t")), 0.0, 1);
        assert_eq!(early.take(&key("POST", "/a", Some("{\"x\":1}"), Some("t")), 10.0), None, "another body");
        assert_eq!(early.take(&key("POST", "/a", Some("{}"), Some("u")), 10.0), None, "another user's token");
        assert_eq!(early.take(&key("GET", "/a", Some("{}"), Some("t")), 10.0), None, "another method");
        assert!(early.expects(&request("POST", "/a", Some("t"))));
        assert!(!early.expects(&request("POST", "/a", None)) && !early.expects(&request("POST", "/b", Some("t"))));
        assert_eq!(early.take(&key("POST", "/a", Some("{}"), Some("t")), 10.0), Some(1));
        assert_eq!(early.take(&key("POST", "/a", Some("{}"), Some("t")), 11.0), None, "read once");
    }

    #[test]
    fn a_stale_answer_is_dropped() {
        let mut early = EarlyAnswers::default();
        early.put(key("GET", "/a", None, None), 1_000.0, "old");
        early.put(key("GET", "/b", None, None), 20_000.0, "new");
        assert_eq!(early.take(&key("GET", "/a", None, None), 1_000.0 + FRESH_FOR_MS), None);
        assert_eq!(early.take(&key("GET", "/b", None, None), 1_000.0 + FRESH_FOR_MS), Some("new"));
        assert!(early.is_empty());
    }

    #[test]
    fn the_same_request_sent_again_early_replaces_the_first() {
        let mut early = EarlyAnswers::default();
        early.put(key("GET", "/a", None, None), 0.0, 1);
        early.put(key("GET", "/a", None, None), 5.0, 2);
        assert!(early.has(&key("GET", "/a", None, None), 6.0));
        assert!(!early.has(&key("GET", "/a", None, None), 5.0 + FRESH_FOR_MS), "stale");
        assert_eq!(early.take(&key("GET", "/a", None, None), 6.0), Some(2));
        assert!(early.is_empty());
    }
}
