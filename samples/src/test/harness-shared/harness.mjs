// What the harnesses that drive a published client share (src/test/node, src/test/browser, src/test/playai-browser):
// stdout kept for JSON lines, the "result" line printed once on every way out, a hard time limit, bounded waits, and
// for the browser ones the page server, the esbuild bundles and the Chromium with a fake microphone.
//
// Imported by relative path, so it must not import packages itself: each harness folder has its own node_modules,
// and a bare import here would resolve against this folder. What it needs from them (esbuild, playwright-core's
// chromium) the runner passes in.

import { rmSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";

/** A number from the environment (parse: Number.parseInt or Number.parseFloat), or dflt when unset, bad or negative. */
export const envNumber = (name, dflt, parse = Number.parseInt) => {
  const v = parse(process.env[name] ?? "", 10);
  return Number.isFinite(v) && v >= 0 ? v : dflt;
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** p, or a rejection "timeout after <ms> ms: <what>" once ms have passed. */
export const withTimeout = (p, ms, what) => {
  let t;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timeout after ${ms} ms: ${what}`)), ms); }),
  ]);
};

/** `<origin> <agentId> [--signed-url=<url>]`, as the XUNA harnesses take them. */
export function originAgentArgs(argv = process.argv.slice(2)) {
  const [origin, agentId] = argv.filter((a) => !a.startsWith("--"));
  const signedUrlArg = argv.find((a) => a.startsWith("--signed-url="));
  const signedUrl = signedUrlArg ? signedUrlArg.slice("--signed-url=".length) : undefined;
  return { origin, agentId, signedUrl, ok: !!origin && (!!agentId || !!signedUrl) };
}

/**
 * Takes over the process for one harness run: console.log/info go to stderr, so that stdout has only the JSON lines;
 * `result` (with its `errors` array) is printed as the last line on every way out (done, failed, timed out, killed,
 * crashed), after the resources set on the returned object (browser, httpServer, tmp) are released.
 *
 * @param result     the run's result object; gets durationMs
 * @param tag        prefix of the debug lines on stderr
 * @param debug      whether dbg() writes
 * @param hardLimitMs the whole run's bound: past it the run fails and finishes
 */
export function createHarness({ result, tag, debug, hardLimitMs }) {
  const realStdoutWrite = process.stdout.write.bind(process.stdout);
  console.log = (...a) => console.error(...a);
  console.info = (...a) => console.error(...a);
  const started = Date.now();

  const harness = {
    started,
    browser: null, // the persistent BrowserContext returned by launchPersistentContext
    httpServer: null,
    tmp: null,
    finishing: false,

    /** One JSON line on stdout. */
    line: (obj) => realStdoutWrite(JSON.stringify(obj) + "\n"),
    dbg: (...a) => { if (debug) console.error(`[${tag}]`, ...a); },
    fail: (msg) => { if (result.errors.length < 50 && !result.errors.includes(msg)) result.errors.push(msg); },

    async cleanup() {
      if (harness.browser) {
        const b = harness.browser;
        harness.browser = null;
        // browser.close() kills the Chromium process tree; if it hangs, process exit still kills it
        // (playwright-core kills every browser it launched from a process 'exit' handler).
        await withTimeout(b.close(), 5000, "closing Chromium").catch((e) => harness.fail(`closing the browser: ${e.message}`));
      }
      if (harness.httpServer) {
        const s = harness.httpServer;
        harness.httpServer = null;
        s.closeAllConnections?.();
        await withTimeout(new Promise((r) => s.close(() => r())), 2000, "page server close").catch(() => {});
      }
      if (harness.tmp) {
        try { rmSync(harness.tmp, { recursive: true, force: true }); } catch { /* best effort */ }
        harness.tmp = null;
      }
    },

    /** Releases everything, prints the result line, exits with exitCode (even if sockets or timers are still alive). */
    async finish(exitCode) {
      if (harness.finishing) return;
      harness.finishing = true;
      await harness.cleanup().catch(() => {});
      result.durationMs = Date.now() - started;
      harness.line(result);
      process.exitCode = exitCode;
      // let stdout drain first
      setTimeout(() => process.exit(exitCode), 50).unref?.();
    },

    /** Runs main() (true: passed) unless argsOk is false: then prints usage and finishes with 2. */
    run(main, { argsOk, usage }) {
      if (!argsOk) {
        console.error(usage);
        harness.fail("bad arguments");
        harness.finish(2);
        return;
      }
      main().then(
        (ok) => harness.finish(ok ? 0 : 1),
        (e) => { harness.fail(`fatal: ${e?.stack || e}`); harness.finish(1); },
      );
    },
  };

  const hardTimer = setTimeout(() => { harness.fail(`hard timeout after ${hardLimitMs} ms`); harness.finish(1); }, hardLimitMs);
  hardTimer.unref?.();
  process.on("uncaughtException", (e) => { harness.fail(`uncaughtException: ${e?.stack || e}`); harness.finish(1); });
  process.on("unhandledRejection", (e) => { harness.fail(`unhandledRejection: ${e?.stack || e}`); harness.finish(1); });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => { harness.fail(`killed by ${sig}`); harness.finish(1); });
  return harness;
}

// ---- browser harnesses ----------------------------------------------------------------------------------------

/**
 * The two scripts of the harness page (see startPageServer), bundled in memory by `esbuild` (the runner's): sdkJs, the
 * published SDK from the one line of JS `sdkEntry` (its imports resolved in `dir`, so from the harness's node_modules),
 * and pageJs, `dir`/`pageFile` with what it imports (../harness-shared/page.js). Each within 20 s.
 */
async function bundleScripts(esbuild, { dir, sdkEntry, pageFile }) {
  const stdin = { contents: sdkEntry, resolveDir: dir, sourcefile: "sdk-entry.js", loader: "js" };
  const sdkJs = await withTimeout(bundle(esbuild, { stdin }), 20000, "bundling the SDK with esbuild");
  const pageJs = await withTimeout(bundle(esbuild, { entryPoints: [join(dir, pageFile)] }), 20000, "bundling the page script with esbuild");
  return { sdkJs, pageJs };
}

/** A browser bundle (one IIFE) of esbuild `options` (stdin or entryPoints); returns its text. */
async function bundle(esbuild, options) {
  const r = await esbuild.build({
    bundle: true,
    format: "iife",
    platform: "browser", // selects packages' "browser" exports
    target: "chrome110",
    write: false,
    logLevel: "silent",
    legalComments: "none",
    ...options,
  });
  return r.outputFiles[0].text;
}

/**
 * Serves / (a page that loads /sdk.js, then /page.js) and those two scripts on 127.0.0.1 at a free port; resolves with
 * the server.
 */
function startPageServer({ title, sdkJs, pageJs }) {
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>Parley ${title}</title></head>
<body><p>${title}</p>
<script src="/sdk.js"></script>
<script src="/page.js"></script>
</body></html>`;
  const js = "text/javascript; charset=utf-8";
  const files = {
    "/": { type: "text/html; charset=utf-8", body: html },
    "/sdk.js": { type: js, body: sdkJs },
    "/page.js": { type: js, body: pageJs },
  };
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const path = new URL(req.url, "http://127.0.0.1").pathname;
      const f = files[path];
      if (!f) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": f.type, "cache-control": "no-store" }).end(f.body);
    });
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/**
 * Headless Chromium (playwright-core's `chromium`, passed in) with a fresh profile in profileDir, the page allowed to
 * play audio without a gesture, and a fake microphone that plays (and loops) the 16-bit PCM WAV `wav`; bounded.
 * Resolves with the persistent BrowserContext (closing it stops Chromium).
 */
function launchChromium(chromium, { executablePath, profileDir, wav }) {
  // launchPersistentContext: the only way playwright-core takes our own fresh --user-data-dir
  return withTimeout(chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    chromiumSandbox: false,
    handleSIGINT: false, // the harness's own handlers finish the run; playwright-core's 'exit' hook still kills the browser
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 20000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--autoplay-policy=no-user-gesture-required",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${wav}`,
    ],
  }), 25000, "launching Chromium");
}

