//! What is typed into a form, kept in this tab until it is sent or emptied: a session that
//! ends mid-edit sends the person to sign in and back, and the form comes back as it was.

use crate::browser::storage::{self, Scope};
use crate::ui::state::use_app;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

const PREFIX: &str = "argilla-lite.typed.";

/// Fills `signal` from what this tab kept under `name` for the signed-in person, and keeps
/// `kept(value)` there from now on (what must not be kept, such as a password, left out),
/// until it is the form's empty state again (the signal's value now).
pub fn keep_typed<T>(signal: RwSignal<T>, name: &str, kept: fn(&T) -> T)
where
    T: Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    let empty = signal.with_untracked(kept);
    let person = use_app().user.with_untracked(|u| u.as_ref().map(|u| u.username.clone())).unwrap_or_default();
    let key = format!("{PREFIX}{person}.{name}");
    if let Some(value) = storage::get(Scope::Session, &key).and_then(|t| serde_json::from_str::<T>(&t).ok()) {
        signal.set(value);
    }
    Effect::new(move |_| {
        let now = signal.with(kept);
        match serde_json::to_string(&now) {
            Ok(text) if now != empty => storage::set(Scope::Session, &key, &text),
            _ => storage::remove(Scope::Session, &key),
        }
    });
}
