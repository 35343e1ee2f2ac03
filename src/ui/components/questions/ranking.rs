use crate::api::types::{OptionItem, Question, QuestionSettings};
use crate::domain::form::{Answer, Ranking};
use crate::ui::annotator::Annotator;
use crate::i18n::{k, t, tf};
use leptos::prelude::*;

fn options_of(question: &Question) -> Vec<OptionItem> {
    match &question.settings {
        QuestionSettings::Ranking { options } => options.clone(),
        _ => vec![],
    }
}

/// The ranking shown: the answer, or the options' own order while unranked.
fn current_ranking(annotator: Annotator, question: &Question) -> Ranking {
    match annotator.form.with_untracked(|f| f.answer(&question.name).cloned()) {
        Some(Answer::Ranking(ranking)) if !ranking.is_empty() => ranking,
        _ => Ranking::in_order(options_of(question).into_iter().map(|o| o.value)),
    }
}

fn label_in(question: &Question, value: &str) -> String {
    options_of(question).into_iter().find(|o| o.value == value).map(|o| o.label().to_owned()).unwrap_or_else(|| value.to_owned())
}

/// Number keys rank options in the order pressed: the first pressed goes first.
pub fn place_by_number(annotator: Annotator, question: &Question, n: usize) {
    let options = options_of(question);
    let Some(option) = options.get(n - 1) else { return };
    let ranking = current_ranking(annotator, question);
    let Some(from) = ranking.order().iter().position(|v| *v == option.value) else { return };
    let slot = annotator.rank_prefix.get_untracked().min(ranking.len() - 1);
    if from < slot {
        return; // already placed
    }
    let next = ranking.placed(from, slot);
    annotator.rank_prefix.set((slot + 1) % ranking.len().max(1));
    say_rank(annotator, option.label(), next.rank_at(slot), next.rank_count());
    annotator.edit(&question.name, Answer::Ranking(next));
}

fn say_rank(annotator: Annotator, label: &str, rank: usize, ranks: usize) {
    let (rank, count) = (crate::i18n::number(rank as f64), crate::i18n::number(ranks as f64));
    annotator.spoken.set(tf(k::questions::spoken_rank, &[("label", &label), ("rank", &rank), ("count", &count)]));
}

/// ↑ ↓ move the cursor over the ranked options, Shift+↑ ↓ move the option under it (every
/// option, past the tenth too); the option and its place are said. True when the key was used.
pub fn cursor_key(annotator: Annotator, question: &Question, key: &str, shift: bool) -> bool {
    let ranking = current_ranking(annotator, question);
    let len = ranking.len();
    if len == 0 {
        return false;
    }
    let step: isize = match key {
        "ArrowUp" => -1,
        "ArrowDown" => 1,
        _ => return false,
    };
    let here = annotator.rank_cursor.get_untracked().filter(|&p| p < len);
    let to = match here {
        None => 0,
        Some(p) => (p as isize + step).clamp(0, len as isize - 1) as usize,
    };
    let (ranking, to) = match (shift, here) {
        (true, Some(from)) if from != to => {
            let next = ranking.moved(from, to as isize - from as isize);
            // Passing a tie lands past all of it.
            let value = ranking.order()[from].clone();
            let to = next.order().iter().position(|v| *v == value).unwrap_or(to);
            annotator.edit(&question.name, Answer::Ranking(next.clone()));
            (next, to)
        }
        _ => (ranking, to),
    };
    annotator.rank_cursor.set(Some(to));
    say_rank(annotator, &label_in(question, &ranking.order()[to]), ranking.rank_at(to), ranking.rank_count());
    true
}

/// = ties the option under the cursor with the one above it, or unties it. True when used.
pub fn tie_key(annotator: Annotator, question: &Question) -> bool {
    let ranking = current_ranking(annotator, question);
    let Some(at) = annotator.rank_cursor.get_untracked().filter(|&p| p > 0 && p < ranking.len()) else { return false };
    let next = ranking.tie_toggled(at);
    say_rank(annotator, &label_in(question, &next.order()[at]), next.rank_at(at), next.rank_count());
    annotator.edit(&question.name, Answer::Ranking(next));
    true
}