/**
 * The page script's window[name] ({start(cfg), snapshot(), end(ms)}), driven from the runner with every call bounded;
 * failures go to fail, snapshots to absorb.
 */
export function pageHarness(page, name, { fail, absorb }) {
  /** window[name][method](arg) in the page; rejects after ms with "timeout ...: <what>". */
  const call = (method, arg, ms, what) =>
    withTimeout(page.evaluate(([n, m, a]) => window[n][m](a), [name, method, arg]), ms, what);
  /** What the page recorded so far, or null (failed) if it cannot tell within 5 s. */
  const snapshot = () => call("snapshot", undefined, 5000, "page snapshot").catch((e) => { fail(e.message); return null; });
  return {
    call,
    snapshot,
    /** start(cfg) within timeoutMs, then a snapshot (absorbed); if it failed, a short end(). Resolves {ok, s: snapshot}. */
    async start(cfg, timeoutMs, what) {
      let started;
      try {
        started = await call("start", cfg, timeoutMs, what);
      } catch (e) {
        fail(e.message);
      }
      const s = await snapshot();
      absorb(s);
      if (!started?.ok) await call("end", 1000, 4000, "end after a failed start").then(absorb).catch(() => {});
      return { ok: !!started?.ok, s };
    },
  };
}

/**
 * The harness page in Chromium: bundles its scripts (bundleScripts), serves them (startPageServer), launches Chromium
 * with `wav` as the microphone (launchChromium) and grants the page the microphone. The page server and the browser
 * are set on `harness`, which releases them. `esbuild` and `chromium` are the runner's (its node_modules); `title` names
 * the page. Resolves with the browser context (no page loaded yet: routes go in first) and the page's URL.
 */
export async function openBrowser(harness, { esbuild, chromium, dir, sdkEntry, pageFile, title, executablePath, wav }) {
  const { sdkJs, pageJs } = await bundleScripts(esbuild, { dir, sdkEntry, pageFile });
  harness.httpServer = await startPageServer({ title, sdkJs, pageJs });
  const pageUrl = `http://127.0.0.1:${harness.httpServer.address().port}/`;
  harness.dbg("page server", pageUrl, "sdk bundle", sdkJs.length, "bytes, wav", wav);
  harness.browser = await launchChromium(chromium, { executablePath, profileDir: join(harness.tmp, "profile"), wav });
  const context = harness.browser; // a persistent context: closing it stops Chromium
  await context.grantPermissions(["microphone"], { origin: pageUrl }).catch((e) => harness.dbg("grantPermissions:", e.message));
  return { context, pageUrl };
}
