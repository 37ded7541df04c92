#!/usr/bin/env node
// Drives the real published npm client `@elevenlabs/client` (pinned in package.json) through a
// VOICE conversation over WebSocket (connectionType "websocket", not text-only) inside headless
// Chromium against a Parley server speaking the XUNA / ElevenLabs Agents protocol. The microphone is
// Chromium's fake capture device fed from a speech WAV, so the SDK itself calls getUserMedia, runs its
// AudioWorklet, encodes the mic in the server's user_input_audio_format, sends {"user_audio_chunk":..}
// frames and plays the agent's `audio` frames through an AudioContext. Prints exactly one JSON line.
//
// usage: node xuna-voice-conversation.mjs <ws-origin, e.g. ws://127.0.0.1:PORT> <agentId> [--signed-url=<ws url>]
//
//   The SDK builds <origin>/v1/convai/conversation?agent_id=<agentId>&source=js_sdk&version=1.25.0
//   (the `origin` option; default would be wss://api.elevenlabs.io). With --signed-url it connects
//   to that URL (plus &source=...&version=...) instead.
//
// What the harness does, all on 127.0.0.1 and all bounded:
//   1. makes the microphone WAV in a fresh temp dir: flite (voice slt) speaks XUNA_VOICE_TEXT, sox
//      turns it into 48 kHz mono 16-bit with 1 s of silence before and 3 s after (Chromium loops it);
//   2. bundles a one-line entry that imports @elevenlabs/client (the package's "browser" export, which
//      registers the web voice-session setup) into one IIFE with esbuild, in memory;
//   3. serves /, /sdk.js and /page.js (xuna-voice-page.js with ../harness-shared/page.js, bundled too)
//      from a Node http server on 127.0.0.1:0;
//   4. launches Debian's Chromium (/usr/bin/chromium, or XUNA_CHROMIUM) through playwright-core with a
//      fresh --user-data-dir and the fake-media flags; every request that is not to 127.0.0.1 is aborted
//      and reported as an error;
//   5. the page starts Conversation.startSession({agentId, origin, connectionType: "websocket"}) and
//      records callbacks and every WebSocket frame (a WebSocket subclass installed before the SDK runs);
//   6. runs until XUNA_VOICE_SECONDS have passed, or until an agent message arrived after the first user
//      transcript plus XUNA_AFTER_REPLY_MS; then endSession(), waits for the close, closes the browser,
//      stops the page server, removes the temp dir, prints the JSON line.
//
// Environment (all optional):
//   XUNA_VOICE_SECONDS       default 20     bound on the conversation after connect
//   XUNA_AFTER_REPLY_MS      default 3000   kept open after the first agent reply to a user transcript
//   XUNA_CONNECT_TIMEOUT_MS  default 15000  startSession (mic + handshake + metadata + audio setup)
//   XUNA_CLOSE_TIMEOUT_MS    default 5000   endSession + close handshake
//   XUNA_MIN_AUDIO_CHUNKS    default 20     user_audio_chunk frames that must have been sent
//   XUNA_EXPECT              comma list of extra conditions for exit 0: audio (agent audio received and
//                            mode "speaking" seen), transcript (a user transcript), reply (an agent message
//                            after the first user transcript), voiced (non-silent mic audio sent)
//   XUNA_VOICE_TEXT          default "what are your opening hours"
//   XUNA_VOICE_WAV           use this WAV instead of making one (Chromium wants 16-bit PCM WAV)
//   XUNA_SAVE_MIC_AUDIO      write the audio the SDK sent (all user_audio_chunk payloads, decoded) to this
//                            .wav file (pcm_* input formats) or raw file (other formats)
//   XUNA_CHROMIUM            default /usr/bin/chromium
//   XUNA_DEBUG=1             page console and harness progress on stderr
//
// Exit code 0 when the flow completed (connected, >= XUNA_MIN_AUDIO_CHUNKS user_audio_chunk frames sent,
// ended by endSession with close code 1000, no errors, plus XUNA_EXPECT), 1 otherwise (reasons in
// "errors"), 2 on bad arguments. Nothing but the JSON line goes to stdout.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createHarness, envNumber, openBrowser, originAgentArgs, pageHarness, sleep,
} from "../harness-shared/harness.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

