//! Look and feel (#19, #20), measured in the browser: the colours that carry
//! meaning keep WCAG AA contrast as rendered (getComputedStyle, composited over
//! the backgrounds behind them) in every theme, what they mean is also said in
//! text or state, the header shows where you are, and no form control is left
//! with the browser's default look, and nothing moves once painted.

use crate::annotation::open_dataset;
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::seed::ANNOTATOR;
use harness::server::OWNER;
use serde_json::json;

pub fn tests() -> Vec<Test> {
    vec![
        test!(semantic_colours_keep_contrast_in_every_theme),
        test!(header_shows_where_you_are_and_the_owner_menu),
        test!(no_form_control_has_the_browser_default_look),
        test!(pages_do_not_shift_once_painted),
        test!(record_buttons_stay_put_while_the_position_status_and_saving_change),
    ]
}

const THEMES: [&str; 3] = ["light", "dark", "contrast"];

/// For every visible element matching `arguments[0]`: its colour `arguments[2]`
/// (of the pseudo-element `arguments[1]`, if any) against what is painted
/// behind it, both composited with canvas (so color-mix and alpha count),
/// the ratio and the minimum it needs (3 for large text and UI parts, else 4.5).
const MEASURE: &str = r#"
const [selector, pseudo, property] = arguments;
const g = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
const rgba = (css) => { g.clearRect(0, 0, 1, 1); g.fillStyle = 'rgba(0,0,0,0)'; g.fillStyle = css; g.fillRect(0, 0, 1, 1);
  const d = g.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255]; };
const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
const behind = (el) => { const chain = []; for (let n = el; n; n = n.parentElement) chain.unshift(n);
  return chain.reduce((under, n) => over(rgba(getComputedStyle(n).backgroundColor), under), [255, 255, 255]); };
