//! App-wide state, provided once as context: the session, the signed-in user
//! and the server's settings.

use crate::api::types::{ServerSettings, User};
use crate::api::{ApiError, Client};
use crate::browser::{self, storage, storage::Scope};
use crate::domain::save::retry_delay_ms;
use crate::domain::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;

// Each is kept per deployment (see `browser::deployment_key`): two apps under one origin
// must not share a sign-in. index.html reads the token under the same key.
const TOKEN_KEY: &str = "argilla-lite.token";
/// The page to return to after a sign-in that leaves the app (Hugging Face).
const REDIRECT_KEY: &str = "argilla-lite.redirect";
/// The OAuth provider this browser's session came from (absent after a password sign-in).
/// argilla-server does not record how an account signs in, so this is all the app can know.
const SIGNED_IN_WITH_KEY: &str = "argilla-lite.signed-in-with";

/// Keeps the page to return to across the OAuth round trip.
pub fn keep_redirect(target: &str) {
    storage::set(Scope::Persistent, &browser::deployment_key(REDIRECT_KEY), target);
}

const SESSION_ENDED_KEY: &str = "argilla-lite.session-ended";

/// Whether the last session ended without the person signing out (told once).
pub fn take_session_ended() -> bool {
    let key = browser::deployment_key(SESSION_ENDED_KEY);
    let ended = storage::get(Scope::Session, &key).is_some();
    storage::remove(Scope::Session, &key);
    ended
}

/// The kept page, left kept; only same-app paths come back.
pub fn kept_redirect() -> Option<String> {
    storage::get(Scope::Persistent, &browser::deployment_key(REDIRECT_KEY)).and_then(|t| crate::domain::redirect::safe_redirect(&t))
}

/// The kept page, once; only same-app paths come back.
pub fn take_redirect() -> Option<String> {
    let kept = storage::get(Scope::Persistent, &browser::deployment_key(REDIRECT_KEY));
    storage::remove(Scope::Persistent, &browser::deployment_key(REDIRECT_KEY));
    kept.and_then(|t| crate::domain::redirect::safe_redirect(&t))
}

/// The window event fired as the user signs out, before the session ends.
pub const SIGNING_OUT: &str = "argilla-lite-signing-out";

#[derive(Clone, Debug, PartialEq)]
pub struct DatasetPlace {
    pub id: String,
    pub name: String,
    pub workspace_id: String,
    /// The dataset's settings page (the breadcrumbs end with "Settings", no gear).
    pub settings: bool,
}

/// A problem shown above every page until dismissed, with a link to where it can be fixed.
#[derive(Clone, Debug, PartialEq)]
pub struct AppNotice {
    pub text: String,
    /// (address in the app, the link's text)
    pub link: Option<(String, String)>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub session: RwSignal<Option<Session>>,
    pub user: RwSignal<Option<User>>,
    /// The last `/me` failed for another reason than a 401 (the header then
    /// shows the user menu without a name, so Sign out is still there).
    pub user_unavailable: RwSignal<bool>,
    pub settings: RwSignal<Option<ServerSettings>>,
    /// True once the settings call answered (or failed).
    pub settings_checked: RwSignal<bool>,
    /// Set when the user signs out on purpose: go to plain /sign-in, no redirect.
    pub signed_out: RwSignal<bool>,
    /// The dataset the page shows, for the header's breadcrumbs and settings gear.
    pub place: RwSignal<Option<DatasetPlace>>,
    /// The language the app shows; changing it redraws every page.
    pub lang: RwSignal<crate::i18n::Lang>,
    /// What the whole app must tell, whatever page is shown (e.g. an answer
    /// refused after its page was left).
    pub notice: RwSignal<Option<AppNotice>>,
    api_base: StoredValue<String>,
}

impl AppState {
    /// Whether the signed-in user is an owner or an admin (tracked).
    pub fn can_manage(&self) -> bool {
        self.user.with(|u| u.as_ref().is_some_and(|u| u.role.can_manage()))
    }

    /// Whether `/me` has answered (or failed other than with a 401): what
    /// depends on the user's name or role can be drawn once, complete (tracked).
    pub fn user_known(&self) -> bool {
        self.user.with(Option::is_some) || self.user_unavailable.get()
    }

