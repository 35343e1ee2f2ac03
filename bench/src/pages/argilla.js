// Argilla 2.8.0's Nuxt pages, as a person sees them (selectors read from its
// bundle in argilla_server/static/_nuxt and checked in the running app).
({
  signInReady: () =>
    !!(document.querySelector("input[name=Username]") && document.querySelector("input[name=Password]") &&
       document.querySelector("form.form button[type=submit]")),
  signedIn: () =>
    (localStorage.getItem("auth._token.local") || "").startsWith("Bearer") && !location.pathname.endsWith("/sign-in"),
  // The text field's element id is "fields-content-<field id>-<record id>".
  recordKey: () => {
    const field = document.querySelector(".text_field_component[name=text] [id^=fields-content-]");
    return field ? field.id.slice(-36) : null;
  },
  recordReady: () =>
    !!(document.querySelector("#sentiment_positive") && document.querySelector(".questions-form .button--submit")),
  // The position shown and the number of records in the queue or matching the search ("3 of 5000").
  position: () => {
    const m = (document.querySelector(".pagination__info") || {}).textContent?.match(/(\d[\d,.\u202f\u00a0 ]*)\s*of\s*(\d[\d,.\u202f\u00a0 ]*)/);
    return m ? [Number(m[1].replace(/\D/g, "")), Number(m[2].replace(/\D/g, ""))] : null;
  },
  total: () => (window.__bench.ui.position() || [])[1] ?? null,
  recordText: () => (document.querySelector(".text_field_component[name=text]") || {}).textContent || "",
  filterValueShown: (value) =>
    [...document.querySelectorAll(".labels-selector__item")].some((e) => e.textContent.trim() === value),
  chosen: (question, n) => {
    const input = document.querySelectorAll(`[aria-label="Question: ${question}"] input[type=checkbox]`)[n - 1];
    return !!input && input.checked;
  },
  selected: () => [...document.querySelectorAll(".questions-form input:checked")].map((i) => i.id),
  focusedQuestion: () => {
    const q = document.activeElement && document.activeElement.closest('[aria-label^="Question: "]');
    return q ? q.getAttribute("aria-label").slice("Question: ".length) : null;
  },
})
