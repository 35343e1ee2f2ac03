//! Leptos UI: the app shell, one file per page, one per component.

pub mod annotator;
pub mod backup_job;
pub mod components;
pub mod dialog;
pub mod hub_job;
pub mod language;
pub mod leave_guard;
pub mod pages;
mod page_title;
pub mod restore_job;
pub mod router;
pub mod state;
pub mod tasks;
pub mod typed;

use crate::browser;
use crate::domain::bundle::{bundle_for, has_page, is_bare_hub_import, Bundle};
use crate::domain::welcome::guard_path;
use components::{app_notice::AppNotice, header::Header, storage_banner::StorageBanner};
use leptos::prelude::*;
use router::{provide_router, routes, use_navigate, NavigateOptions, Route};
use pages::{
    annotation::Annotation, backup::Backup, hub_export::HubExport, hub_import::HubImport, dataset_settings::DatasetSettings, home::Home, not_found::NotFound,
    oauth_callback::OAuthCallback, people::People, sign_in::SignIn, user_settings::UserSettings, welcome::Welcome,
};
use state::{use_app, AppState};

/// Starts the annotator's bundle: sign-in, home, annotation.
pub fn start_annotate() {
    mount(Bundle::Annotate, || view! { <AnnotateApp/> });
}

/// Starts the owner pages' bundle: settings, my settings, backup.
pub fn start_owner() {
    mount(Bundle::Owner, || view! { <OwnerApp/> });
}

/// Starts the sign-in pages' bundle: sign-in, welcome, the OAuth callback.
pub fn start_sign_in() {
    mount(Bundle::SignIn, || view! { <SignInApp/> });
}

fn mount<V: IntoView + 'static>(bundle: Bundle, app: impl FnOnce() -> V + 'static) {
    // A bug that stops the app says so (index.html, in the page's language) instead of leaving a frozen page.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        // The note offers a reload: what lives only in memory (storage blocked) rides along,
        // to an address that a private Space's proxy lets through.
        browser::storage::hand_off();
        if let Some(window) = web_sys::window() {
            let href = window.location().href().unwrap_or_default();
            let signed = browser::signed_href(&href);
            if signed != href {
                let _ = js_sys::Reflect::set(&window, &"argillaLiteReload".into(), &signed.into());
            }
        }
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new("argilla-lite-stopped")) {
            let _ = window.dispatch_event(&event);
        }
    }));
    browser::storage::take_hand_off();
    browser::remember_space_sign();
    crate::ui::dialog::keep_focus_when_disabled();
    crate::api::client::adopt_page_requests();
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-bundle", bundle.name());
    }
    // Not Leptos' spawn_local: its executor starts with the mount.
    wasm_bindgen_futures::spawn_local(async move {
        // The chosen language's strings come first, so no English flashes by.
        language::load_initial().await;
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
        leptos::mount::mount_to_body(move || {
            APP_OWNER.with(|o| *o.borrow_mut() = Owner::current());
            app()
        });
        page_title::follow_heading();
    });
}

thread_local! {
    static APP_OWNER: std::cell::RefCell<Option<Owner>> = const { std::cell::RefCell::new(None) };
}

/// The app's own owner, alive as long as the app: what is created under it
/// outlives the page that created it.
pub fn app_owner() -> Option<Owner> {
    APP_OWNER.with(|o| o.borrow().clone())
}

/// Runs `create` under the app's owner: what it makes outlives the page, for
/// work that goes on after the person leaves (answers on their way).
pub fn owned_by_app<T>(create: impl FnOnce() -> T) -> T {
    match app_owner() {
        Some(owner) => owner.with(create),
        None => create(),
    }
}

/// Any other address, opened signed out (index.html sends it here): the
/// guard sends the visitor to sign in and back; signed in, its own bundle.
#[component]
fn SignInApp() -> impl IntoView {
    provide_context(Bundle::SignIn);
    const PAGES: &[Route] = &[
        ("/sign-in", || view! { <SignIn/> }.into_any()),
        ("/oauth/:provider/callback", || view! { <OAuthCallback/> }.into_any()),
        ("/welcome-hf-sign-in", || view! { <Welcome/> }.into_any()),
    ];
    view! {
        <Shell>
            {routes(PAGES, || if has_page(&browser::current_app_path()) {
                view! { <Protected><Elsewhere/></Protected> }.into_any()
            } else {
                view! { <NotFound/> }.into_any()
            })}
        </Shell>
    }
}

/// The other bundles' pages, in this one: loaded anew by address.
const SIGN_IN_PAGES: [&str; 3] = ["/sign-in", "/oauth/:provider/callback", "/welcome-hf-sign-in"];

fn elsewhere() -> AnyView {
    view! { <Elsewhere/> }.into_any()
}

fn not_found() -> AnyView {
    view! { <NotFound/> }.into_any()
}

