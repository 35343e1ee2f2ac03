use crate::browser::app_href;
use crate::browser::storage::{self, Scope};
use crate::domain::banner::{banner_text, should_warn, LEARN_MORE_URL};
use crate::api::types::Role;
use crate::i18n::{k, t};
use crate::ui::state::use_app;
use leptos::prelude::*;

const DISMISSED_KEY: &str = "argilla-lite.storage-banner-dismissed";

/// The persistent-storage warning, on every page once settings are known.
/// Dismissed only for this browser session: the risk has not gone away.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = use_app();
    let dismissed = RwSignal::new(storage::get(Scope::Session, DISMISSED_KEY).is_some());
    let visible = move || !dismissed.get() && state.settings.with(|s| s.as_ref().is_some_and(should_warn));
    let dismiss = move |_| {
        storage::set(Scope::Session, DISMISSED_KEY, "1");
        dismissed.set(true);
        crate::ui::dialog::refocus_if_lost("main h1");
    };
    view! {
        <Show when=visible>
            {move || {
                let role = state.user.with(|u| u.as_ref().map(|u| u.role));
                let signed_in = state.session.with(Option::is_some);
                let text = banner_text(if signed_in { role } else { None });
                view! {
                    <section class="storage-banner" role="alert" data-testid="storage-banner">
                        <div class="storage-banner-text">
                            <strong>{text.headline}</strong>
                            " "
                            <span>{text.detail}</span>
                            {role.filter(|r| signed_in && *r == Role::Owner).map(|_| view! {
                                " " <a href=app_href("/people") data-testid="banner-people">{t(k::common::banner_people)}</a>
                            })}
                            {text.action.map(|a| view! { " " <span class="storage-banner-action">{a}</span> })}
                            {role.filter(|r| signed_in && r.can_manage()).map(|_| view! {
                                " " <a href=app_href("/backup") data-testid="banner-backup">{t(k::common::banner_backup)}</a>
                            })}
                            " "
                            <a href=LEARN_MORE_URL target="_blank" rel="noopener noreferrer">{t(k::common::banner_learn_more)}</a>
                        </div>
                        <button type="button" class="button subtle" aria-label=t(k::common::banner_dismiss_label) on:click=dismiss>
                            {t(k::common::banner_dismiss)}
                        </button>
                    </section>
                }
            }}
        </Show>
    }
}
