// What the in-page halves of the browser harnesses share (xuna-voice-page.js, playai-voice-page.js): the clock and
// error list of their recorded state, the socket's close, bounded waits for SDK events. esbuild bundles it into each
// page script (a relative import); like harness.mjs it imports no package.

/**
 * The page's clock and failure list, on `state` (which has `timings` and `errors`): now() in ms since this call,
 * mark(name) records the first time of name, fail(msg) records a failure once (at most 50).
 */
export function recording(state) {
  const t0 = performance.now();
  const now = () => Math.round(performance.now() - t0);
  const mark = (name) => { if (state.timings[name] === undefined) state.timings[name] = now(); };
  const fail = (msg) => { if (state.errors.length < 50 && !state.errors.includes(msg)) state.errors.push(msg); };
  return { now, mark, fail };
}

/** The length of the bytes that base64 `b64` holds. */
export const b64Bytes = (b64) => Math.floor((b64.length * 3) / 4) - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);

/** Those waiting for one thing to happen (see wait()); wake(), when it happened, lets them all go on. */
export function waiters(fail) {
  const waiting = [];
  return {
    wake() {
      for (const w of waiting.splice(0)) w();
    },
    /** Resolves at once if done() holds, else at the next wake(); after timeoutMs fails "waiting for <what>" and resolves. */
    wait(done, timeoutMs, what) {
      if (done()) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => { fail(`timeout after ${timeoutMs} ms waiting for ${what}`); resolve(); }, timeoutMs);
        waiting.push(() => { clearTimeout(timer); resolve(); });
      });
    },
  };
}

/** Records the socket's close on state (closeCode, closeReason, closeWasClean, timing socketClosed), then onClose(ev). */
export function recordClose(socket, state, mark, onClose) {
  socket.addEventListener("close", (ev) => {
    state.closeCode = ev.code;
    state.closeReason = ev.reason || "";
    state.closeWasClean = ev.wasClean;
    mark("socketClosed");
    onClose(ev);
  });
}

/** Reports the page's uncaught errors and unhandled rejections. */
export function reportPageErrors(report) {
  window.addEventListener("error", (ev) => report(`page error: ${ev.message}`));
  window.addEventListener("unhandledrejection", (ev) => report(`page unhandledrejection: ${ev.reason?.stack || ev.reason}`));
}