const VOICE_SECONDS = envNumber("XUNA_VOICE_SECONDS", 20);
const AFTER_REPLY_MS = envNumber("XUNA_AFTER_REPLY_MS", 3000);
const CONNECT_TIMEOUT_MS = envNumber("XUNA_CONNECT_TIMEOUT_MS", 15000);
const CLOSE_TIMEOUT_MS = envNumber("XUNA_CLOSE_TIMEOUT_MS", 5000);
const MIN_AUDIO_CHUNKS = envNumber("XUNA_MIN_AUDIO_CHUNKS", 20);
const EXPECT = new Set((process.env.XUNA_EXPECT || "").split(",").map((s) => s.trim()).filter(Boolean));
const VOICE_TEXT = process.env.XUNA_VOICE_TEXT || "what are your opening hours";
const CHROMIUM = process.env.XUNA_CHROMIUM || "/usr/bin/chromium";
const SAVE_MIC = process.env.XUNA_SAVE_MIC_AUDIO || "";
const SETUP_BUDGET_MS = 30000; // WAV + bundle + browser launch + page load
const HARD_LIMIT_MS = SETUP_BUDGET_MS + CONNECT_TIMEOUT_MS + VOICE_SECONDS * 1000 + CLOSE_TIMEOUT_MS + 15000;

// ---- result ---------------------------------------------------------------------------------------
const result = {
  connected: false,
  conversationId: null,
  messages: [],
  modes: [],
  userAudioChunksSent: 0,
  audioFramesReceived: 0,
  interruptions: 0,
  closeCode: null,
  errors: [],
  inputFormat: null,
  outputFormat: null,
  // diagnostics
  closeReason: null,
  disconnect: null,
  statuses: [],
  interruptionEventIds: [],
  audioEventIds: {},
  audioFramesWithoutEventId: 0,
  onAudioCalls: 0,
  userAudioMsSent: null,
  agentAudioMsReceived: null,
  userAudioVoicedChunks: 0,
  userAudioPeak: 0,
  userAudioChunkBytes: {},
  pingsReceived: 0,
  pongsSent: 0,
  framesSent: {},
  framesReceived: {},
  firstFrameType: null,
  url: null,
  offeredProtocols: null,
  protocol: null,
  clientInitiation: null,
  timingsMs: {},
  stopReason: null,
  durationMs: null,
  sdkVersion: null,
  browserVersion: null,
  wav: null,
  blockedRequests: [],
  consoleErrors: [],
};
// stdout is reserved for the single JSON line; resources (browser, httpServer, tmp) are released on every way out
const harness = createHarness({ result, tag: "voice-harness", debug: process.env.XUNA_DEBUG === "1", hardLimitMs: HARD_LIMIT_MS });
const { fail, dbg } = harness;

// ---- steps ----------------------------------------------------------------------------------------
function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 15000 });
  if (r.error) throw new Error(`${cmd} failed: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${(r.stderr || "").trim()}`);
  return r.stdout;
}

function makeWav() {
  if (process.env.XUNA_VOICE_WAV) {
    const p = process.env.XUNA_VOICE_WAV;
    if (!existsSync(p)) throw new Error(`XUNA_VOICE_WAV ${p} does not exist`);
    result.wav = { path: p, bytes: statSync(p).size };
    return p;
  }
  const speech = join(harness.tmp, "speech.wav");
  const mic = join(harness.tmp, "mic.wav");
  run("flite", ["-voice", "slt", "-t", VOICE_TEXT, "-o", speech]);
  // 48 kHz mono 16-bit, 1 s silence before and 3 s after (a pause after the question; Chromium loops it)
  run("sox", [speech, "-r", "48000", "-c", "1", "-b", "16", "-e", "signed-integer", mic, "pad", "1", "3"]);
  const seconds = Number.parseFloat(run("soxi", ["-D", mic]).trim());
  result.wav = { text: VOICE_TEXT, seconds, bytes: statSync(mic).size, format: "wav pcm_s16le 48000 Hz mono" };
  return mic;
}

