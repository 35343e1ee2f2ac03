use crate::ui::components::error_panel::ErrorPanel;
use crate::ui::state::use_app;
use leptos::prelude::*;
use crate::browser::app_href;
use leptos_router::hooks::use_params_map;

/// `/dataset/:id/annotation-mode`
#[component]
pub fn Annotation() -> impl IntoView {
    let state = use_app();
    let params = use_params_map();
    let dataset_id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = LocalResource::new(move || {
        let id = dataset_id();
        async move {
            let client = state.client();
            let (dataset, metrics) = futures::join!(client.dataset(&id), client.my_metrics(&id));
            let result = dataset.and_then(|d| metrics.map(|m| (d, m)));
            if let Err(e) = &result {
                state.check(e);
            }
            result
        }
    });
    view! {
        <section class="annotation">
            <Transition fallback=|| view! { <p class="loading">"Loading the dataset…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorPanel error=error on_retry=move |_| data.refetch()/> }.into_any(),
                        Ok((dataset, metrics)) => view! {
                            <nav class="breadcrumbs"><a href=app_href("/")>"Datasets"</a>" / "<span>{dataset.name.clone()}</span></nav>
                            <h1 data-testid="dataset-title">{dataset.name.clone()}</h1>
                            <p class="my-progress">{format!(
                                "You: {} submitted · {} draft · {} discarded · {} pending",
                                metrics.responses.submitted, metrics.responses.draft,
                                metrics.responses.discarded, metrics.responses.pending
                            )}</p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
