// argilla-lite's pages, as a person sees them (selectors from src/ui).
({
  signInReady: () =>
    !!(document.querySelector("#username") && document.querySelector("#password") &&
       document.querySelector("form.sign-in-form button[type=submit]")),
  // Signed in and handed over from the sign-in pages' bundle to the page's own.
  signedIn: () => document.documentElement.dataset.bundle !== "sign-in" && !!document.querySelector("[data-testid=current-user]"),
  recordKey: () => {
    const pane = document.querySelector(".record-pane[data-record-id]");
    return (pane && pane.dataset.recordId) || null;
  },
  // Shown, not just present: the page keeps itself out of sight until its counts are in too.
  recordReady: () =>
    [".record-pane .field[data-field=text] .field-text", "[data-question=sentiment] .option", "button[data-action=submit]"]
      .every((css) => { const e = document.querySelector(css); return !!e && e.checkVisibility({ visibilityProperty: true }); }),
  // The position shown and the number of records in the queue or matching the search ("3 of 5000").
  position: () => {
    const m = (document.querySelector("[data-testid=position]") || {}).textContent?.match(/(\d[\d,.\u202f\u00a0 ]*)\s*of\s*(\d[\d,.\u202f\u00a0 ]*)/);
    return m ? [Number(m[1].replace(/\D/g, "")), Number(m[2].replace(/\D/g, ""))] : null;
  },
  total: () => (window.__bench.ui.position() || [])[1] ?? null,
  recordText: () => (document.querySelector(".record-pane .field[data-field=text] .field-text") || {}).textContent || "",
  // A metadata filter's value can be chosen (its count may still be on its way).
  filterValueShown: (value) => !!document.querySelector(`.terms-list input[data-value="${value}"]`),
  // Whether option n (1-based) of a label or rating question is chosen.
  chosen: (question, n) => {
    const option = document.querySelectorAll(`.question[data-question=${question}] .option`)[n - 1];
    return !!option && option.classList.contains("selected");
  },
  selected: () => [...document.querySelectorAll(".question .option.selected")].map(
    (o) => o.closest(".question").dataset.question + ":" + o.textContent.trim()),
  // The highlighted question: number keys answer it, and pressing one moves
  // the keyboard focus into it (after a submit the browser focus is elsewhere).
  focusedQuestion: () => {
    const q = document.querySelector(".question.focused");
    return q ? q.dataset.question : null;
  },
})
