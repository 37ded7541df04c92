#!/usr/bin/env node
// Drives the real published npm client `@play-ai/agent-web-sdk` (pinned in package.json) through a voice conversation
// inside headless Chromium against a Parley server speaking the PlayAI dialect. The microphone is Chromium's fake
// capture device fed from the WAV given on the command line, so the SDK itself calls getUserMedia, runs its Silero VAD
// (ONNX Runtime wasm), sends mu-law 16 kHz `audioIn` frames and plays the agent's `audioStream` MP3 through its player.
//
// usage: node playai-voice-conversation.mjs <ws-origin, e.g. ws://127.0.0.1:PORT> <agentId> <mic.wav>
//
//   The SDK's host is a build-time constant: it connects to wss://api.play.ai/v1/agents/<agentId>/start-conversation
//   and fetches https://play.ai/silero_vad.onnx and https://play.ai/ort/ort-wasm.wasm. The harness
//     - gives the page a WebSocket subclass that opens <ws-origin> + the same path and query instead (a real browser
//       socket to the local server: its close codes and wasClean are what the SDK acts on);
//     - serves the two assets from node_modules: @ricky0123/vad-web/dist/silero_vad_legacy.onnx and
//       onnxruntime-web/dist/ort-*.wasm (1.16.3, the version whose JavaScript the SDK bundles);
//     - aborts every other request and WebSocket to a host that is not local, and fails.
//   The WAV must be a 16-bit PCM WAV (Chromium's fake capture loops it): leave a long pause after the speech, or the
//   question comes round again while the reply plays (the SDK's VAD pauses its player while the user speaks).
//
// "Played" means audible: the page samples the AnalyserNode that both of the SDK's players put on their output, so
// playedSeconds counts the time the agent's audio really came out of the SDK's player (not silence, not paused).
//
// stdout: one JSON line per event as it happens ({"event":"greeting","text":..}, userTranscript, agentTranscript,
// audioPlayed {seconds}, agentSpeechCompleted, hangup {endedBy}, error, closed, assetServed, frameRejected, ...),
// then one last line {"event":"result", ...} with everything (the line NodeHarness returns). Nothing else.
//
// Environment (all optional):
//   PLAYAI_VOICE_SECONDS       default 45     bound on the conversation after connectAgent resolved
//   PLAYAI_CONNECT_TIMEOUT_MS  default 40000  connectAgent: player, mic, VAD (wasm + model), socket, `init`
//   PLAYAI_REPLY_PLAY_MS       default 20000  bound on the reply's playback after the reply's transcript
//   PLAYAI_AFTER_REPLY_MS      default 1000   kept open after the reply finished playing
//   PLAYAI_CLOSE_TIMEOUT_MS    default 5000   hangup(): onHangup and the socket's close
//   PLAYAI_MIN_AUDIO_FRAMES    default 20     non-empty audioIn frames that must have been sent
//   PLAYAI_MIN_PLAYED_SECONDS  default 0.5    what "played" means for the greeting and for the reply
//   PLAYAI_REPLY_MATCH         a regular expression (case-insensitive): only an agent transcript after a user
//                              transcript that matches it counts as the reply (e.g. when the microphone's
//                              question comes round again because the first one was clipped); default: any
//   PLAYAI_EXPECT              default greeting,audio,transcript,reply: greeting (onAgentGreeting and
//                              onAgentGreetingEnd arrived, greeting audio played), audio (agent audio played),
//                              transcript (a user transcript), reply (an agent transcript after it, and its audio
//                              played); "" checks only connect + microphone + clean hangup
//   PLAYAI_OPTIONS             JSON merged into connectAgent's options (e.g. {"outputFormat":"mp3"})
//   PLAYAI_SDK_DEBUG           default 1: connectAgent({debug:true}), so the SDK logs the frames its schema drops
//   PLAYAI_CHROMIUM            default /usr/bin/chromium
//   PLAYAI_DEBUG=1             page console and harness progress on stderr
//
// Exit code 0 when the flow completed (connected, >= PLAYAI_MIN_AUDIO_FRAMES microphone frames sent, hung up by
// the user with exactly one onHangup("user") and a clean close, no SDK error, no dropped frame, no request off this
// machine, plus PLAYAI_EXPECT), 1 otherwise (reasons in "errors"), 2 on bad arguments.

import { mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createHarness, envNumber, openBrowser, pageHarness, sleep,
} from "../harness-shared/harness.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

const envNum = (name, dflt) => envNumber(name, dflt, Number.parseFloat);
const VOICE_SECONDS = envNum("PLAYAI_VOICE_SECONDS", 45);
const CONNECT_TIMEOUT_MS = envNum("PLAYAI_CONNECT_TIMEOUT_MS", 40000);
const REPLY_PLAY_MS = envNum("PLAYAI_REPLY_PLAY_MS", 20000);
const AFTER_REPLY_MS = envNum("PLAYAI_AFTER_REPLY_MS", 1000);
const CLOSE_TIMEOUT_MS = envNum("PLAYAI_CLOSE_TIMEOUT_MS", 5000);
const MIN_AUDIO_FRAMES = envNum("PLAYAI_MIN_AUDIO_FRAMES", 20);
const MIN_PLAYED = envNum("PLAYAI_MIN_PLAYED_SECONDS", 0.5);
const REPLY_MATCH = process.env.PLAYAI_REPLY_MATCH ? new RegExp(process.env.PLAYAI_REPLY_MATCH, "i") : null;
const EXPECT = new Set((process.env.PLAYAI_EXPECT ?? "greeting,audio,transcript,reply").split(",").map((s) => s.trim()).filter(Boolean));
const CHROMIUM = process.env.PLAYAI_CHROMIUM || "/usr/bin/chromium";
const SDK_DEBUG = (process.env.PLAYAI_SDK_DEBUG ?? "1") === "1";
const SETUP_BUDGET_MS = 30000; // bundle + browser launch + page load
const HARD_LIMIT_MS = SETUP_BUDGET_MS + CONNECT_TIMEOUT_MS + VOICE_SECONDS * 1000 + CLOSE_TIMEOUT_MS + 15000;

// The assets the SDK fetches from its vendor's host (rt.CONVERSATION_ASSETS in its bundle), and where they come from.
const VENDOR_ASSETS = {
  "https://play.ai/silero_vad.onnx": { file: "node_modules/@ricky0123/vad-web/dist/silero_vad_legacy.onnx", type: "application/octet-stream" },
};
for (const name of ["ort-wasm.wasm", "ort-wasm-simd.wasm", "ort-wasm-threaded.wasm", "ort-wasm-simd-threaded.wasm"]) {
  VENDOR_ASSETS[`https://play.ai/ort/${name}`] = { file: `node_modules/onnxruntime-web/dist/${name}`, type: "application/wasm" };
}
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

// ---- result ---------------------------------------------------------------------------------------------------
const result = {
  event: "result",
  connected: false,
  conversationId: null,
  init: null,
  greeting: null,
  greetingEnd: null,
  greetingPlayedSeconds: null,
  userTranscripts: [],
  agentTranscripts: [],
  replyTranscripts: [],
  reply: null,
  speechCompleted: [],
  playedSeconds: null,
  replyPlayedSeconds: null,
  elementPlayedSeconds: null,
  audiblePeak: null,
  analysers: null,
  hangups: [],
  closeCode: null,
  closeReason: null,
  closeWasClean: null,
  sdkErrors: [],
  errors: [],
  // diagnostics
  teardownErrors: [],
  setup: null,
  sdkUrl: null,
  url: null,
  framesSent: {},
  framesReceived: {},
  receivedOrder: [],
  audioInFrames: 0,
  audioInEmptyFrames: 0,
  audioInVoicedFrames: 0,
  audioInFrameBytes: {},
  audioStreamPieces: 0,
  audioStreamBytes: 0,
  conversationAudioFrames: 0,
  conversationAudioMaxFrameChars: 0,
  bufferEmptySent: 0,
  player: null,
  audioElementStates: null,
  assetsServed: [],
  blockedRequests: [],
  framesRejected: [],
  framesBeforeInit: 0,
  consoleErrors: [],
  timingsMs: {},
  stopReason: null,
  durationMs: null,
  sdkVersion: null,
  browserVersion: null,
  wav: null,
};
// stdout is reserved for the JSON lines; resources (browser, httpServer, tmp) are released on every way out
const harness = createHarness({ result, tag: "playai-harness", debug: process.env.PLAYAI_DEBUG === "1", hardLimitMs: HARD_LIMIT_MS });
const { fail, dbg, line } = harness;
let teardown = false; // errors the SDK throws from here on are its own teardown's (see the page's teardownErrors)

