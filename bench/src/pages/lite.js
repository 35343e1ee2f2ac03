// argilla-lite's pages, as a person sees them (selectors from src/ui).
({
  signInReady: () =>
    !!(document.querySelector("#username") && document.querySelector("#password") &&
       document.querySelector("form.sign-in-form button[type=submit]")),
  signedIn: () => !!document.querySelector("[data-testid=current-user]"),
  recordKey: () => {
    const pane = document.querySelector(".record-pane[data-record-id]");
    return (pane && pane.dataset.recordId) || null;
  },
  recordReady: () =>
    !!(document.querySelector(".record-pane .field[data-field=text] .field-text") &&
       document.querySelector("[data-question=sentiment] .option") &&
       document.querySelector("button[data-action=submit]")),
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
