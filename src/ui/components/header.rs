use crate::browser;
use crate::api::types::{Role, Workspace};
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::state::DatasetPlace;
use crate::url::encode_component;
use leptos::task::spawn_local;
use crate::domain::account::initials;
use crate::domain::crumbs::page_crumb;
use crate::i18n::{k, t};
use crate::ui::router::use_pathname;
use crate::ui::state::use_app;
use leptos::ev::{KeyboardEvent, MouseEvent};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Puts the page's dataset in the header (breadcrumbs, settings gear) for as long as the page is shown.
pub fn show_dataset_in_header(place: DatasetPlace) {
    let state = use_app();
    state.place.set(Some(place));
    on_cleanup(move || state.place.set(None));
}

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app();
    let framed = browser::is_framed();
    // The page shown now (the address changes under the header), loadable on a private Space.
    let address = crate::ui::router::use_address();
    let new_tab_href = move || {
        address.track();
        web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
    };
    let can_manage = move || state.can_manage();
    let settings_href = move || {
        let place = state.place.get().filter(|p| !p.settings && can_manage())?;
        Some(browser::app_href(&format!("/dataset/{}/settings", encode_component(&place.id))))
    };
    view! {
        <header class="app-header">
            <a href=browser::app_href("/") class="brand" translate="no"><LogoMark/><span class="brand-name">"Argilla"</span><span class="brand-lite">"lite"</span></a>
            <Breadcrumbs/>
            <div class="header-right">
                {framed.then(|| view! {
                    <a class="open-new-tab" href=new_tab_href target="_blank" rel="noopener" on:click=move |ev| browser::open_signed_in_new_tab(&ev, &new_tab_href())>{t(k::common::open_new_tab)}</a>
                })}
                {move || settings_href().map(|href| view! {
                    <a class="header-icon" href=href data-testid="header-settings" aria-label=t(k::common::dataset_settings) title=t(k::common::dataset_settings)>
                        <Icon kind=IconKind::Settings/>
                    </a>
                })}
                // Shown once the name is known, so it does not grow after the first paint.
                <Show when=move || state.session.with(Option::is_some) && state.user_known()>
                    <UserMenu/>
                </Show>
            </div>
        </header>
    }
}

/// A neutral mark: a label tag with a check, drawn in the header's colours.
#[component]
fn LogoMark() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect width="24" height="24" rx="6"/>
            <path d="M6.5 12.5l3.5 3.5 7.5-8"/>
        </svg>
    }
}

/// Home / workspace / dataset (/ Settings) on dataset pages, Home / <page> on
/// the others but home. The workspace's name comes from the user's workspaces;
/// the crumbs appear when that answer is in (without the workspace if it
/// failed), so nothing moves.
#[component]
fn Breadcrumbs() -> impl IntoView {
    let state = use_app();
    // Asked again for a workspace the last answer did not have (another
    // account signed in, or the last request failed), once per workspace.
    let asked_for = StoredValue::new(None::<String>);
    let workspaces = RwSignal::new(None::<Vec<Workspace>>);
    Effect::new(move |_| {
        let Some(id) = state.place.with(|p| p.as_ref().map(|p| p.workspace_id.clone())) else { return };
        let known = workspaces.with_untracked(|w| w.iter().flatten().any(|w| w.id == id));
        if known || asked_for.with_value(|a| a.as_ref() == Some(&id)) {
            return;
        }
        asked_for.set_value(Some(id));
        spawn_local(async move {
            let answer = state.client().my_workspaces().await;
            if let Err(e) = &answer {
                state.check(e);
            }
            workspaces.set(Some(answer.unwrap_or_default()));
        });
    });
    let workspace = move |id: &str| {
        workspaces.with(|w| w.iter().flatten().find(|w| w.id == id).map(|w| w.name.clone()))
    };
    let pathname = use_pathname();
    move || {
        let crumbs = match state.place.get() {
            Some(place) => {
                workspaces.with(Option::is_some).then_some(())?;
                let workspace = workspace(&place.workspace_id).map(|name| {
                    let href = browser::app_href(&format!("/?workspaces={}", encode_component(&name)));
                    view! { <li class="crumb-workspace"><a href=href translate="no">{name}</a></li> }
                });
                let annotate = browser::app_href(&format!("/dataset/{}/annotation-mode", encode_component(&place.id)));
                let dataset = if place.settings {
                    view! { <li><a href=annotate translate="no">{place.name}</a></li><li><span aria-current="page">{t(k::common::settings)}</span></li> }.into_any()
                } else {
                    view! { <li><span aria-current="page" translate="no">{place.name}</span></li> }.into_any()
                };
                view! { {workspace} {dataset} }.into_any()
            }
            None => {
                pathname.track();
                let page = page_crumb(&browser::current_app_path()).filter(|_| state.session.with(Option::is_some))?;
                view! { <li><span aria-current="page">{t(page)}</span></li> }.into_any()
            }
        };
        Some(view! {
            <nav class="breadcrumbs" aria-label=t(k::common::breadcrumb)>
                <ol>
                    <li><a href=browser::app_href("/")>{t(k::common::home)}</a></li>
                    {crumbs}
                </ol>
            </nav>
        })
    }
}

