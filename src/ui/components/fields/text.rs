use crate::api::types::{Question, QuestionSettings};
use crate::domain::find::match_ranges;
use crate::domain::form::{utf16_to_char_offset, Answer, Span};
use crate::browser::sanitize::safe_markdown;
use crate::domain::long_text::{block_ends, into_blocks, ONE_BLOCK_MAX};
use crate::domain::span::{segments, segments_within, snap_to_words, Segment};
use std::sync::Arc;
use crate::ui::annotator::Annotator;
use crate::ui::components::questions::span;
use crate::i18n::{k, t};
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

const CURSOR: &str = "\u{0}cursor";
const SEARCH: &str = "\u{0}search";

pub fn as_text(value: Option<Value>) -> String {
    match value {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A text field: plain text is always text (never HTML), with `search`
/// matches marked; markdown is rendered sanitised.
#[component]
pub fn TextField(value: impl Fn() -> Option<Value> + Send + Sync + 'static, markdown: bool, search: Signal<String>) -> impl IntoView {
    let text = Memo::new(move |_| as_text(value()));
    if markdown {
        // A long document's top-level blocks are laid out only near the screen, as plain text's are.
        let long = move || text.with(|t| t.chars().count() > ONE_BLOCK_MAX);
        view! { <div class="field-text markdown" class:long=long translate="no" dir="auto" inner_html=move || safe_markdown(&text.get())></div> }.into_any()
    } else {
        view! { <div class="field-text" translate="no" dir="auto">{move || highlighted(&text.get(), &search.get())}</div> }.into_any()
    }
}

/// Plain text with search matches in `<mark>` (built as DOM nodes, never as HTML).
fn highlighted(text: &str, query: &str) -> impl IntoView {
    let found = if query.trim().is_empty() { vec![] } else { match_ranges(text, query) };
    let marks: Vec<Span> = found.into_iter().map(|(start, end)| Span { start, end, label: SEARCH.into() }).collect();
    in_blocks(text, &marks, |_, piece, labels| {
        if labels.is_empty() { view! { {piece} }.into_any() } else { view! { <mark class="search-match">{piece}</mark> }.into_any() }
    })
}

/// `text` cut at the edges of `marks`, each piece drawn by `piece(start, text, labels)`;
/// a very long text in blocks laid out only near the screen (see `long_text`).
fn in_blocks(text: &str, marks: &[Span], piece: impl Fn(usize, String, Vec<String>) -> AnyView) -> AnyView {
    let chars: Vec<char> = text.chars().collect();
    let ends = block_ends(&chars);
    let draw = |segs: Vec<Segment>| {
        segs.into_iter().map(|seg| piece(seg.start, chars[seg.start..seg.end].iter().collect(), seg.labels)).collect_view()
    };
    let mut blocks = into_blocks(segments(chars.len(), marks), &ends);
    if blocks.len() == 1 {
        return draw(blocks.pop().unwrap_or_default()).into_any();
    }
    let mut start = 0;
    blocks
        .into_iter()
        .zip(ends)
        .map(|(segs, end)| {
            // Its height before it is first laid out: about 80 characters a line.
            let lines = (end - start) / 80 + chars[start..end].iter().filter(|&&c| c == '\n').count() + 1;
            start = end;
            view! { <div class="text-block" style=format!("contain-intrinsic-block-size: auto {}lh", lines)>{draw(segs)}</div> }
        })
        .collect_view()
        .into_any()
}

/// A span question's text in blocks (see `long_text`), each redrawn only when the marks
/// over it change: moving the cursor or adding a span in a text of megabytes redraws a
/// block or two, not the whole text.
fn marked_blocks(text: &str, marks: Memo<Vec<Span>>, question: StoredValue<Question>) -> AnyView {
    let chars: Arc<[char]> = text.chars().collect::<Vec<_>>().into();
    let ends = block_ends(&chars);
    let single = ends.len() == 1;
    let mut start = 0;
    ends.into_iter()
        .map(|end| {
            let block = (start, end);
            start = end;
            let over = Memo::new(move |_| marks.with(|m| m.iter().filter(|s| s.start < block.1 && s.end > block.0).cloned().collect::<Vec<_>>()));
            // Its height before it is first laid out: about 80 characters a line.
            let lines = (block.1 - block.0) / 80 + chars[block.0..block.1].iter().filter(|&&c| c == '\n').count() + 1;
            let chars = chars.clone();
            let draw = move || {
                over.with(|m| segments_within(block.0, block.1, m))
                    .into_iter()
                    .map(|seg| span_piece(question, seg.start, chars[seg.start..seg.end].iter().collect(), seg.labels, seg.ending))
                    .collect_view()
            };
            if single {
                return draw.into_any();
            }
            view! { <div class="text-block" style=format!("contain-intrinsic-block-size: auto {}lh", lines)>{draw}</div> }.into_any()
        })
        .collect_view()
        .into_any()
}

/// A piece of a span question's text, with the labels of the spans over it; those of the
/// spans `ending` with it are written after it.
fn span_piece(question: StoredValue<Question>, start: usize, piece: String, labels: Vec<String>, ending: Vec<String>) -> AnyView {
    let cursor = labels.iter().any(|l| l == CURSOR);
    let search = labels.iter().any(|l| l == SEARCH);
    let labels: Vec<String> = labels.into_iter().filter(|l| l != CURSOR && l != SEARCH).collect();
    let marked = !labels.is_empty();
    let label = labels.join(" ");
    // The mark's superscript names the options by their text; data-label keeps the values.
    let ending: Vec<&String> = ending.iter().filter(|l| *l != CURSOR && *l != SEARCH).collect();
    let texts = (!ending.is_empty()).then(|| question.with_value(|q| ending.iter().map(|l| option_text(q, l)).collect::<Vec<_>>().join(" ")));
    view! {
        <span data-start=start class:span-mark=marked class:span-end=texts.is_some() class:span-cursor=cursor class:search-match=search data-label=label data-text=texts>{piece}</span>
    }
    .into_any()
}

/// What people read for a span option's value.
fn option_text(question: &Question, value: &str) -> String {
    match &question.settings {
        QuestionSettings::Span { options, .. } => options.iter().find(|o| o.value == value).map_or(value, |o| o.label()).to_owned(),
        _ => value.to_owned(),
    }
}

/// Text with a span question on it: spans are drawn and can be selected.
#[component]
pub fn SpanText(annotator: Annotator, text: Memo<String>, question: Question) -> impl IntoView {
    let name = question.name.clone();
    let field = span::setup(&question).map(|s| s.field).unwrap_or_default();
    let question = StoredValue::new(question);
    // Memos: typing in another answer, or a page of records arriving, must not redraw a long text.
    let spans = Memo::new(move |_| match annotator.form.with(|f| f.answer(&name).cloned()) {
        Some(Answer::Spans(s)) => s,
        _ => vec![],
    });
    let query = Memo::new(move |_| annotator.list.with(|l| l.find.text.clone()));
    // The words once per text, not on every key that moves the cursor over them.
    let words = Memo::new(move |_| {
        text.track();
        span::words(annotator, &field)
    });
    let mine = {
        let name = question.with_value(|q| q.name.clone());
        move || annotator.questions.with_value(|qs| qs.get(annotator.focused_question.get()).is_some_and(|q| q.name == name))
    };
    let cursor = Memo::new(move |_| {
        annotator.span_cursor.get().filter(|_| mine()).and_then(|(a, b)| words.with(|w| Some((w.get(a)?.0, w.get(b)?.1))))
    });
    // Searched once per text and query, not on every key that moves the cursor.
    let found = Memo::new(move |_| {
        let query = query.get();
        if query.trim().is_empty() {
            return vec![];
        }
        text.with(|t| match_ranges(t, &query).into_iter().map(|(start, end)| Span { start, end, label: SEARCH.into() }).collect::<Vec<_>>())
    });
    let marks = Memo::new(move |_| {
        let mut all = spans.get();
        found.with(|f| all.extend_from_slice(f));
        if let Some((start, end)) = cursor.get() {
            all.push(Span { start, end, label: CURSOR.into() });
        }
        all
    });
    // Shift held for character spans would extend a caret left elsewhere (a click on a
    // question) into this text: a selection here starts where the pointer goes down.
    let on_mousedown = move |ev: leptos::ev::MouseEvent| {
        let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else { return };
        let field = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = selection.anchor_node().is_some_and(|n| field.is_some_and(|f| f.contains(Some(&n))));
        if ev.shift_key() && !inside {
            let _ = selection.remove_all_ranges();
        }
    };
    let characters_allowed = question.with_value(|q| matches!(q.settings, QuestionSettings::Span { allow_character_annotation: true, .. }));
    let mark = move |(mut start, mut end): (usize, usize), characters: bool, label: Option<String>| {
        if start < end && !characters {
            (start, end) = words.with_untracked(|w| snap_to_words(w, start, end));
        }
        if start < end {
            question.with_value(|q| {
                let label = label
                    .or_else(|| annotator.span_label.with_untracked(|m| m.get(&q.name).cloned()))
                    .or_else(|| span::setup(q).and_then(|s| s.labels.first().cloned()))
                    .unwrap_or_default();
                annotator.span_label.update(|m| {
                    m.insert(q.name.clone(), label.clone());
                });
                span::add(annotator, q, start, end, &label);
                span::say_words(annotator, q, start, end);
            });
        }
        if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
            let _ = selection.remove_all_ranges();
        }
    };
    // A touch selection (a long press, then the handles) sends no mouseup: while one is
    // in this text, a bar of labels marks it.
    let field_ref = NodeRef::<leptos::html::Div>::new();
    let touch = StoredValue::new(false);
    let pending = RwSignal::new(None::<(usize, usize)>);
    let exact = RwSignal::new(false);
    let on_mouseup = move |ev: leptos::ev::MouseEvent| {
        if touch.get_value() {
            return;
        }
        let Some(field) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()) else { return };
        if let Some(range) = selected_chars(&field, text) {
            mark(range, ev.shift_key() && characters_allowed, None);
        }
    };
    let bar_touched = StoredValue::new(0.0f64);
    watch_touch_selection(field_ref, touch, pending, bar_touched, text);
    // Another record's text: what was selected in the last one is gone.
    Effect::new(move |_| {
        text.track();
        pending.set(None);
    });
    let labels: Vec<(String, String)> = question.with_value(|q| match &q.settings {
        QuestionSettings::Span { options, .. } => options.iter().map(|o| (o.value.clone(), o.label().to_owned())).collect(),
        _ => vec![],
    });
    let bar = move || {
        pending.get().map(|range| {
            let labels = labels.clone();
            view! {
                <div class="span-mark-bar" role="toolbar" aria-label=t(k::questions::span_labels) data-testid="span-mark-bar"
                    on:pointerdown=move |_| bar_touched.set_value(js_sys::Date::now())>
                    {labels.into_iter().map(|(value, text)| view! {
                        <button type="button" class="option" data-label=value.clone() translate="no"
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| { pending.set(None); mark(range, exact.get_untracked(), Some(value.clone())) }>{text}</button>
                    }).collect_view()}
                    {characters_allowed.then(|| view! {
                        <button type="button" class="option" aria-pressed=move || exact.get().to_string()
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| exact.update(|x| *x = !*x)>{t(k::questions::span_exact)}</button>
                    })}
                    <button type="button" class="button subtle" on:click=move |_| {
                        pending.set(None);
                        if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
                            let _ = selection.remove_all_ranges();
                        }
                    }>{t(k::questions::span_mark_cancel)}</button>
                </div>
            }
        })
    };
    view! {
        <div class="field-text span-text" translate="no" dir="auto" node_ref=field_ref on:mousedown=on_mousedown on:mouseup=on_mouseup
            on:pointerdown=move |ev: leptos::ev::PointerEvent| touch.set_value(matches!(ev.pointer_type().as_str(), "touch" | "pen"))>
            {move || text.with(|t| marked_blocks(t, marks, question))}
        </div>
        {bar}
    }
}

