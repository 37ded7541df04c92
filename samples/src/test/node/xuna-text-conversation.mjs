#!/usr/bin/env node
// Drives the real published npm client `@elevenlabs/client` (pinned in package.json) through a
// text-only conversation over WebSocket against a Parley server speaking the XUNA / ElevenLabs
// Agents protocol, and prints exactly one JSON summary line on stdout.
//
// usage: node xuna-text-conversation.mjs <ws-origin, e.g. ws://127.0.0.1:PORT> <agentId> [--signed-url=<ws url>]
//
//   With only origin + agentId the SDK builds
//     <origin>/v1/convai/conversation?agent_id=<agentId>&source=js_sdk&version=<sdk version>
//   With --signed-url the SDK connects to that URL (plus &source=js_sdk&version=...) instead and
//   the origin is ignored for the socket.
//
// Environment (all optional):
//   XUNA_WS_IMPL=ws|native   ws (default): the `ws` package, installed as globalThis.WebSocket, with
//                            allowSynchronousEvents=false so that every frame is dispatched in its own
//                            macrotask, as browsers do. native: Node's own WebSocket (undici); on Node 20
//                            that needs `node --experimental-websocket` (it is on by default from Node 22).
//   XUNA_CONNECT_TIMEOUT_MS  default 10000   (handshake + conversation_initiation_metadata)
//   XUNA_REPLY_TIMEOUT_MS    default 10000   (first message, and each reply)
//   XUNA_HOLD_MS             default 1500    (time kept open after the last reply, for server pings)
//   XUNA_CLOSE_TIMEOUT_MS    default 5000    (waiting for the close handshake after endSession)
//   XUNA_QUESTIONS           JSON array of strings, default the two questions below
//   XUNA_DEBUG=1             log every raw frame to stderr
//
// Exit code 0 when the whole flow completed, 1 otherwise (reason(s) in "errors"). Nothing but the
// JSON line is written to stdout; the SDK's own console output goes to stderr.

import { readFileSync } from "node:fs";
import WsWebSocket from "ws";
import { createHarness, envNumber, originAgentArgs, sleep } from "../harness-shared/harness.mjs";

const CONNECT_TIMEOUT_MS = envNumber("XUNA_CONNECT_TIMEOUT_MS", 10000);
const REPLY_TIMEOUT_MS = envNumber("XUNA_REPLY_TIMEOUT_MS", 10000);
const HOLD_MS = envNumber("XUNA_HOLD_MS", 1500);
const CLOSE_TIMEOUT_MS = envNumber("XUNA_CLOSE_TIMEOUT_MS", 5000);
const WS_IMPL = (process.env.XUNA_WS_IMPL || "ws").toLowerCase();
let QUESTIONS = ["What are your opening hours?", "Are you open on Sunday?"];
if (process.env.XUNA_QUESTIONS) QUESTIONS = JSON.parse(process.env.XUNA_QUESTIONS);

// ---- result ---------------------------------------------------------------------------------------
const result = {
  connected: false,
  conversationId: null,
  messages: [],
  pingsReceived: 0,
  pongsSent: 0,
  closeCode: null,
  errors: [],
  // extra diagnostics (not needed by the basic assertions)
  closeReason: null,
  url: null,
  offeredProtocols: null,
  protocol: null,
  wsImpl: WS_IMPL,
  sdkVersion: null,
  disconnect: null,
  chatResponseParts: [],
  framesReceived: {},
  framesSent: {},
  clientInitiation: null,
  sentUserMessages: [],
};
// stdout is reserved for the single JSON line. Hard stop: whatever happens, never hang.
const harness = createHarness({
  result,
  tag: "harness",
  debug: process.env.XUNA_DEBUG === "1",
  hardLimitMs: CONNECT_TIMEOUT_MS + REPLY_TIMEOUT_MS * (QUESTIONS.length + 1) + HOLD_MS + CLOSE_TIMEOUT_MS + 5000,
});
const { fail, dbg } = harness;

