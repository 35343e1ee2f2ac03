//! axe-core (npm, installed by scripts/setup.sh) inside the e2e browser: no
//! serious or critical WCAG 2.1 A/AA violation on the pages and states the
//! tests reach, in every theme.

use crate::browser::*;
use crate::tour::tour;
use crate::{Ctx, Test};
use fantoccini::Client;
use serde_json::Value;
use std::sync::Mutex;

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

/// Checks the page in each theme; adds what failed, labelled.
async fn check(c: &Client, page: &str, failures: &Mutex<Vec<String>>) {
    for theme in THEMES {
        js(c, &format!("document.documentElement.setAttribute('data-theme', '{theme}'); return null")).await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        for v in violations(c).await {
            failures.lock().unwrap().push(format!("{page} [{theme}]: {} — {} {}", v["id"], v["help"], v["nodes"]));
        }
    }
}

async fn every_page_passes_axe_in_every_theme(ctx: &Ctx, c: &Client) {
    let failures = Mutex::new(vec![]);
    tour(ctx, c, "", |page| check(c, page, &failures)).await;
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} serious or critical violations:\n{}", failures.len(), failures.join("\n"));
}
