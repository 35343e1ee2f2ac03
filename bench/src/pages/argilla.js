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