// ---- steps ----------------------------------------------------------------------------------------------------
function absorb(s) {
  if (!s) return;
  for (const k of ["connected", "conversationId", "init", "greeting", "greetingEnd", "setup", "framesSent", "framesReceived",
    "receivedOrder", "audioInFrames", "audioInEmptyFrames", "audioInVoicedFrames", "audioInFrameBytes", "audioStreamPieces",
    "audioStreamBytes", "conversationAudioFrames", "conversationAudioMaxFrameChars", "bufferEmptySent", "closeCode",
    "closeReason", "closeWasClean", "player", "sdkErrors", "speechCompleted", "hangups", "audioElementStates", "teardownErrors"]) {
    if (s[k] !== undefined) result[k] = s[k];
  }
  result.sdkUrl = s.originalUrl ?? null;
  result.url = s.url ?? null;
  result.userTranscripts = (s.userTranscripts || []).map((t) => t.text);
  result.agentTranscripts = (s.agentTranscripts || []).map((t) => t.text);
  result.replyTranscripts = (s.agentTranscripts || []).filter((t) => t.afterUser).map((t) => t.text);
  result.reply = theReply(s)?.text ?? null;
  result.timingsMs = s.timings || {};
  for (const e of s.errors || []) fail(e);
}

function serveAsset(route, url) {
  const asset = VENDOR_ASSETS[url];
  const path = join(HERE, asset.file);
  if (!existsSync(path)) {
    fail(`${url}: ${asset.file} is missing (npm ci)`);
    return route.abort();
  }
  const body = readFileSync(path);
  const served = { url, file: asset.file, bytes: body.length };
  result.assetsServed.push(served);
  line({ event: "assetServed", ...served });
  return route.fulfill({
    status: 200,
    body,
    headers: { "content-type": asset.type, "access-control-allow-origin": "*", "cache-control": "no-store" },
  });
}

/** The agent transcript that answers a user transcript (and matches PLAYAI_REPLY_MATCH, if given). */
const theReply = (s) => (s.agentTranscripts || []).find((t) => t.afterUser && (!REPLY_MATCH || REPLY_MATCH.test(t.text)));

const isLocal = (u) => LOCAL_HOSTS.has(u.hostname) || u.protocol === "blob:" || u.protocol === "data:";