/// The window's selection inside `field` (a span question's text) as character offsets into
/// `text`, without the white space at its ends; None when nothing of it is selected.
fn selected_chars(field: &web_sys::Node, text: Memo<String>) -> Option<(usize, usize)> {
    let selection = web_sys::window()?.get_selection().ok().flatten()?;
    if selection.is_collapsed() {
        return None;
    }
    let inside = |node: Option<web_sys::Node>| node.is_some_and(|n| field.contains(Some(&n)));
    if !inside(selection.anchor_node()) && !inside(selection.focus_node()) {
        return None;
    }
    // A piece of this text (not another field's): where it starts, and its text.
    let piece_at = |element: &web_sys::Element| -> Option<(usize, String)> {
        let holder = element.closest("[data-start]").ok().flatten()?;
        field.contains(Some(&holder)).then_some(())?;
        Some((holder.get_attribute("data-start")?.parse().ok()?, holder.text_content().unwrap_or_default()))
    };
    let offset_of = |node: Option<web_sys::Node>, offset: u32| -> Option<usize> {
        let node = node?;
        // Outside this text (a triple click on its last paragraph ends in what follows):
        // its end, or its start for what comes before it.
        if !field.contains(Some(&node)) {
            let after = field.compare_document_position(&node) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0;
            return Some(if after { text.with_untracked(|t| t.chars().count()) } else { 0 });
        }
        if node.node_type() == web_sys::Node::TEXT_NODE {
            let (start, piece) = piece_at(&node.parent_element()?)?;
            return Some(start + utf16_to_char_offset(&piece, offset as usize));
        }
        // A boundary given on an element (a triple click, a selection to the end): `offset`
        // counts its children. Inside a piece: its start or its end.
        let element: web_sys::Element = node.clone().dyn_into().ok()?;
        if let Some((start, piece)) = piece_at(&element) {
            return Some(if offset == 0 { start } else { start + piece.chars().count() });
        }
        // Between pieces: the start of the piece after the boundary, or the end of the last one.
        let children = node.child_nodes();
        let after = (offset..children.length()).filter_map(|i| children.item(i)?.dyn_into::<web_sys::Element>().ok()).find_map(|e| {
            let first = if e.has_attribute("data-start") { Some(e) } else { e.query_selector("[data-start]").ok().flatten() };
            piece_at(&first?)
        });
        match after {
            Some((start, _)) => Some(start),
            None => {
                let all = element.query_selector_all("[data-start]").ok()?;
                let last: web_sys::Element = all.item(all.length().checked_sub(1)?)?.dyn_into().ok()?;
                piece_at(&last).map(|(start, piece)| start + piece.chars().count())
            }
        }
    };
    let a = offset_of(selection.anchor_node(), selection.anchor_offset())?;
    let b = offset_of(selection.focus_node(), selection.focus_offset())?;
    let (mut start, mut end) = (a.min(b), a.max(b));
    text.with_untracked(|t| {
        let chars: Vec<char> = t.chars().collect();
        while start < end && chars.get(start).is_some_and(|c| c.is_whitespace()) {
            start += 1;
        }
        while end > start && chars.get(end - 1).is_some_and(|c| c.is_whitespace()) {
            end -= 1;
        }
    });
    (start < end).then_some((start, end))
}