#[component]
pub fn RankingQuestion(annotator: Annotator, question: Question, labelled_by: String) -> impl IntoView {
    let options = StoredValue::new(options_of(&question));
    let question = StoredValue::new(question);
    let ranked = move || annotator.form.with(|f| matches!(f.answer(&question.with_value(|q| q.name.clone())), Some(Answer::Ranking(o)) if !o.is_empty()));
    let ranking = move || {
        annotator.form.track();
        question.with_value(|q| current_ranking(annotator, q))
    };
    // A saved ranking not edited since is shown with its own ranks: ties stay ties.
    let saved_ranks = move || {
        annotator.form.with(|f| {
            let kept = f.answers.get(&question.with_value(|q| q.name.clone()))?.kept.clone()?;
            kept.as_array()?.iter().map(|i| Some((i.get("value")?.as_str()?.to_owned(), i.get("rank")?.as_i64()?))).collect::<Option<std::collections::BTreeMap<_, _>>>()
        })
    };
    let dragged = RwSignal::new(None::<usize>);
    // The ↑ ↓ cursor is the focused question's.
    let focused = move || {
        let at = annotator.focused_question.get();
        annotator.questions.with_value(|qs| qs.get(at).map(|q| q.name.clone())) == Some(question.with_value(|q| q.name.clone()))
    };
    let apply = move |change: &dyn Fn(&Ranking) -> Ranking| {
        question.with_value(|q| annotator.edit(&q.name, Answer::Ranking(change(&current_ranking(annotator, q)))))
    };
    let label_of = move |value: &str| {
        options.with_value(|opts| {
            let i = opts.iter().position(|o| o.value == value).unwrap_or(0);
            (i, opts.get(i).map(|o| o.label().to_owned()).unwrap_or_else(|| value.to_owned()))
        })
    };
    view! {
        <ol class="ranking" aria-labelledby=labelled_by>
            {move || {
                let ranking = ranking();
                let order = ranking.order();
                let len = order.len();
                let ranks = saved_ranks();
                order.iter().enumerate().map(|(pos, value)| {
                    let (natural, label) = label_of(value);
                    let rank = ranks.as_ref().and_then(|r| r.get(value).copied()).unwrap_or(ranking.rank_at(pos) as i64);
                    let tied = ranking.tied_with_above(pos);
                    let tie_label = pos.checked_sub(1).map(|above| tf(k::questions::tie_with, &[("label", &label), ("above", &label_of(&order[above]).1)]));
                    view! {
                        <li class="rank-item" draggable="true"
                            class:cursor=move || annotator.rank_cursor.get() == Some(pos) && focused()
                            on:dragstart=move |_| dragged.set(Some(pos))
                            on:dragover=move |ev| ev.prevent_default()
                            on:drop=move |ev| {
                                ev.prevent_default();
                                if let Some(from) = dragged.get_untracked() {
                                    apply(&|r| r.moved(from, pos as isize - from as isize));
                                }
                                dragged.set(None);
                            }>
                            <span class="rank">{rank}</span>
                            <span class="rank-label">{super::option_key(natural).map(|key| view! { <kbd>{key}</kbd> })}<span translate="no">{label.clone()}</span></span>
                            <button type="button" tabindex="-1" class="icon-button tie" disabled=pos == 0 aria-pressed=tied.to_string()
                                title=tie_label.clone() aria-label=tie_label on:click=move |_| apply(&|r| r.tie_toggled(pos))>"="</button>
                            <button type="button" tabindex="-1" class="icon-button" disabled=pos == 0
                                aria-label=tf(k::questions::move_up, &[("label", &label)]) on:click=move |_| apply(&|r| r.moved(pos, -1))>"↑"</button>
                            <button type="button" tabindex="-1" class="icon-button" disabled=pos + 1 == len
                                aria-label=tf(k::questions::move_down, &[("label", &label)]) on:click=move |_| apply(&|r| r.moved(pos, 1))>"↓"</button>
                        </li>
                    }
                }).collect_view()
            }}
        </ol>
        <Show when=move || !ranked()>
            <button type="button" class="link-button" on:click=move |_| apply(&Ranking::clone)>{t(k::questions::keep_order)}</button>
        </Show>
    }
}