// ---- raw frame recording ---------------------------------------------------------------------------
let rawSocket = null;
let socketClosed = null; // resolves with {code, reason}
function recordSocket(sock, url, protocols) {
  rawSocket = sock;
  result.url = String(url);
  result.offeredProtocols = protocols == null ? [] : [].concat(protocols);
  socketClosed = new Promise((resolve) => {
    sock.addEventListener("close", (ev) => {
      result.closeCode = ev.code;
      result.closeReason = ev.reason || "";
      dbg("socket close", ev.code, JSON.stringify(ev.reason));
      resolve({ code: ev.code, reason: ev.reason });
    });
  });
  sock.addEventListener("open", () => { result.protocol = sock.protocol; dbg("socket open, protocol", JSON.stringify(sock.protocol)); });
  sock.addEventListener("error", (ev) => { dbg("socket error", ev?.message || ev?.error?.message || ev?.type); });
  sock.addEventListener("message", (ev) => {
    const text = typeof ev.data === "string" ? ev.data : Buffer.from(ev.data).toString("utf8");
    dbg("<<", text.length > 300 ? text.slice(0, 300) + "..." : text);
    let type = "<non-json>";
    try { const m = JSON.parse(text); type = m?.type ?? (m && "user_audio_chunk" in m ? "user_audio_chunk" : "<no-type>"); } catch { /* keep */ }
    result.framesReceived[type] = (result.framesReceived[type] || 0) + 1;
    if (type === "ping") result.pingsReceived++;
  });
}
function recordSend(data) {
  const text = typeof data === "string" ? data : Buffer.from(data).toString("utf8");
  dbg(">>", text.length > 300 ? text.slice(0, 300) + "..." : text);
  let type = "<non-json>";
  try {
    const m = JSON.parse(text);
    type = m?.type ?? (m && "user_audio_chunk" in m ? "user_audio_chunk" : "<no-type>");
    if (type === "conversation_initiation_client_data") result.clientInitiation = m;
    if (type === "user_message") result.sentUserMessages.push(m);
  } catch { /* keep */ }
  result.framesSent[type] = (result.framesSent[type] || 0) + 1;
  if (type === "pong") result.pongsSent++;
}

if (WS_IMPL === "native") {
  const Native = globalThis.WebSocket;
  if (typeof Native !== "function") {
    fail("XUNA_WS_IMPL=native but this Node has no global WebSocket (use `node --experimental-websocket` on Node 20)");
  } else {
    globalThis.WebSocket = class RecordingWebSocket extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        recordSocket(this, url, protocols);
      }
      send(data) { recordSend(data); return super.send(data); }
    };
  }
} else {
  // `ws` as the global WebSocket. allowSynchronousEvents=false: one frame per macrotask, like a
  // browser (the SDK installs its main message listener only after the metadata frame resolved its
  // handshake promise; with synchronous dispatch, frames arriving in the same TCP read as the
  // metadata would be lost).
  globalThis.WebSocket = class RecordingWebSocket extends WsWebSocket {
    constructor(url, protocols) {
      super(url, protocols, { allowSynchronousEvents: false, handshakeTimeout: CONNECT_TIMEOUT_MS });
      recordSocket(this, url, protocols);
    }
    send(data) { recordSend(data); return super.send(data); }
  };
}

// ---- helpers ---------------------------------------------------------------------------------------
let disconnected = null; // set by onDisconnect
const waiters = new Set();
const poke = () => { for (const w of [...waiters]) w(); };
/** Resolve true when pred() holds, false on timeout; rejects early if the session disconnected. */
function waitFor(pred, ms, what) {
  return new Promise((resolve) => {
    let timer;
    const check = () => {
      if (pred()) { cleanup(); resolve(true); return; }
      if (disconnected && disconnected.reason !== "user") {
        cleanup(); fail(`disconnected while waiting for ${what}: ${JSON.stringify(disconnected)}`); resolve(false);
      }
    };
    const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
    timer = setTimeout(() => { cleanup(); fail(`timeout after ${ms} ms waiting for ${what}`); resolve(false); }, ms);
    waiters.add(check);
    check();
  });
}
const aiCount = () => result.messages.filter((m) => m.source === "ai").length;