function absorb(snap) {
  if (!snap) return;
  for (const k of [
    "connected", "conversationId", "modes", "statuses", "userAudioChunksSent", "audioFramesReceived", "interruptions",
    "interruptionEventIds", "closeCode", "closeReason", "inputFormat", "outputFormat", "disconnect", "audioEventIds",
    "audioFramesWithoutEventId", "onAudioCalls", "userAudioVoicedChunks", "userAudioPeak", "userAudioChunkBytes",
    "pingsReceived", "pongsSent", "framesSent", "framesReceived", "firstFrameType", "url", "offeredProtocols", "protocol",
    "clientInitiation",
  ]) {
    if (snap[k] !== undefined) result[k] = snap[k];
  }
  result.messages = (snap.messages || []).map(({ source, message, event_id }) => ({ source, message, ...(event_id !== undefined ? { event_id } : {}) }));
  result.timingsMs = snap.timings || {};
  result.callbacks = snap.callbacks || {};
  for (const e of snap.errors || []) fail(e);
  const rate = (fmt) => {
    const m = /^(pcm|ulaw)_(\d+)$/.exec(fmt || "");
    return m ? { bytesPerSample: m[1] === "pcm" ? 2 : 1, rate: Number(m[2]) } : null;
  };
  const inF = rate(snap.inputFormat ?? "pcm_16000");
  const outF = rate(snap.outputFormat);
  result.userAudioMsSent = inF ? Math.round((snap.userAudioBytesSent / (inF.bytesPerSample * inF.rate)) * 1000) : null;
  result.agentAudioMsReceived = outF ? Math.round((snap.audioBytesReceived / (outF.bytesPerSample * outF.rate)) * 1000) : null;
}

function saveMicAudio(chunks) {
  const data = Buffer.concat(chunks.map((b) => Buffer.from(b, "base64")));
  const m = /^pcm_(\d+)$/.exec(result.inputFormat ?? "pcm_16000");
  if (!m) {
    writeFileSync(SAVE_MIC, data);
    result.savedMicAudio = { path: SAVE_MIC, bytes: data.length, format: result.inputFormat };
    return;
  }
  const rate = Number(m[1]);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0); h.writeUInt32LE(36 + data.length, 4); h.write("WAVE", 8);
  h.write("fmt ", 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write("data", 36); h.writeUInt32LE(data.length, 40);
  writeFileSync(SAVE_MIC, Buffer.concat([h, data]));
  result.savedMicAudio = { path: SAVE_MIC, bytes: data.length, format: result.inputFormat };
}