const lum = (c) => { const [r, gg, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * gg + 0.0722 * b; };
return [...document.querySelectorAll(selector)].filter(el => el.getClientRects().length > 0).map(el => {
  const style = getComputedStyle(el, pseudo || null);
  // Text sits on the element's own background; an edge is seen against what is behind the element.
  const bg = property === 'color' ? behind(el) : behind(el.parentElement);
  const fg = over(rgba(style[property]), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
  const large = size >= 24 || (size >= 18.66 && bold);
  return {text: (pseudo ? style.content : el.textContent).trim().slice(0, 40), ratio: (a + 0.05) / (b + 0.05),
          need: property === 'color' && !large ? 4.5 : 3, fg: fg.map(Math.round), bg: bg.map(Math.round)};
});
"#;

/// Measures `(label, selector, pseudo, property)` in each theme; each must match something.
async fn measure(c: &Client, page: &str, checks: &[(&str, &str, &str, &str)], failures: &mut Vec<String>) {
    for theme in THEMES {
        js(c, &format!("document.documentElement.setAttribute('data-theme', '{theme}'); return null")).await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        for (label, selector, pseudo, property) in checks {
            let found = c.execute(MEASURE, vec![json!(selector), json!(pseudo), json!(property)]).await.expect("measure");
            let found = found.as_array().cloned().unwrap_or_default();
            if found.is_empty() {
                failures.push(format!("{page} [{theme}]: no {label} ({selector}) on the page"));
            }
            for m in found {
                if m["ratio"].as_f64().unwrap_or(0.0) < m["need"].as_f64().unwrap_or(4.5) {
                    failures.push(format!("{page} [{theme}]: {label} {:?} {:.2}:1 < {}:1 ({} on {})", m["text"], m["ratio"].as_f64().unwrap_or(0.0), m["need"], m["fg"], m["bg"]));
                }
            }
        }
    }
    js(c, "document.documentElement.removeAttribute('data-theme'); return null").await;
}

/// Elements whose meaning must not ride on colour alone: each has text, or its state is in an attribute.
async fn meaning_not_by_colour_alone(c: &Client, page: &str, failures: &mut Vec<String>) {
    let found = js(
        c,
        "const out = [];
         let seen = 0;
         const say = (sel, ok, why) => document.querySelectorAll(sel).forEach(el => { seen++; if (!ok(el)) out.push(sel + ': ' + why + ' (' + el.outerHTML.slice(0, 80) + ')'); });
         const text = (el) => (el.textContent + (el.getAttribute('aria-label') || '') + (el.getAttribute('title') || '')).trim().length > 0;
         say('.record-status, .status-chip, .badge, .form-error, .field-error, .question-error, .suggestion-mark, .suggested-badge, .required', text, 'says nothing in text');
         say('.span-mark.span-end', el => (el.dataset.text || '').trim().length > 0 && getComputedStyle(el, '::after').content !== 'none', 'a span without its label shown');
         say('.span-mark:not(.span-end)', el => [...el.closest('[data-field]').querySelectorAll('.span-end')].some(e => el.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING), 'a span whose label is never shown');
         say('.option.selected', el => ['aria-pressed', 'aria-checked', 'aria-selected'].some(a => el.getAttribute(a) === 'true') || !!el.querySelector('input:checked'), 'selected only by colour');
         say('.queue-tab.selected', el => el.getAttribute('aria-selected') === 'true' || el.getAttribute('aria-current'), 'the current queue only by colour');
         return {seen, out};",
    )
    .await;
    assert!(found["seen"].as_u64().unwrap_or(0) > 0, "{page}: none of the elements whose meaning is checked was on the page: {found}");
    for problem in found["out"].as_array().cloned().unwrap_or_default() {
        failures.push(format!("{page}: {}", problem.as_str().unwrap_or_default()));
    }
}

async fn semantic_colours_keep_contrast_in_every_theme(ctx: &Ctx, c: &Client) {
    let mut failures = vec![];
    let header = [
        ("the brand", ".app-header .brand", "", "color"),
        ("the user's name", ".user-menu-button .user", "", "color"),
        ("the user's role", ".user-menu-button .role", "", "color"),
    ];
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    submit_sign_in(c, "nobody", "wrong-password").await;
    find(c, "[data-testid=sign-in-error]").await;
    measure(c, "sign-in error", &[("the error", "[data-testid=sign-in-error]", "", "color"), ("the primary button", ".button.primary", "", "color")], &mut failures).await;
    meaning_not_by_colour_alone(c, "sign-in error", &mut failures).await;

    open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    // A record with suggestions (every third record has none; earlier tests may have answered some).
    for _ in 0..6 {
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        if exists_now(c, ".span-mark").await {
            break;
        }
        find(c, "button[aria-label^='Next record']").await.click().await.unwrap();
    }
    find(c, ".span-mark").await;
    find(c, "[data-question=sentiment] .option.selected").await;
    let annotation = [
        ("the record's status", "[data-testid=record-status]", "", "color"),
        ("a span's label", ".span-mark", "::after", "color"),
        ("a suggestion mark", ".suggestion-mark, .suggested-badge", "", "color"),
        ("a selected option", ".option.selected", "", "color"),
        ("the current queue", ".queue-tab.selected", "", "color"),
        ("the submit button", "form.questions button[type=submit]", "", "color"),
        ("a required mark", ".required", "", "color"),
        ("the breadcrumbs", ".app-header .breadcrumbs li", "", "color"),
        ("a question's title", ".question-title", "", "color"),
    ];
    measure(c, "annotation", &[&header[..], &annotation[..]].concat(), &mut failures).await;
    meaning_not_by_colour_alone(c, "annotation", &mut failures).await;

    sign_in(c, &ctx.space.url(), OWNER.0, OWNER.1).await;
    find(c, "[data-testid=storage-banner] strong").await;
    let banner = [
        ("the storage banner", ".storage-banner-text > span", "", "color"),
        ("the banner's warning", "[data-testid=storage-banner] strong", "", "color"),
        ("the banner's link", "[data-testid=storage-banner] a", "", "color"),
    ];
    measure(c, "storage banner", &banner, &mut failures).await;

    // Signed in on the main server as the annotator: start that origin afresh as the owner.
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    js(c, "localStorage.clear(); sessionStorage.clear(); return null").await;
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/dataset/{}/settings", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
    find(c, "[data-section=general]").await;
    let settings = [
        ("the delete button", ".danger-zone .button.danger", "", "color"),
        ("a checkbox's edge", "input[type=checkbox]", "", "border-top-color"),
        ("a text input's edge", "[data-section=general] input[type=text]", "", "border-top-color"),
    ];
    measure(c, "dataset settings", &settings, &mut failures).await;
    assert!(failures.is_empty(), "{} contrast or colour-only problems:\n{}", failures.len(), failures.join("\n"));
}

async fn header_shows_where_you_are_and_the_owner_menu(ctx: &Ctx, c: &Client) {
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
    let dataset = find(c, "[data-testid=dataset-title]").await.text().await.unwrap();
    let workspace = ctx.main.owner_api().get(&format!("/workspaces/{}", dataset_workspace(ctx))).unwrap()["name"].as_str().unwrap().to_owned();
    let crumbs = wait_texts(c, ".app-header .breadcrumbs li", "Home / workspace / dataset", |t| t.len() == 3).await;
    assert_eq!(crumbs, vec!["Home".to_owned(), workspace.clone(), dataset.clone()]);
    let current = find(c, ".app-header .breadcrumbs [aria-current=page]").await.text().await.unwrap();
    assert_eq!(current, dataset, "the dataset is the current page");

    // The gear goes to the dataset's settings; there the crumbs end with "Settings" and the gear is gone.
    find(c, "[data-testid=header-settings]").await.click().await.unwrap();
    wait_url(c, "the dataset's settings", |u| u.ends_with(&format!("/dataset/{}/settings", ctx.demo.dataset_id))).await;
    wait_texts(c, ".app-header .breadcrumbs li", "Home / workspace / dataset / Settings", |t| t == [
        "Home".to_owned(), workspace.clone(), dataset.clone(), "Settings".to_owned()]).await;
    assert!(!exists_now(c, "[data-testid=header-settings]").await, "no gear on the settings page itself");
    find(c, ".app-header .breadcrumbs li:nth-child(2) a").await.click().await.unwrap();
    wait_url(c, "home filtered by the workspace", |u| u.contains(&format!("workspaces={}", workspace.replace(' ', "%20")))).await;
    find(c, "[data-testid=dataset-card]").await;
    wait_gone(c, ".app-header .breadcrumbs", "no breadcrumbs once the dataset is left").await;

    // The avatar menu: initials, then the owner's pages and sign out, each with an icon.
    let avatar = find(c, "[data-testid=current-user] .avatar").await.text().await.unwrap();
    assert_eq!(avatar, "OW");
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    let items = texts(c, "#user-menu [role=menuitem]").await;
    assert_eq!(items, ["My settings", "Backup and restore", "People", "Sign out"]);
    let icons = js(c, "return [...document.querySelectorAll('#user-menu [role=menuitem]')].every(i => i.querySelector('svg.icon[aria-hidden=true]'))").await;
    assert_eq!(icons, json!(true), "every item has its icon, hidden from screen readers");
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    wait_gone(c, "#user-menu", "the button closes the menu again").await;

    // An annotator gets neither the gear nor the owner's items.
    sign_out(c).await;
    sign_in(c, &ctx.main.url(), ANNOTATOR.0, ANNOTATOR.1).await;
    c.goto(&format!("{}/dataset/{}/annotation-mode", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
    wait_texts(c, ".app-header .breadcrumbs li", "the annotator's breadcrumbs", |t| t.len() == 3).await;
    assert!(!exists_now(c, "[data-testid=header-settings]").await, "annotators have no settings gear");
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    assert_eq!(texts(c, "#user-menu [role=menuitem]").await, ["My settings", "Sign out"]);
}

async fn wait_gone(c: &Client, css: &str, what: &str) {
    for _ in 0..50 {
        if !exists_now(c, css).await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what}: {css} is still there");
}

fn dataset_workspace(ctx: &Ctx) -> String {
    let dataset = ctx.main.owner_api().get(&format!("/datasets/{}", ctx.demo.dataset_id)).unwrap();
    dataset["workspace_id"].as_str().unwrap().to_owned()
}

/// Checkboxes, radios, selects and file inputs carry the app's look
/// (`appearance: none` with its own drawing, or a styled file button) on
/// every page that has them.
async fn no_form_control_has_the_browser_default_look(ctx: &Ctx, c: &Client) {
    const DEFAULTS: &str = "return [...document.querySelectorAll('input[type=checkbox], input[type=radio], select, input[type=file]')]
        .filter(el => el.getClientRects().length > 0)
        .map(el => { const s = getComputedStyle(el);
          // The file input's button: drawn by the app (its radius) rather than by the browser.
          const own = el.type === 'file' ? getComputedStyle(el, '::file-selector-button').appearance === 'none'
            && getComputedStyle(el, '::file-selector-button').borderTopLeftRadius === s.getPropertyValue('--radius-m').trim()
            : s.appearance === 'none';
          return own ? null : el.outerHTML.slice(0, 100); }).filter(Boolean);";
    let mut seen = 0;
    let mut failures: Vec<String> = vec![];
    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    for (page, path, ready) in [
        ("home", "/".to_owned(), "[data-testid=dataset-card]"),
        ("dataset settings", format!("/dataset/{}/settings", ctx.demo.dataset_id), "[data-section=general]"),
        ("my settings", "/user-settings".to_owned(), "[data-testid=my-username]"),
        ("backup", "/backup".to_owned(), "input[type=file]"),
        ("people", "/people".to_owned(), "main select"),
        ("bulk view", format!("/dataset/{}/annotation-mode?status=pending&view=bulk&per_page=10", ctx.demo.dataset_id), ".bulk-row"),
    ] {
        c.goto(&format!("{}{path}", ctx.main.url())).await.unwrap();
        find(c, ready).await;
        seen += js(c, "return document.querySelectorAll('input[type=checkbox], input[type=radio], select, input[type=file]').length").await.as_u64().unwrap_or(0);
        let found = js(c, DEFAULTS).await;
        failures.extend(found.as_array().into_iter().flatten().map(|f| format!("{page}: {}", f.as_str().unwrap_or_default())));
    }
    assert!(seen > 10, "the pages have form controls to check ({seen})");
    assert!(failures.is_empty(), "controls with the browser's default look:\n{}", failures.join("\n"));
}

/// The layout shifts the page has had since it started loading (none caused
/// by input), as the browser reports them, with the elements that moved.
const SHIFTS: &str = r#"
return await new Promise(done => {
  const seen = [];
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) seen.push(
    e.value.toFixed(4) + ' at ' + Math.round(e.startTime) + ' ms moving ' + (e.sources || []).map(s => {
      const r = b => `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}`;
      const name = s.node ? s.node.nodeName + (s.node.className ? '.' + String(s.node.className).split(' ')[0] : '') : '?';
      return `${name} (${r(s.previousRect)} → ${r(s.currentRect)})`;
    }).join(', ')); })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(seen), 200);
});
"#;