// ---- the flow --------------------------------------------------------------------------------------
async function main() {
  const sdk = await import("@elevenlabs/client");
  try {
    const pkg = new URL("./node_modules/@elevenlabs/client/package.json", import.meta.url);
    result.sdkVersion = JSON.parse(readFileSync(pkg, "utf8")).version ?? null;
  } catch { /* informational only */ }
  if (result.errors.length) return false;

  const options = {
    connectionType: "websocket",
    textOnly: true,
    ...(signedUrl ? { signedUrl } : { agentId, origin }),
    onConnect: ({ conversationId }) => { result.connected = true; result.conversationId = conversationId; dbg("onConnect", conversationId); poke(); },
    onMessage: (m) => {
      dbg("onMessage", JSON.stringify(m));
      result.messages.push({ source: m.source, message: m.message, ...(m.event_id !== undefined ? { event_id: m.event_id } : {}) });
      poke();
    },
    onAgentChatResponsePart: (p) => { result.chatResponseParts.push(p); },
    onError: (message, context) => {
      fail(`onError: ${message}${context !== undefined ? " " + safeJson(context) : ""}`);
      poke();
    },
    onDisconnect: (details) => {
      disconnected = details;
      result.disconnect = details;
      dbg("onDisconnect", JSON.stringify(details));
      poke();
    },
    onStatusChange: ({ status }) => dbg("status", status),
  };

  let conversation;
  let connectTimer;
  try {
    conversation = await Promise.race([
      sdk.Conversation.startSession(options),
      new Promise((_, rej) => { connectTimer = setTimeout(() => rej(new Error(`timeout after ${CONNECT_TIMEOUT_MS} ms waiting for the session to start (handshake + conversation_initiation_metadata)`)), CONNECT_TIMEOUT_MS); }),
    ]);
  } catch (e) {
    fail(`startSession failed: ${e?.name ? e.name + ": " : ""}${e?.message || e}${e?.closeCode !== undefined ? ` (closeCode ${e.closeCode}, closeReason ${JSON.stringify(e.closeReason ?? null)})` : ""}`);
    try { rawSocket?.close(1000); } catch { /* ignore */ }
    if (socketClosed) await Promise.race([socketClosed, sleep(1000)]);
    return false;
  } finally {
    clearTimeout(connectTimer);
  }
  result.connected = true;
  result.conversationId = result.conversationId ?? conversation.getId();

  let ok = await waitFor(() => aiCount() >= 1, REPLY_TIMEOUT_MS, "the agent's first message");
  for (let i = 0; ok && i < QUESTIONS.length; i++) {
    const before = result.messages.length;
    conversation.sendUserMessage(QUESTIONS[i]);
    ok = await waitFor(
      () => result.messages.slice(before).some((m) => m.source === "ai"),
      REPLY_TIMEOUT_MS,
      `the agent's reply to question ${i + 1} (${JSON.stringify(QUESTIONS[i])})`,
    );
  }
  if (ok) {
    await sleep(HOLD_MS); // let the server ping a few times; the SDK answers each with a pong
    if (disconnected && disconnected.reason !== "user") {
      fail(`disconnected before the end of the hold period: ${JSON.stringify(disconnected)}`);
      ok = false;
    }
  }

  // End the session with the SDK's own method (closes the socket with 1000 "User ended conversation").
  if (!disconnected) {
    try { await conversation.endSession(); } catch (e) { fail(`endSession failed: ${e?.message || e}`); ok = false; }
  }
  if (socketClosed) {
    const closed = await Promise.race([socketClosed.then(() => true), sleep(CLOSE_TIMEOUT_MS).then(() => false)]);
    if (!closed) { fail(`timeout after ${CLOSE_TIMEOUT_MS} ms waiting for the close handshake`); ok = false; }
  }
  return ok && result.errors.length === 0;
}

function safeJson(v) {
  try { return JSON.stringify(v, (k, x) => (x instanceof Error ? { name: x.name, message: x.message } : x)); } catch { return String(v); }
}

// ---- args, then the run -------------------------------------------------------------------------------
const { origin, agentId, signedUrl, ok: argsOk } = originAgentArgs();
harness.run(main, {
  argsOk,
  usage: "usage: node xuna-text-conversation.mjs <ws-origin e.g. ws://127.0.0.1:PORT> <agentId> [--signed-url=<url>]",
});