#[component]
fn AnnotateApp() -> impl IntoView {
    provide_context(Bundle::Annotate);
    const PAGES: &[Route] = &[
        ("/", || view! { <Protected><Home/></Protected> }.into_any()),
        ("/dataset/:id/annotation-mode", || view! { <Protected><Annotation/></Protected> }.into_any()),
        (SIGN_IN_PAGES[0], elsewhere),
        (SIGN_IN_PAGES[1], elsewhere),
        (SIGN_IN_PAGES[2], elsewhere),
        ("/backup", elsewhere),
        ("/user-settings", elsewhere),
        ("/people", elsewhere),
        ("/dataset/:id/settings", elsewhere),
        ("/new", elsewhere),
        ("/new/:org/:name", elsewhere),
        ("/:org/:name", elsewhere),
        ("/dataset/:id/export", elsewhere),
    ];
    view! { <Shell>{routes(PAGES, not_found)}</Shell> }
}

#[component]
fn OwnerApp() -> impl IntoView {
    provide_context(Bundle::Owner);
    const PAGES: &[Route] = &[
        ("/backup", || view! { <Protected><Backup/></Protected> }.into_any()),
        ("/user-settings", || view! { <Protected><UserSettings/></Protected> }.into_any()),
        ("/people", || view! { <Protected><People/></Protected> }.into_any()),
        ("/dataset/:id/settings", || view! { <Protected><DatasetSettings/></Protected> }.into_any()),
        ("/new", || view! { <Protected><HubImport/></Protected> }.into_any()),
        ("/new/:org/:name", || view! { <Protected><HubImport/></Protected> }.into_any()),
        // Argilla's bare `/:id` import address, unless its first part is one of ours.
        ("/:org/:name", || if is_bare_hub_import(&browser::current_app_path()) {
            view! { <Protected><HubImport/></Protected> }.into_any()
        } else {
            not_found()
        }),
        ("/dataset/:id/export", || view! { <Protected><HubExport/></Protected> }.into_any()),
        (SIGN_IN_PAGES[0], elsewhere),
        (SIGN_IN_PAGES[1], elsewhere),
        (SIGN_IN_PAGES[2], elsewhere),
        ("/", elsewhere),
        ("/dataset/:id/annotation-mode", elsewhere),
    ];
    view! { <Shell>{routes(PAGES, not_found)}</Shell> }
}

/// What every page has: the session, the banner, the header.
#[component]
fn Shell(children: ChildrenFn) -> impl IntoView {
    // index.html applies it before the first paint too; this covers storage kept in memory.
    browser::apply_theme(browser::stored_theme());
    let state = AppState::new();
    provide_context(state);
    state.load_settings();
    state.load_user();
    state.follow_other_tabs();
    if !browser::storage::lasting() {
        let text = crate::i18n::t(crate::i18n::k::common::storage_blocked).into();
        state.notice.set(Some(state::AppNotice { text, link: None }));
    }
    if let Some(lang) = language::not_loaded_at_start() {
        // In English (the strings that came): a reload may bring the language back.
        let text = crate::i18n::tf(crate::i18n::k::common::language_not_loaded, &[("language", &lang.name())]);
        state.notice.update(|n| match n {
            Some(shown) => shown.text = crate::i18n::sentences(&shown.text, &text),
            None => *n = Some(state::AppNotice { text, link: None }),
        });
    }
    provide_router();
    view! {
        // A new language redraws everything (the state above stays).
        {move || {
            state.lang.track();
            // The control that had the focus (the language choice) has it again in the new language.
            if let Some(id) = document().active_element().map(|e| e.id()).filter(|id| !id.is_empty()) {
                dialog::refocus_if_lost(&format!("#{id}"));
            }
            let children = children.clone();
            view! {
                <StorageBanner/>
                <Header/>
                <AppNotice/>
                <main id="main" data-settings=move || if state.settings_checked.get() { "checked" } else { "pending" }>
                    {children()}
                </main>
            }
        }}
    }
}

/// A page of the other bundle, reached by a link inside the app: load the
/// address anew, so `index.html` starts the bundle that has it.
#[component]
fn Elsewhere() -> impl IntoView {
    let running = use_context::<Bundle>();
    let not_found = RwSignal::new(false);
    // After the new address is in the location bar.
    request_animation_frame(move || {
        // Never reload into the same bundle (a rule out of step would loop).
        if running.is_some_and(|b| b != bundle_for(&browser::current_app_path())) {
            browser::load_other_bundle(&browser::current_app_path());
        } else {
            not_found.set(true);
        }
    });
    view! {
        {move || if not_found.get() {
            view! { <NotFound/> }.into_any()
        } else {
            view! { <p class="loading" role="status">{crate::i18n::t(crate::i18n::k::common::loading)}</p> }.into_any()
        }}
    }
}

/// Shows its children only with a session; otherwise sends the user to sign
/// in (on a Space, to the welcome page first, as Argilla does there) and back
/// here afterwards.
#[component]
fn Protected(children: ChildrenFn) -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if state.session.with(Option::is_some) {
            return;
        }
        let on_purpose = state.signed_out.get_untracked();
        // Whether this is a Space comes with the settings: wait for them.
        if !on_purpose && !state.settings_checked.get() {
            return;
        }
        let on_space = state.settings.with_untracked(|s| s.as_ref().is_some_and(|s| s.huggingface.is_some()));
        let target = guard_path(on_purpose, on_space, &browser::current_app_path());
        navigate(&target, NavigateOptions { replace: true, ..Default::default() });
    });
    view! { <Show when=move || state.session.with(Option::is_some)>{children()}</Show> }
}