/// Each page, loaded afresh, paints once and then only fills in: from the
/// loading screen to a second after its content is there, nothing on it
/// moves (the Cumulative Layout Shift the browser measures is 0), on a
/// desktop window and on a 380 px phone.
async fn pages_do_not_shift_once_painted(ctx: &Ctx, c: &Client) {
    let app = ctx.main.url();
    let ds = &ctx.demo.dataset_id;
    let mut failures = vec![];
    shifts_on(c, format!("{app}/sign-in"), "#username", "sign-in", &mut failures).await;
    sign_in(c, &app, OWNER.0, OWNER.1).await;
    let pages = [
        (String::new(), "[data-testid=dataset-card] [data-testid=question-types]", "home"),
        (format!("dataset/{ds}/annotation-mode"), "[data-question=sentiment] .option", "annotation"),
        (format!("dataset/{ds}/annotation-mode?view=bulk"), ".bulk-row", "bulk view"),
        (format!("dataset/{ds}/settings"), "[data-testid=annotator-chart]", "dataset settings"),
        ("user-settings".into(), "[data-testid=my-username]", "my settings"),
        ("people".into(), "tr[data-user=owner]", "people"),
        ("backup".into(), ".backup-datasets input[type=checkbox]", "backup"),
        ("new".into(), "[data-testid=hub-look]", "Hub import"),
        (format!("dataset/{ds}/export"), "[data-testid=export-start]", "Hub export"),
    ];
    for phone in [false, true] {
        if phone {
            cdp(ctx.driver.port, c, "Emulation.setDeviceMetricsOverride", json!({"width": 380, "height": 800, "deviceScaleFactor": 1, "mobile": false})).await;
            cdp(ctx.driver.port, c, "Emulation.setScrollbarsHidden", json!({"hidden": true})).await;
        }
        for (path, ready, page) in &pages {
            let page = if phone { format!("{page} at 380 px") } else { page.to_string() };
            shifts_on(c, format!("{app}/{path}"), ready, &page, &mut failures).await;
        }
    }
    assert!(failures.is_empty(), "layout shifts after the first paint:\n{}", failures.join("\n"));
}

