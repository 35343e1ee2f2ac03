//! Key-value storage that keeps working when the browser blocks storage
//! (e.g. a cross-site iframe with third-party storage disabled): values then
//! live in memory for the life of the page.

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static MEMORY: RefCell<HashMap<(bool, String), String>> = RefCell::new(HashMap::new());
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// localStorage: survives reloads and new tabs.
    Persistent,
    /// sessionStorage: until the browser session (tab) ends.
    Session,
}

fn web_storage(scope: Scope) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    let storage = match scope {
        Scope::Persistent => window.local_storage(),
        Scope::Session => window.session_storage(),
    };
    storage.ok().flatten()
}

fn memory_key(scope: Scope, key: &str) -> (bool, String) {
    (scope == Scope::Persistent, key.to_owned())
}

pub fn get(scope: Scope, key: &str) -> Option<String> {
    // In memory means the newest value could not be stored (storage blocked or
    // full): storage may still hold an older one.
    if let Some(value) = MEMORY.with(|m| m.borrow().get(&memory_key(scope, key)).cloned()) {
        return Some(value);
    }
    web_storage(scope).and_then(|s| s.get_item(key).ok().flatten())
}

pub fn set(scope: Scope, key: &str, value: &str) {
    // Full: the old value goes first (it frees its room, and must not outlive a newer one kept in memory).
    let stored = web_storage(scope).is_some_and(|s| s.set_item(key, value).is_ok() || (s.remove_item(key).is_ok() && s.set_item(key, value).is_ok()));
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if stored {
            m.remove(&memory_key(scope, key));
        } else {
            m.insert(memory_key(scope, key), value.to_owned());
        }
    });
}

pub fn remove(scope: Scope, key: &str) {
    if let Some(s) = web_storage(scope) {
        let _ = s.remove_item(key);
    }
    MEMORY.with(|m| m.borrow_mut().remove(&memory_key(scope, key)));
}

/// Whether this page can keep values across a reload (not when the browser
/// blocks storage, as in some cross-site frames, or it is full).
pub fn lasting() -> bool {
    const PROBE: &str = "argilla-lite.probe";
    web_storage(Scope::Persistent).is_some_and(|s| s.set_item(PROBE, "1").is_ok() && s.remove_item(PROBE).is_ok())
}

/// Every key in `scope` that starts with `prefix`, those kept in memory included.
pub fn keys_starting_with(scope: Scope, prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = MEMORY.with(|m| {
        m.borrow().keys().filter(|(p, k)| *p == (scope == Scope::Persistent) && k.starts_with(prefix)).map(|(_, k)| k.clone()).collect()
    });
    if let Some(s) = web_storage(scope) {
        let count = s.length().unwrap_or(0);
        let stored: Vec<String> = (0..count).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix) && !keys.contains(k)).collect();
        keys.extend(stored);
    }
    keys
}

/// Marks `window.name` as carrying values kept in memory across a load of
/// another bundle (see [`hand_off`]).
const HAND_OFF: &str = "argilla-lite:";

/// Before loading another bundle in this tab, or reloading after a crash: values that live only in
/// memory (storage blocked) ride along in `window.name`, which survives a
/// same-tab navigation; [`take_hand_off`] puts them back and clears it.
pub fn hand_off() {
    // try_borrow: this also runs from the panic hook, which may have stopped a write half way.
    let entries: Vec<(bool, String, String)> =
        MEMORY.with(|m| m.try_borrow().map(|m| m.iter().map(|((p, k), v)| (*p, k.clone(), v.clone())).collect()).unwrap_or_default());
    if let (Some(window), false) = (web_sys::window(), entries.is_empty()) {
        if let Ok(json) = serde_json::to_string(&entries) {
            let _ = window.set_name(&format!("{HAND_OFF}{json}"));
        }
    }
}

/// At start: what the previous bundle handed off, back in memory.
pub fn take_hand_off() {
    let Some(window) = web_sys::window() else { return };
    let Some(json) = window.name().ok().and_then(|n| n.strip_prefix(HAND_OFF).map(str::to_owned)) else { return };
    let _ = window.set_name("");
    let entries: Vec<(bool, String, String)> = serde_json::from_str(&json).unwrap_or_default();
    MEMORY.with(|m| m.borrow_mut().extend(entries.into_iter().map(|(p, k, v)| ((p, k), v))));
}