/// The user's initials and name opening a menu: My settings, Backup and
/// restore (owners and admins), Sign out. Arrow keys move between the items,
/// Escape closes it and gives the focus back to the button.
#[component]
fn UserMenu() -> impl IntoView {
    let state = use_app();
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Ul>::new();
    let name = move || state.user.with(|u| u.as_ref().map(|u| u.display_name()).unwrap_or_default());
    let can_manage = move || state.can_manage();
    let is_owner = move || state.user.with(|u| u.as_ref().is_some_and(|u| u.role == Role::Owner));
    let items = move || -> Vec<web_sys::HtmlElement> {
        let Some(menu) = menu.try_get_untracked().flatten() else { return vec![] };
        let rows = std::iter::successors(menu.first_element_child(), |li| li.next_element_sibling());
        rows.filter_map(|li| li.first_element_child()?.dyn_into().ok()).collect()
    };
    // Moves the focus `step` items from the focused one (0: the first item, -1 from none: the last).
    let focus_item = move |step: i32| {
        let items = items();
        if items.is_empty() {
            return;
        }
        let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        let current = items.iter().position(|el| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>()));
        let len = items.len() as i32;
        let next = match current {
            Some(i) => (i as i32 + step).rem_euclid(len),
            None if step < 0 => len - 1,
            None => 0,
        };
        let _ = items[next as usize].focus();
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let open_with_focus = move |step: i32| {
        open.set(true);
        // The items exist once the menu has rendered.
        request_animation_frame(move || focus_item(step));
    };
    let on_button_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            open_with_focus(0);
        }
        "ArrowUp" => {
            ev.prevent_default();
            open_with_focus(-1);
        }
        "Escape" => close(true),
        _ => {}
    };
    let on_menu_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            focus_item(1);
        }
        "ArrowUp" => {
            ev.prevent_default();
            focus_item(-1);
        }
        "Home" => {
            ev.prevent_default();
            if let Some(first) = items().first() {
                let _ = first.focus();
            }
        }
        "End" => {
            ev.prevent_default();
            if let Some(last) = items().last() {
                let _ = last.focus();
            }
        }
        "Escape" => {
            ev.prevent_default();
            close(true);
        }
        "Tab" => close(false),
        _ => {}
    };
    // A click anywhere outside the menu closes it.
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = |node: Option<web_sys::Element>| {
            let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            node.is_some_and(|n| n.contains(target.as_ref()))
        };
        if !inside(button.get_untracked().map(Into::into)) && !inside(menu.get_untracked().map(Into::into)) {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    view! {
        <div class="user-menu">
            <button
                type="button"
                class="user-menu-button"
                data-testid="current-user"
                aria-haspopup="menu"
                aria-controls="user-menu"
                aria-expanded=move || open.get().to_string()
                node_ref=button
                on:click=move |ev: MouseEvent| {
                    // Enter or Space give a click without a mouse (detail 0): then the first item gets the focus.
                    if open.get_untracked() {
                        open.set(false);
                    } else if ev.detail() == 0 {
                        open_with_focus(0);
                    } else {
                        open.set(true);
                    }
                }
                on:keydown=on_button_key
            >
                <span class="avatar" aria-hidden="true" translate="no">{move || initials(&name())}</span>
                <span class="user" translate="no">{name}</span>
                <span class="role">{move || state.user.with(|u| u.as_ref().map(|u| u.role.name()).unwrap_or_default())}</span>
            </button>
            <Show when=move || open.get()>
                <ul id="user-menu" class="user-menu-list" role="menu" aria-label=t(k::common::account) node_ref=menu on:keydown=on_menu_key>
                    <li role="none">
                        <a role="menuitem" href=browser::app_href("/user-settings") on:click=move |_| close(false)><Icon kind=IconKind::User/>{t(k::common::my_settings)}</a>
                    </li>
                    <Show when=can_manage>
                        <li role="none">
                            <a role="menuitem" href=browser::app_href("/backup") on:click=move |_| close(false)><Icon kind=IconKind::Archive/>{t(k::common::backup_and_restore)}</a>
                        </li>
                    </Show>
                    <Show when=is_owner>
                        <li role="none">
                            <a role="menuitem" href=browser::app_href("/people") data-testid="menu-people" on:click=move |_| close(false)><Icon kind=IconKind::People/>{t(k::common::people)}</a>
                        </li>
                    </Show>
                    <li role="none">
                        <button type="button" role="menuitem" data-testid="sign-out" on:click=move |_| { close(false); state.sign_out(); }>
                            <Icon kind=IconKind::SignOut/>{t(k::common::sign_out)}
                        </button>
                    </li>
                </ul>
            </Show>
        </div>
    }
}