/// Where each of the record's buttons is: Previous, Next, Find similar, the menu.
const RECORD_BUTTONS: &str = "return [...document.querySelectorAll('.record-nav > button, [data-action=find-similar], [data-action=record-menu]')]
  .map(b => { const r = b.getBoundingClientRect(); return [b.getAttribute('aria-label') || b.dataset.action, Math.round(r.left), Math.round(r.top)]; })";

/// A person clicking Next again and again, or reaching for the menu, finds the
/// button where it was while the position, the record's status and the count
/// of answers still saving change beside it.
async fn record_buttons_stay_put_while_the_position_status_and_saving_change(ctx: &Ctx, c: &Client) {
    let record_id = open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    find(c, "[data-question=sentiment] .option").await;
    let before = js(c, RECORD_BUTTONS).await;
    assert_eq!(before.as_array().unwrap().len(), 4, "Previous, Next, Find similar and the menu: {before}");
    cdp(ctx.driver.port, c, "Network.enable", json!({})).await;
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": ["*/records/*/responses*", "*/api/v1/responses/*"]})).await;
    find(c, "[data-action=discard]").await.click().await.unwrap();
    crate::annotation::wait_other_record(c, &record_id).await;
    wait_text(c, "[data-testid=saving-count]", "the answer still on its way", |t| !t.is_empty()).await;
    assert_eq!(js(c, RECORD_BUTTONS).await, before, "while an answer is still saving, on the next record");
    cdp(ctx.driver.port, c, "Network.setBlockedURLs", json!({"urls": []})).await;
    c.execute("window.dispatchEvent(new Event('online'))", vec![]).await.unwrap();
    wait_text(c, "[data-testid=saving-count]", "every answer saved", str::is_empty).await;
    assert_eq!(js(c, RECORD_BUTTONS).await, before, "once the answer is saved");
    let shown = current_record(c).await;
    find(c, ".record-nav > button:nth-child(2)").await.click().await.unwrap();
    crate::annotation::wait_other_record(c, &shown).await;
    assert_eq!(js(c, RECORD_BUTTONS).await, before, "on the record after");
}

async fn shifts_on(c: &Client, url: String, ready: &str, page: &str, failures: &mut Vec<String>) {
    c.goto(&url).await.unwrap();
    find(c, ready).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    for shift in js(c, SHIFTS).await.as_array().unwrap() {
        failures.push(format!("{page}: {}", shift.as_str().unwrap()));
    }
}
