//! axe-core (npm, installed by scripts/setup.sh) inside the e2e browser: no
//! serious or critical WCAG 2.1 A/AA violation on the pages and states the
//! tests reach, in every theme.

use crate::annotation::open_dataset;
use crate::browser::*;
use crate::{Ctx, Test};
use fantoccini::Client;
use harness::server::OWNER;
use serde_json::Value;

pub fn tests() -> Vec<Test> {
    vec![test!(every_page_passes_axe_in_every_theme)]
}

const THEMES: [&str; 3] = ["light", "dark", "contrast"];

/// Serious and critical violations on the page as it is now.
async fn violations(c: &Client) -> Vec<Value> {
    let source = std::fs::read_to_string(harness::paths::project_root().join("node_modules/axe-core/axe.min.js"))
        .expect("node_modules/axe-core (run scripts/setup.sh)");
    c.execute(&source, vec![]).await.expect("load axe-core");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
               .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))}))))
               .catch(e => done([{id: 'axe-error', help: String(e)}]));",
            vec![],
        )
        .await
        .expect("axe.run");
    found.as_array().cloned().unwrap_or_default()
}

/// Checks the page in each theme; returns what failed, labelled.
async fn check(c: &Client, page: &str, failures: &mut Vec<String>) {
    for theme in THEMES {
        js(c, &format!("document.documentElement.setAttribute('data-theme', '{theme}'); return null")).await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        for v in violations(c).await {
            failures.push(format!("{page} [{theme}]: {} — {} {}", v["id"], v["help"], v["nodes"]));
        }
    }
}

async fn every_page_passes_axe_in_every_theme(ctx: &Ctx, c: &Client) {
    let mut failures = vec![];
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    find(c, "#username").await;
    check(c, "sign-in", &mut failures).await;
    submit_sign_in(c, "nobody", "wrong-password").await;
    find(c, "[data-testid=sign-in-error]").await;
    check(c, "sign-in error", &mut failures).await;

    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    find(c, "[data-testid=dataset-card]").await;
    check(c, "home", &mut failures).await;
    find(c, "[data-action=import-python]").await.click().await.unwrap();
    find(c, "[data-testid=import-code]").await;
    check(c, "import from Python dialog", &mut failures).await;
    find(c, "[data-testid=import-python] .button.primary").await.click().await.unwrap();
    find(c, "[data-layout=table]").await.click().await.unwrap();
    find(c, ".dataset-list.table [data-testid=question-types]").await;
    check(c, "home as a table", &mut failures).await;
    c.goto(&format!("{}/dataset/{}/settings", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
    find(c, "[data-section=general]").await;
    find(c, "[data-testid=annotator-chart]").await;
    check(c, "dataset settings", &mut failures).await;
    c.goto(&format!("{}/user-settings", ctx.main.url())).await.unwrap();
    find(c, "[data-testid=my-username]").await;
    check(c, "my settings", &mut failures).await;
    c.goto(&format!("{}/backup", ctx.main.url())).await.unwrap();
    find(c, "main h1").await;
    check(c, "backup", &mut failures).await;
    c.goto(&format!("{}/people", ctx.main.url())).await.unwrap();
    find(c, "tr[data-user=owner] [data-action=manage]").await.click().await.unwrap();
    find(c, "[data-testid=user-editor] [data-action=delete-user]").await.click().await.unwrap();
    find(c, "[data-testid=user-editor] [data-error-for=delete]").await;
    check(c, "people with a user's editor and a refusal shown", &mut failures).await;
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    find(c, "#user-menu").await;
    check(c, "user menu open", &mut failures).await;
    c.goto(&format!("{}/no/such/page", ctx.main.url())).await.unwrap();
    find(c, ".not-found").await;
    check(c, "not found", &mut failures).await;

    js(c, "localStorage.clear(); sessionStorage.clear(); return null").await;
    open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    find(c, "[data-question=sentiment] .option").await;
    check(c, "annotation", &mut failures).await;
    find(c, "[data-action=record-menu]").await.click().await.unwrap();
    find(c, ".head-actions button[aria-expanded]").await.click().await.unwrap(); // Guidelines
    find(c, ".guidelines .panel-head").await;
    check(c, "annotation with the record menu and guidelines open", &mut failures).await;
    find(c, "[data-action=record-menu]").await.click().await.unwrap();
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    check(c, "annotation after submit", &mut failures).await;
    find(c, "body").await.send_keys("?").await.unwrap();
    find(c, "[role=dialog]").await;
    check(c, "shortcuts dialog", &mut failures).await;
    js(c, "document.querySelector('[role=dialog] button').click(); return null").await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    find(c, ".bulk-row").await;
    check(c, "bulk view", &mut failures).await;

    sign_in(c, &ctx.hub.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/new/{}", ctx.hub.url(), harness::hub::SAMPLE)).await.unwrap();
    find(c, "tr[data-column=review]").await;
    check(c, "Hub import", &mut failures).await;
    c.goto(&format!("{}/dataset/{}/export", ctx.hub.url(), ctx.hub_demo.dataset_id)).await.unwrap();
    find(c, "input[name=hf-token]").await;
    check(c, "export to the Hub", &mut failures).await;

    c.goto(&format!("{}/welcome-hf-sign-in", ctx.space.url())).await.unwrap();
    find(c, "main h1").await;
    check(c, "welcome on a Space", &mut failures).await;
    assert!(failures.is_empty(), "{} serious or critical violations:\n{}", failures.len(), failures.join("\n"));
}