    pub fn new() -> AppState {
        let stored = storage::get(Scope::Persistent, &browser::deployment_key(TOKEN_KEY));
        let session = stored.as_deref().and_then(|t| Session::from_token(t, browser::now_secs()));
        if stored.is_some() && session.is_none() {
            storage::remove(Scope::Persistent, &browser::deployment_key(TOKEN_KEY));
        }
        AppState {
            session: RwSignal::new(session),
            user: RwSignal::new(None),
            user_unavailable: RwSignal::new(false),
            settings: RwSignal::new(None),
            settings_checked: RwSignal::new(false),
            signed_out: RwSignal::new(false),
            place: RwSignal::new(None),
            lang: RwSignal::new(crate::i18n::lang()),
            notice: RwSignal::new(None),
            api_base: StoredValue::new(browser::api_base()),
        }
    }

    /// A client carrying the current token; an expired token ends the session instead.
    pub fn client(&self) -> Client {
        let token = self.session.with_untracked(|s| s.as_ref().map(|s| (s.token.clone(), s.is_expired(browser::now_secs()))));
        let token = match token {
            Some((_, true)) => {
                self.end_session();
                self.say_if_ended();
                self.token() // the same person's newer token, from another tab, if there was one
            }
            Some((token, false)) => Some(token),
            None => None,
        };
        Client::new(&self.api_base.get_value(), token)
    }

    pub fn api_base(&self) -> String {
        self.api_base.get_value()
    }

    pub fn start_session(&self, session: Session) {
        storage::set(Scope::Persistent, &browser::deployment_key(TOKEN_KEY), &session.token);
        storage::remove(Scope::Persistent, &browser::deployment_key(SIGNED_IN_WITH_KEY));
        self.signed_out.set(false);
        self.user.set(None);
        self.session.set(Some(session));
        self.load_user();
    }

    /// A session from an OAuth provider's sign-in (e.g. "huggingface").
    pub fn start_oauth_session(&self, session: Session, provider: &str) {
        self.start_session(session);
        storage::set(Scope::Persistent, &browser::deployment_key(SIGNED_IN_WITH_KEY), provider);
    }

    /// The provider of this browser's session, if it came from one.
    pub fn signed_in_with(&self) -> Option<String> {
        storage::get(Scope::Persistent, &browser::deployment_key(SIGNED_IN_WITH_KEY))
    }

    /// Drops the session (e.g. after a 401). Protected pages then send the user to sign in.
    ///
    /// Another tab may have signed in again since this tab read its token: a
    /// newer token in storage is never deleted, and this tab carries on with it
    /// when it is the same person's.
    pub fn end_session(&self) {
        let mine = self.token();
        let stored = storage::get(Scope::Persistent, &browser::deployment_key(TOKEN_KEY));
        match (mine, stored) {
            (Some(mine), Some(stored)) if stored != mine => {
                let fresh = Session::from_token(&stored, browser::now_secs());
                let same_person = self.person() == fresh.as_ref().map(|f| f.claims.username.clone());
                if let (Some(fresh), true) = (fresh, same_person) {
                    self.session.set(Some(fresh));
                    return;
                }
            }
            (Some(_), _) => self.forget_stored_session(),
            // No session here: what storage holds is another sign-in's.
            (None, _) => {}
        }
        self.user.set(None);
        self.session.set(None);
    }

    fn forget_stored_session(&self) {
        storage::remove(Scope::Persistent, &browser::deployment_key(TOKEN_KEY));
        storage::remove(Scope::Persistent, &browser::deployment_key(SIGNED_IN_WITH_KEY));
    }

    pub fn sign_out(&self) {
        announce_signing_out();
        storage::remove(Scope::Persistent, &browser::deployment_key(REDIRECT_KEY));
        self.signed_out.set(true);
        self.notice.set(None); // the next person must not read this one's
        self.forget_stored_session();
        self.end_session();
    }