/// Follows the document's selection while the last pointer on the text was a finger or a
/// pen: `pending` holds what is selected in it. A tap on the bar (`bar_touched`, when) may
/// clear the selection before its click arrives: a selection emptied by one stays pending;
/// one emptied otherwise is forgotten half a second later.
fn watch_touch_selection(
    field: NodeRef<leptos::html::Div>,
    touch: StoredValue<bool>,
    pending: RwSignal<Option<(usize, usize)>>,
    bar_touched: StoredValue<f64>,
    text: Memo<String>,
) {
    use wasm_bindgen::closure::Closure;
    let generation = StoredValue::new(0u32);
    let on_change = Closure::<dyn Fn()>::new(move || {
        if !touch.try_get_value().unwrap_or(false) {
            return;
        }
        let Some(el) = field.try_get_untracked().flatten() else { return };
        generation.update_value(|g| *g += 1);
        match selected_chars(&el, text) {
            Some(range) => pending.set(Some(range)),
            None if js_sys::Date::now() - bar_touched.get_value() < 1000.0 => {}
            None => {
                let asked = generation.get_value();
                set_timeout(
                    move || {
                        if generation.try_get_value() == Some(asked) {
                            pending.set(None);
                        }
                    },
                    std::time::Duration::from_millis(500),
                );
            }
        }
    });
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let _ = document.add_event_listener_with_callback("selectionchange", on_change.as_ref().unchecked_ref());
    let on_change = StoredValue::new_local(on_change);
    on_cleanup(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        on_change.try_with_value(|f| document.remove_event_listener_with_callback("selectionchange", f.as_ref().unchecked_ref()));
    });
}
