// Runs before any page script on every document (CDP
// Page.addScriptToEvaluateOnNewDocument). `UI` is replaced by the frontend's
// page model: predicates and readings over the DOM, no side effects.
(() => {
  if (window.__bench) return;
  const ui = UI;
  const bench = (window.__bench = { ui, marks: {}, longTasks: [], frames: [], enters: [], inputs: [], wasmMemory: null });
  performance.setResourceTimingBufferSize(100000);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (_) {}
  // A long task leaves out the rendering that follows it (style, layout, paint);
  // a long animation frame holds both, which is what a person waits through.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.frames.push(e.duration);
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (_) {}
  // Trunk's loader announces the instantiated module; its memory is the app's WASM heap.
  addEventListener("TrunkApplicationStarted", (e) => (bench.wasmMemory = e.detail.wasm.memory));
  addEventListener("keydown", (e) => e.key === "Enter" && bench.enters.push(e.timeStamp), true);
  // A person's inputs (the driver's clicks and keys are trusted events): an
  // interaction is timed from the last one before its result showed.
  for (const type of ["keydown", "click", "change"]) addEventListener(type, (e) => e.isTrusted && bench.inputs.push(e.timeStamp), true);

  // Each state is marked the first time it holds: when it was seen, and when
  // the main thread was next free to handle input (a message posted then).
  const states = { signInReady: ui.signInReady, recordReady: () => !!ui.recordKey() && ui.recordReady() };
  const pending = new Set(Object.keys(states));
  const check = () => {
    for (const name of [...pending]) {
      let holds = false;
      try { holds = states[name](); } catch (_) {}
      if (!holds) continue;
      pending.delete(name);
      const seen = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (bench.marks[name] = { seen, free: performance.now() });
      channel.port2.postMessage(0);
    }
    if (!pending.size) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();
