//! Every page and the states the tests reach (dialogs open, errors shown,
//! bulk view, filters open), visited in order with a check at each: the
//! accessibility test runs axe-core there, the language test reads the text.

use crate::annotation::open_dataset;
use crate::browser::*;
use crate::find::open_filter;
use crate::Ctx;
use fantoccini::Client;
use harness::server::OWNER;
use std::future::Future;

/// `prepare` runs (as JavaScript) on each new origin and after storage is
/// cleared, before the page is loaded again: e.g. choosing a language.
pub async fn tour<'a, F, Fut>(ctx: &'a Ctx, c: &'a Client, prepare: &str, mut check: F)
where
    F: FnMut(&'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    let again = |c: &'a Client| {
        let script = format!("{prepare}; return null");
        async move {
            js(c, &script).await;
            c.refresh().await.expect("reload");
        }
    };
    c.goto(&format!("{}/sign-in", ctx.main.url())).await.unwrap();
    again(c).await;
    find(c, "#username").await;
    check("sign-in").await;
    submit_sign_in(c, "nobody", "wrong-password").await;
    find(c, "[data-testid=sign-in-error]").await;
    check("sign-in error").await;

    sign_in(c, &ctx.main.url(), OWNER.0, OWNER.1).await;
    find(c, "[data-testid=dataset-card]").await;
    check("home").await;
    find(c, "[data-action=import-python]").await.click().await.unwrap();
    find(c, "[data-testid=import-code]").await;
    check("import from Python dialog").await;
    find(c, "[data-testid=import-python] .button.primary").await.click().await.unwrap();
    find(c, "[data-layout=table]").await.click().await.unwrap();
    find(c, ".dataset-list.table [data-testid=question-types]").await;
    check("home as a table").await;
    c.goto(&format!("{}/dataset/{}/settings", ctx.main.url(), ctx.demo.dataset_id)).await.unwrap();
    find(c, "[data-section=general]").await;
    find(c, "[data-testid=annotator-chart]").await;
    check("dataset settings").await;
    c.goto(&format!("{}/user-settings", ctx.main.url())).await.unwrap();
    find(c, "[data-testid=my-username]").await;
    check("my settings").await;
    c.goto(&format!("{}/backup", ctx.main.url())).await.unwrap();
    find(c, "main h1").await;
    check("backup").await;
    c.goto(&format!("{}/people", ctx.main.url())).await.unwrap();
    find(c, "tr[data-user=owner] [data-action=manage]").await.click().await.unwrap();
    find(c, "[data-testid=user-editor] [data-action=delete-user]").await.click().await.unwrap();
    find(c, "[data-testid=user-editor] [data-error-for=delete]").await;
    check("people with a user's editor and a refusal shown").await;
    find(c, "[data-testid=current-user]").await.click().await.unwrap();
    find(c, "#user-menu").await;
    check("user menu open").await;
    c.goto(&format!("{}/no/such/page", ctx.main.url())).await.unwrap();
    find(c, ".not-found").await;
    check("not found").await;

    js(c, "localStorage.clear(); sessionStorage.clear(); return null").await;
    again(c).await;
    open_dataset(c, ctx, &ctx.demo.dataset_id).await;
    find(c, "[data-question=sentiment] .option").await;
    check("annotation").await;
    find(c, "[data-action=record-menu]").await.click().await.unwrap();
    find(c, ".head-actions button[aria-expanded]").await.click().await.unwrap(); // Guidelines
    find(c, ".guidelines .panel-head").await;
    check("annotation with the record menu and guidelines open").await;
    find(c, "[data-action=record-menu]").await.click().await.unwrap();
    find(c, "form.questions button[type=submit]").await.click().await.unwrap();
    check("annotation after submit").await;
    open_filter(c, "metadata.length").await;
    check("annotation with a filter open").await;
    type_into(c, ".range-min", "1").await;
    find(c, "[data-action=apply-range]").await.click().await.unwrap();
    find(c, ".chips [data-chip]").await;
    wait_text(c, "[data-testid=match-count]", "the count of the filtered records", |t| !t.is_empty()).await;
    check("annotation with a filter applied").await;
    find(c, "[data-action=find-similar]").await.click().await.unwrap();
    find(c, "[data-action=run-similar]").await;
    check("find similar").await;
    find(c, "[data-action=run-similar]").await.click().await.unwrap();
    find(c, "[data-testid=similar-reference]").await;
    check("similar records").await;
    find(c, "body").await.send_keys("?").await.unwrap();
    find(c, "[role=dialog]").await;
    check("shortcuts dialog").await;
    js(c, "document.querySelector('[role=dialog] button').click(); return null").await;
    find(c, "[data-view=bulk]").await.click().await.unwrap();
    find(c, ".bulk-row").await;
    check("bulk view").await;

    c.goto(&format!("{}/sign-in", ctx.hub.url())).await.unwrap();
    again(c).await;
    sign_in(c, &ctx.hub.url(), OWNER.0, OWNER.1).await;
    c.goto(&format!("{}/new/{}", ctx.hub.url(), harness::hub::SAMPLE)).await.unwrap();
    find(c, "tr[data-column=review]").await;
    check("Hub import").await;
    find(c, "select[name=workspace]").await.select_by_value(&ctx.hub_demo.main_workspace_id).await.unwrap();
    type_into(c, "input[name=dataset-name]", harness::seed::DEMO_DATASET).await;
    find(c, "[data-testid=hub-create]").await.click().await.unwrap();
    find(c, "[data-testid=hub-create-problems]").await;
    check("Hub import refusing a taken name").await;
    type_into(c, "input[name=hub-dataset]", harness::hub::GATED).await;
    find(c, "[data-testid=hub-look]").await.click().await.unwrap();
    find(c, "[data-testid=hub-problem]").await;
    check("Hub import of a gated dataset").await;
    c.goto(&format!("{}/dataset/{}/export", ctx.hub.url(), ctx.hub_demo.dataset_id)).await.unwrap();
    find(c, "input[name=hf-token]").await;
    check("export to the Hub").await;

    // Sign-in with Hugging Face, declined on the provider's page (the stand-in's, not checked).
    c.goto(&format!("{}/sign-in", ctx.oauth.url())).await.unwrap();
    again(c).await;
    find(c, "[data-testid=hf-sign-in]").await;
    check("sign-in with Hugging Face").await;
    find(c, "[data-testid=hf-sign-in]").await.click().await.unwrap();
    find(c, "#deny").await.click().await.unwrap();
    find(c, "[data-testid=oauth-error]").await;
    check("Hugging Face sign-in declined").await;

    c.goto(&format!("{}/welcome-hf-sign-in", ctx.space.url())).await.unwrap();
    again(c).await;
    find(c, "main h1").await;
    check("welcome on a Space").await;
    // Signed in on the Space: the storage banner.
    sign_in(c, &ctx.space.url(), OWNER.0, OWNER.1).await;
    find(c, "[data-testid=storage-banner]").await;
    check("home on a Space, with the storage banner").await;
}
