// In-page half of xuna-voice-conversation.mjs. Served as /page.js after /sdk.js (the published
// @elevenlabs/client, bundled by esbuild into an IIFE that sets globalThis.ElevenLabsClient).
//
// It wraps window.WebSocket BEFORE the SDK opens its socket (the SDK reads the global at call time),
// counts every frame in both directions by type, and exposes window.__xunaHarness with
//   start(cfg)  -> starts Conversation.startSession in VOICE mode over websocket; resolves {ok, error}
//   snapshot()  -> a JSON-safe copy of everything recorded so far
//   end(ms)     -> conversation.endSession(), then waits (bounded) for the socket's close event
//   micAudio()  -> the base64 payloads of every user_audio_chunk sent (only with start({saveMic: true}))
// Nothing here talks to anything but the page's own origin and the ws:// origin it is given.
// Bundled by esbuild (with ../harness-shared/page.js) before it is served.
import { b64Bytes, recordClose, recording, reportPageErrors, waiters } from "../harness-shared/page.js";

(() => {
  "use strict";
  const state = {
    sdkLoaded: typeof globalThis.ElevenLabsClient === "object",
    connected: false,
    conversationId: null,
    messages: [],
    modes: [],
    statuses: [],
    errors: [],
    consoleErrors: [],
    disconnect: null,
    url: null,
    offeredProtocols: null,
    protocol: null,
    closeCode: null,
    closeReason: null,
    closeWasClean: null,
    firstFrameType: null,
    inputFormat: null,
    outputFormat: null,
    metadata: null,
    clientInitiation: null,
    framesSent: {},
    framesReceived: {},
    userAudioChunksSent: 0,
    userAudioBytesSent: 0,
    userAudioVoicedChunks: 0, // chunks whose peak is above ~-30 dBFS (pcm only): proves the WAV reaches the socket
    userAudioPeak: 0, // max |sample| / 32768 over all pcm chunks sent
    userAudioChunkBytes: {}, // decoded chunk size -> count
    audioFramesReceived: 0,
    audioBytesReceived: 0,
    audioEventIds: {}, // event_id -> number of audio frames
    audioFramesWithoutEventId: 0,
    onAudioCalls: 0, // SDK onAudio callback: only for audio not made stale by an interruption
    interruptions: 0,
    interruptionEventIds: [],
    onInterruptionCalls: 0,
    pingsReceived: 0,
    pongsSent: 0,
    vadScores: 0,
    timings: {}, // ms since page script start
    callbacks: {},
  };
  const { now, mark, fail } = recording(state);
  const countCb = (name) => { state.callbacks[name] = (state.callbacks[name] || 0) + 1; };

  const safeJson = (v) => {
    try {
      return JSON.stringify(v, (k, x) => (x instanceof Error ? { name: x.name, message: x.message } : x));
    } catch {
      return String(v);
    }
  };

  // ---- pcm peak of what the SDK sends -----------------------------------------------------------
  function pcmPeak(b64) {
    const bin = atob(b64);
    let peak = 0;
    for (let i = 0; i + 1 < bin.length; i += 2) {
      let s = bin.charCodeAt(i) | (bin.charCodeAt(i + 1) << 8);
      if (s & 0x8000) s -= 0x10000;
      const a = Math.abs(s);
      if (a > peak) peak = a;
    }
    return peak / 32768;
  }

  // ---- WebSocket wrapper ------------------------------------------------------------------------
  const NativeWebSocket = window.WebSocket;
  const typeOf = (m) => (m && typeof m === "object" ? (m.type ?? ("user_audio_chunk" in m ? "user_audio_chunk" : "<no-type>")) : "<non-object>");

  function recordReceived(data) {
    if (typeof data !== "string") {
      state.framesReceived["<binary>"] = (state.framesReceived["<binary>"] || 0) + 1;
      return;
    }
    let m;
    try { m = JSON.parse(data); } catch {
      state.framesReceived["<non-json>"] = (state.framesReceived["<non-json>"] || 0) + 1;
      return;
    }
    const type = typeOf(m);
    state.framesReceived[type] = (state.framesReceived[type] || 0) + 1;
    if (state.firstFrameType === null) state.firstFrameType = type;
    switch (type) {
      case "conversation_initiation_metadata": {
        const ev = m.conversation_initiation_metadata_event || {};
        state.metadata = ev;
        state.inputFormat = ev.user_input_audio_format ?? null;
        state.outputFormat = ev.agent_output_audio_format ?? null;
        mark("metadata");
        break;
      }
      case "audio": {
        state.audioFramesReceived++;
        mark("firstAudioReceived");
        const ev = m.audio_event || {};
        if (typeof ev.audio_base_64 === "string") state.audioBytesReceived += b64Bytes(ev.audio_base_64);
        if (ev.event_id === undefined || ev.event_id === null) state.audioFramesWithoutEventId++;
        else state.audioEventIds[ev.event_id] = (state.audioEventIds[ev.event_id] || 0) + 1;
        break;
      }
      case "interruption": {
        state.interruptions++;
        mark("firstInterruption");
        const id = m.interruption_event?.event_id;
        state.interruptionEventIds.push(id === undefined ? null : id);
        break;
      }
      case "ping":
        state.pingsReceived++;
        break;
      case "user_transcript":
        mark("firstUserTranscriptFrame");
        break;
      case "vad_score":
        state.vadScores++;
        break;
      default:
        break;
    }
  }

  function recordSent(data) {
    if (typeof data !== "string") {
      state.framesSent["<binary>"] = (state.framesSent["<binary>"] || 0) + 1;
      return;
    }
    let m;
    try { m = JSON.parse(data); } catch {
      state.framesSent["<non-json>"] = (state.framesSent["<non-json>"] || 0) + 1;
      return;
    }
    const type = typeOf(m);
    state.framesSent[type] = (state.framesSent[type] || 0) + 1;
    if (type === "user_audio_chunk") {
      state.userAudioChunksSent++;
      mark("firstUserAudioSent");
      const b64 = typeof m.user_audio_chunk === "string" ? m.user_audio_chunk : "";
      const n = b64Bytes(b64);
      state.userAudioBytesSent += n;
      state.userAudioChunkBytes[n] = (state.userAudioChunkBytes[n] || 0) + 1;
      if (keepMicChunks) micChunks.push(b64);
      if (!state.inputFormat || state.inputFormat.startsWith("pcm")) {
        const p = pcmPeak(b64);
        if (p > state.userAudioPeak) state.userAudioPeak = p;
        if (p > 0.03) { state.userAudioVoicedChunks++; mark("firstVoicedUserAudioSent"); }
      }
    } else if (type === "pong") {
      state.pongsSent++;
    } else if (type === "conversation_initiation_client_data") {
      state.clientInitiation = m;
    }
  }

  class RecordingWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      state.url = String(url);
      state.offeredProtocols = protocols == null ? [] : [].concat(protocols);
      mark("socketCreated");
      this.addEventListener("open", () => { state.protocol = this.protocol; mark("socketOpen"); });
      this.addEventListener("message", (ev) => recordReceived(ev.data));
      recordClose(this, state, mark, () => closed.wake());
    }
    send(data) {
      recordSent(data);
      return super.send(data);
    }
  }
  const closed = waiters(fail);
  window.WebSocket = RecordingWebSocket;

  reportPageErrors(fail);

  let conversation = null;
  let keepMicChunks = false; // start({saveMic: true}): keep what the SDK sent, for micAudio()
  const micChunks = [];

  async function start(cfg) {
    if (!state.sdkLoaded) {
      fail("the SDK bundle did not load (globalThis.ElevenLabsClient missing)");
      return { ok: false };
    }
    const { Conversation } = globalThis.ElevenLabsClient;
    keepMicChunks = !!cfg.saveMic;
    const options = {
      connectionType: "websocket",
      ...(cfg.signedUrl ? { signedUrl: cfg.signedUrl } : { agentId: cfg.agentId, origin: cfg.origin }),
      ...(cfg.extraOptions || {}),
      onConnect: ({ conversationId }) => {
        countCb("onConnect");
        state.connected = true;
        state.conversationId = conversationId;
        mark("onConnect");
      },
      onMessage: (m) => {
        countCb("onMessage");
        state.messages.push({ source: m.source, message: m.message, ...(m.event_id !== undefined ? { event_id: m.event_id } : {}), atMs: now() });
        if (m.source === "user") mark("firstUserMessage");
      },
      onModeChange: ({ mode }) => {
        countCb("onModeChange");
        if (state.modes[state.modes.length - 1] !== mode) state.modes.push(mode);
        if (mode === "speaking") mark("firstSpeaking");
      },
      onStatusChange: ({ status }) => {
        countCb("onStatusChange");
        state.statuses.push(status);
      },
      onError: (message, context) => {
        countCb("onError");
        fail(`onError: ${message}${context !== undefined ? " " + safeJson(context) : ""}`);
      },
      onDisconnect: (details) => {
        countCb("onDisconnect");
        state.disconnect = JSON.parse(safeJson(details));
        mark("onDisconnect");
      },
      onAudio: () => { state.onAudioCalls++; },
      onInterruption: () => { state.onInterruptionCalls++; },
      onVadScore: () => { countCb("onVadScore"); },
      onPing: () => { countCb("onPing"); },
      onConversationMetadata: () => { countCb("onConversationMetadata"); },
    };
    try {
      conversation = await Conversation.startSession(options);
      state.connected = true;
      state.conversationId = state.conversationId ?? conversation.getId?.() ?? null;
      state.conversationType = conversation.type ?? null;
      return { ok: true };
    } catch (e) {
      const extra = e && e.closeCode !== undefined ? ` (closeCode ${e.closeCode}, closeReason ${JSON.stringify(e.closeReason ?? null)})` : "";
      fail(`startSession failed: ${e?.name ? e.name + ": " : ""}${e?.message || e}${extra}`);
      return { ok: false };
    }
  }

  async function end(closeTimeoutMs) {
    if (conversation && !state.disconnect) {
      try {
        await conversation.endSession();
      } catch (e) {
        fail(`endSession failed: ${e?.message || e}`);
      }
    }
    if (state.url) await closed.wait(() => state.closeCode !== null, closeTimeoutMs, "the close handshake");
    return snapshot();
  }

  function snapshot() {
    return JSON.parse(JSON.stringify({ ...state, nowMs: now() }));
  }

  /** The user audio sent so far, as base64 strings, one per user_audio_chunk frame (start({saveMic:true})). */
  function micAudio() {
    return micChunks.slice();
  }

  window.__xunaHarness = { start, end, snapshot, micAudio };
})();