async function main() {
  result.sdkVersion = JSON.parse(readFileSync(join(HERE, "node_modules/@play-ai/agent-web-sdk/package.json"), "utf8")).version;
  if (!existsSync(wavArg)) throw new Error(`the microphone WAV ${wavArg} does not exist`);
  const header = readFileSync(wavArg).subarray(0, 44);
  if (header.toString("ascii", 0, 4) !== "RIFF" || header.toString("ascii", 8, 12) !== "WAVE") throw new Error(`${wavArg} is not a WAV file`);
  result.wav = { path: wavArg, bytes: statSync(wavArg).size, channels: header.readUInt16LE(22), rate: header.readUInt32LE(24), bits: header.readUInt16LE(34) };
  harness.tmp = mkdtempSync(join(tmpdir(), "parley-playai-"));

  const { context, pageUrl } = await openBrowser(harness, {
    esbuild: await import("esbuild"),
    chromium: (await import("playwright-core")).chromium,
    dir: HERE,
    sdkEntry: 'import { connectAgent } from "@play-ai/agent-web-sdk"; globalThis.PlayAI = { connectAgent };',
    pageFile: "playai-voice-page.js",
    title: "PlayAI voice harness",
    executablePath: CHROMIUM,
    wav: wavArg,
  });
  result.browserVersion = context.browser()?.version() ?? null;

  // HTTP: the vendor's assets from node_modules, 127.0.0.1 as is, anything else aborted and reported.
  await context.route(/.*/, (route) => {
    const href = route.request().url();
    if (VENDOR_ASSETS[href]) return serveAsset(route, href);
    const u = new URL(href);
    if (isLocal(u)) return route.continue();
    result.blockedRequests.push(href);
    fail(`blocked a request to a host that is not local: ${href}`);
    line({ event: "blocked", url: href });
    return route.abort();
  });
  // WebSockets: the page routes the SDK's socket to the local server itself; any other one is a failure.
  await context.routeWebSocket((u) => !LOCAL_HOSTS.has(u.hostname), (ws) => {
    result.blockedRequests.push(ws.url());
    fail(`blocked a WebSocket to a host that is not local: ${ws.url()}`);
    line({ event: "blocked", url: ws.url() });
    ws.close({ code: 1008, reason: "not local" });
  });

  const page = context.pages()[0] ?? (await context.newPage());
  await page.exposeFunction("__playaiEmit", (ev) => {
    if (ev?.event === "hangup") teardown = true;
    if (!harness.finishing) line(ev);
  });
  page.on("console", (msg) => {
    const text = msg.text();
    if (text.includes("Unexpected event received.")) {
      // the SDK's zod schema dropped a frame (only logged with debug:true)
      if (result.framesRejected.length < 20) result.framesRejected.push(text.slice(0, 2000));
      line({ event: "frameRejected", detail: text.slice(0, 2000) });
    } else if (text.includes("Received message before conversation was initialized")) {
      result.framesBeforeInit++;
    }
    if (/Sending WS message type (audioIn|mediaLog|bufferEmpty)|Received WS message with type 'audioStream'/.test(text)) return;
    dbg("page", `${msg.type()}: ${text.slice(0, 500)}`);
    if ((msg.type() === "error" || msg.type() === "warning") && result.consoleErrors.length < 30) result.consoleErrors.push(`${msg.type()}: ${text.slice(0, 500)}`);
  });
  // the page records its own errors (window "error"/"unhandledrejection"); this catches what happens before page.js
  page.on("pageerror", (e) => {
    if (teardown) { if (result.teardownErrors.length < 20) result.teardownErrors.push(`pageerror: ${e.message}`); }
    else fail(`pageerror: ${e.message}`);
  });
  page.on("crash", () => fail("the page crashed"));
  await page.goto(pageUrl, { timeout: 10000 });

  // connect: connectAgent resolves on `init`
  let options = {};
  if (process.env.PLAYAI_OPTIONS) options = JSON.parse(process.env.PLAYAI_OPTIONS);
  const cfg = { origin, agentId, debug: SDK_DEBUG, options };
  const inPage = pageHarness(page, "__playaiHarness", { fail, absorb });
  const started = await inPage.start(cfg, CONNECT_TIMEOUT_MS, "connectAgent (player, microphone, VAD model and wasm, socket, init)");
  if (!started.ok) return false;
  let s = started.s;
  const connectedAt = Date.now();
  dbg("connected", result.conversationId, result.timingsMs);

  // converse: until the reply to the first user transcript has played (+ PLAYAI_AFTER_REPLY_MS), or the bound
  let replyAt = null;
  let lastPlayed = -1;
  let lastPlayedChangeAt = Date.now();
  let baseline = null; // seconds played when the user transcript that the reply answers came
  for (;;) {
    await sleep(250);
    s = await inPage.snapshot();
    if (!s) break;
    absorb(s);
    if (s.audibleSeconds !== lastPlayed) { lastPlayed = s.audibleSeconds; lastPlayedChangeAt = Date.now(); }
    if (s.hangups.length > 0 || s.closeCode !== null) { result.stopReason = "ended by the server"; break; }
    const reply = theReply(s);
    if (replyAt === null && reply) {
      replyAt = Date.now();
      baseline = s.userTranscripts[reply.userCount - 1].audibleSeconds;
      dbg("reply transcript", reply.text);
    }
    if (replyAt !== null) {
      const replyPlayed = s.audibleSeconds - baseline;
      const quiet = Date.now() - lastPlayedChangeAt;
      if (replyPlayed >= MIN_PLAYED && quiet >= 1500 + AFTER_REPLY_MS) { result.stopReason = "reply played"; break; }
      if (Date.now() - replyAt >= REPLY_PLAY_MS) { result.stopReason = "reply playback bound"; break; }
    }
    if (Date.now() - connectedAt >= VOICE_SECONDS * 1000) { result.stopReason = "time limit"; break; }
  }
  // what was played, read before the hang-up clears the player (its <audio> element is reset)
  result.playedSeconds = s?.audibleSeconds ?? null;
  if (s) {
    const firstUser = s.userTranscripts[0];
    result.greetingPlayedSeconds = firstUser ? firstUser.audibleSeconds : s.audibleSeconds;
    result.replyPlayedSeconds = baseline === null ? null : Math.round((s.audibleSeconds - baseline) * 1000) / 1000;
    result.elementPlayedSeconds = s.elementPlayedSeconds;
    result.audiblePeak = s.audiblePeak;
    result.analysers = s.analysers;
  }
  const endedByServer = result.stopReason === "ended by the server";

  teardown = true;
  // hang up as the user: controller.hangup() -> conversationAudio upload, close after 500 ms, onHangup("user")
  try {
    absorb(await inPage.call("end", CLOSE_TIMEOUT_MS, 2 * CLOSE_TIMEOUT_MS + 3000, "hangup"));
  } catch (e) {
    fail(e.message);
  }

  // verdict
  if (!result.connected) fail("never connected");
  if (endedByServer) fail(`the server ended the call before the harness hung up: hangups ${JSON.stringify(result.hangups)}, close ${result.closeCode} ${JSON.stringify(result.closeReason)}`);
  for (const e of result.sdkErrors) fail(`SDK onError: ${JSON.stringify(e)}`);
  if (result.framesRejected.length > 0) fail(`the SDK's schema dropped ${result.framesRejected.length} frame(s), e.g. ${result.framesRejected[0].slice(0, 400)}`);
  const micFrames = result.audioInFrames - result.audioInEmptyFrames;
  if (micFrames < MIN_AUDIO_FRAMES) fail(`only ${micFrames} audioIn frames with audio sent (< ${MIN_AUDIO_FRAMES}); onAgentGreetingEnd ${result.greetingEnd === null ? "never came" : "came"}`);
  if (!(result.hangups.length === 1 && result.hangups[0].endedBy === "user")) fail(`expected exactly one onHangup("user"), got ${JSON.stringify(result.hangups)}`);
  if (result.closeCode === null) fail("the socket never closed");
  else if (result.closeWasClean !== true) fail(`the socket's close was not clean: ${result.closeCode} ${JSON.stringify(result.closeReason)}`);
  if (EXPECT.has("greeting")) {
    if (result.greeting === null) fail("expected onAgentGreeting");
    if (result.greetingEnd === null) fail("expected onAgentGreetingEnd");
    if (!(result.greetingPlayedSeconds >= MIN_PLAYED)) fail(`expected the greeting's audio to play (${result.greetingPlayedSeconds} s played)`);
  }
  if (EXPECT.has("audio") && !(result.playedSeconds >= MIN_PLAYED && (s?.startedSpeaking ?? 0) > 0)) fail(`expected agent audio played (${result.playedSeconds} s, onAgentStartedSpeaking ${s?.startedSpeaking ?? 0}x)`);
  if (EXPECT.has("transcript") && result.userTranscripts.length === 0) fail("expected a user transcript");
  if (EXPECT.has("reply")) {
    if (result.reply === null) fail(`expected an agent transcript after a user transcript${REPLY_MATCH ? ` matching ${REPLY_MATCH}` : ""}`);
    else if (!(result.replyPlayedSeconds >= MIN_PLAYED)) fail(`expected the reply's audio to play (${result.replyPlayedSeconds} s played after the user transcript it answers)`);
  }
  return result.errors.length === 0;
}

// ---- args, then the run -------------------------------------------------------------------------------------------
const [origin, agentId, wavArg] = process.argv.slice(2);
harness.run(main, {
  argsOk: !!origin && !!agentId && !!wavArg && /^wss?:\/\//.test(origin),
  usage: "usage: node playai-voice-conversation.mjs <ws-origin e.g. ws://127.0.0.1:PORT> <agentId> <mic.wav>",
});