async function main() {
  try {
    result.sdkVersion = JSON.parse(readFileSync(join(HERE, "node_modules/@elevenlabs/client/package.json"), "utf8")).version;
  } catch (e) {
    fail(`@elevenlabs/client is not installed next to the harness (run npm ci in ${HERE}): ${e.message}`);
    return false;
  }
  harness.tmp = mkdtempSync(join(tmpdir(), "xuna-voice-"));

  // 1-4: WAV, bundles, page server, Chromium
  const wav = makeWav();
  const { context, pageUrl } = await openBrowser(harness, {
    esbuild: await import("esbuild"),
    chromium: (await import("playwright-core")).chromium,
    dir: HERE,
    // the package's "browser" export (dist/platform/web/index.js), which registers the web voice-session setup
    sdkEntry: 'import * as sdk from "@elevenlabs/client"; globalThis.ElevenLabsClient = sdk;',
    pageFile: "xuna-voice-page.js",
    title: "XUNA voice harness",
    executablePath: CHROMIUM,
    wav,
  });
  result.browserVersion = context.browser()?.version() ?? null;
  // Only 127.0.0.1: abort anything else (the SDK would fetch a resampler worklet from a CDN if the
  // browser could not open an AudioContext at the requested rate).
  await context.route(/.*/, (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1" || u.protocol === "blob:" || u.protocol === "data:") return route.continue();
    result.blockedRequests.push(u.href);
    fail(`blocked a request that was not to 127.0.0.1: ${u.href}`);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (msg) => {
    const text = `${msg.type()}: ${msg.text()}`;
    dbg("page", text);
    if ((msg.type() === "error" || msg.type() === "warning") && result.consoleErrors.length < 20) result.consoleErrors.push(text);
  });
  page.on("pageerror", (e) => fail(`pageerror: ${e.message}`));
  page.on("crash", () => fail("the page crashed"));
  await page.goto(pageUrl, { timeout: 10000 });

  // 5: start the voice session
  const cfg = { ...(signedUrl ? { signedUrl } : { agentId, origin }), saveMic: !!SAVE_MIC };
  const inPage = pageHarness(page, "__xunaHarness", { fail, absorb });
  const { ok: startedOk } = await inPage.start(cfg, CONNECT_TIMEOUT_MS,
    "startSession (microphone, handshake, conversation_initiation_metadata, audio set-up)");
  if (!startedOk) return false;
  const connectedAt = Date.now();
  dbg("connected", result.conversationId, "in", result.timingsMs);

  // 6: converse until the bound, or until the agent replied to the first user transcript (+ a few s)
  let replyAt = null;
  for (;;) {
    await sleep(250);
    const s = await inPage.snapshot();
    if (!s) break;
    absorb(s);
    if (s.disconnect) { result.stopReason = "disconnected"; break; }
    const firstUser = s.messages.findIndex((m) => m.source === "user");
    if (replyAt === null && firstUser >= 0 && s.messages.slice(firstUser + 1).some((m) => m.source === "ai")) {
      replyAt = Date.now();
      dbg("agent replied to the user transcript");
    }
    if (replyAt !== null && Date.now() - replyAt >= AFTER_REPLY_MS) { result.stopReason = "replied"; break; }
    if (Date.now() - connectedAt >= VOICE_SECONDS * 1000) { result.stopReason = "time limit"; break; }
  }

  // end the session with the SDK's own method (closes with 1000 "User ended conversation")
  const disconnectedEarly = result.disconnect;
  try {
    absorb(await inPage.call("end", CLOSE_TIMEOUT_MS, CLOSE_TIMEOUT_MS + 3000, "endSession"));
  } catch (e) {
    fail(e.message);
  }

  if (SAVE_MIC) {
    try {
      const chunks = await inPage.call("micAudio", undefined, 10000, "reading the sent mic audio");
      saveMicAudio(chunks);
    } catch (e) {
      fail(`XUNA_SAVE_MIC_AUDIO: ${e.message}`);
    }
  }

  // verdict
  if (disconnectedEarly) fail(`disconnected before the end: ${JSON.stringify(disconnectedEarly)}`);
  if (!result.connected) fail("never connected");
  if (result.userAudioChunksSent < MIN_AUDIO_CHUNKS) fail(`only ${result.userAudioChunksSent} user_audio_chunk frames sent (< ${MIN_AUDIO_CHUNKS})`);
  if (result.closeCode !== 1000) fail(`socket closed with ${result.closeCode} ${JSON.stringify(result.closeReason)} (expected 1000)`);
  if (result.disconnect && result.disconnect.reason !== "user") fail(`onDisconnect reason ${JSON.stringify(result.disconnect)} (expected "user")`);
  if (EXPECT.has("audio") && (result.audioFramesReceived === 0 || !result.modes.includes("speaking"))) fail("expected agent audio and mode \"speaking\"");
  if (EXPECT.has("voiced") && result.userAudioVoicedChunks === 0) fail("expected non-silent microphone audio in user_audio_chunk frames");
  const firstUser = result.messages.findIndex((m) => m.source === "user");
  if (EXPECT.has("transcript") && firstUser < 0) fail("expected a user transcript");
  if (EXPECT.has("reply") && !(firstUser >= 0 && result.messages.slice(firstUser + 1).some((m) => m.source === "ai"))) fail("expected an agent reply after the user transcript");
  return result.errors.length === 0;
}

// ---- args, then the run -------------------------------------------------------------------------------
const { origin, agentId, signedUrl, ok: argsOk } = originAgentArgs();
harness.run(main, {
  argsOk,
  usage: "usage: node xuna-voice-conversation.mjs <ws-origin e.g. ws://127.0.0.1:PORT> <agentId> [--signed-url=<url>]",
});