    /// Another tab signed out, or in as someone else: this one follows (what
    /// waits to be saved goes first, with the token it was given under).
    /// The same person's new token is taken over.
    pub fn follow_other_tabs(&self) {
        let state = *self;
        let _ = window_event_listener_untyped("storage", move |ev| {
            let read = |name: &str| js_sys::Reflect::get(&ev, &name.into()).ok().and_then(|v| v.as_string());
            if read("key") != Some(browser::deployment_key(TOKEN_KEY)) || state.token().is_none() {
                return;
            }
            let fresh = read("newValue").and_then(|t| Session::from_token(&t, browser::now_secs()));
            match fresh {
                Some(fresh) if state.person() == Some(fresh.claims.username.clone()) => {
                    state.session.set(Some(fresh));
                }
                _ => {
                    announce_signing_out();
                    state.end_session();
                }
            }
        });
    }

    /// Every page passes its API errors here: a 401 anywhere ends the session.
    pub fn check(&self, error: &ApiError) {
        if error.is_unauthorized() && self.session.with_untracked(Option::is_some) {
            self.end_session();
            self.say_if_ended();
        }
    }

    /// A session the server (a 401) or time ended, not the person: the sign-in page says so,
    /// even after loading another bundle.
    fn say_if_ended(&self) {
        if self.session.with_untracked(Option::is_none) {
            storage::set(Scope::Session, &browser::deployment_key(SESSION_ENDED_KEY), "1");
        }
    }

    pub fn load_user(&self) {
        let state = *self;
        if state.session.with_untracked(Option::is_none) {
            return;
        }
        let person = state.person();
        spawn_local(async move {
            // A Space restarting answers 502 or 503 for a while: ask until it is back,
            // as the role decides what the owner pages show.
            let mut attempt = 0;
            loop {
                match state.client().me().await {
                    Ok(user) => {
                        state.user_unavailable.set(false);
                        state.user.set(Some(user));
                        return;
                    }
                    Err(e) => {
                        state.check(&e);
                        state.user_unavailable.set(!e.is_unauthorized());
                        // A 401 met by taking over the same person's newer token (see `end_session`).
                        let taken_over = e.is_unauthorized() && state.person() == person;
                        if !(e.worth_asking_again() || taken_over) {
                            return;
                        }
                    }
                }
                browser::sleep_ms(retry_delay_ms(attempt)).await;
                attempt += 1;
                if state.person() != person {
                    return;
                }
            }
        });
    }

    fn token(&self) -> Option<String> {
        self.session.with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
    }

    /// Who is signed in (None: nobody), whichever of their tokens this tab holds.
    fn person(&self) -> Option<Option<String>> {
        self.session.with_untracked(|s| s.as_ref().map(|s| s.claims.username.clone()))
    }

    pub fn load_settings(&self) {
        let state = *self;
        spawn_local(async move {
            // Without settings the app works normally, just without the storage banner
            // and the Space's welcome page: they come when the server is back.
            let mut attempt = 0;
            loop {
                let answer = state.client().settings().await;
                let again = answer.as_ref().err().is_some_and(ApiError::worth_asking_again);
                // The guards go on without settings (to the password form) only after a few tries:
                // one failure during a Space's restart must not hide its Hugging Face sign-in.
                if !again || attempt >= 2 {
                    state.settings_checked.set(true);
                }
                match answer {
                    Ok(settings) => return state.settings.set(Some(settings)),
                    Err(_) if !again => return,
                    Err(_) => {}
                }
                browser::sleep_ms(retry_delay_ms(attempt)).await;
                attempt += 1;
            }
        });
    }
}

/// Answers still on their way go now, with the token that is ending (the
/// listeners run before this returns).
fn announce_signing_out() {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(SIGNING_OUT)) {
        let _ = window.dispatch_event(&event);
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// A value that comes once from `work`: `None` until then. Lighter than a
/// `LocalResource` where nothing refetches (the sign-in pages carry no async resources).
pub fn arriving<T: Send + Sync + 'static>(work: impl std::future::Future<Output = T> + 'static) -> ReadSignal<Option<T>> {
    let value = RwSignal::new(None);
    spawn_local(async move {
        let arrived = work.await;
        // The page may have gone meanwhile.
        let _ = value.try_set(Some(arrived));
    });
    value.read_only()
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
