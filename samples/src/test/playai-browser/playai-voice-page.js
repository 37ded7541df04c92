// Page side of playai-voice-conversation.mjs: runs in headless Chromium after the @play-ai/agent-web-sdk bundle
// (/sdk.js, which sets globalThis.PlayAI = { connectAgent }). It installs, before the SDK makes anything:
//   - a WebSocket subclass that sends the SDK's socket (hard-coded wss://api.play.ai/v1/agents/<id>/start-conversation)
//     to the local server instead (same path and query, the harness's ws origin), and records every frame;
//   - a hook on document.createElement("audio") / new Audio() so that the harness can read how much of the agent's
//     audio the SDK's player really played (HTMLMediaElement.played);
//   - a hook on createAnalyser(): both of the SDK's players (MSE <audio> element, or AudioWorklet) put an AnalyserNode
//     on their output, and the page samples them every 50 ms: `audibleSeconds` is how long the agent's audio was
//     really coming out of the SDK's player (not silence, not paused);
// then window.__playaiHarness.start(cfg) calls connectAgent(agentId, {listeners, debug}) and reports every SDK
// event through window.__playaiEmit (exposed by the runner) and in snapshot(). Bundled by esbuild (with
// ../harness-shared/page.js) before it is served.
import { b64Bytes, recordClose, recording, reportPageErrors, waiters } from "../harness-shared/page.js";

(() => {
  "use strict";
  const state = {
    sdkLoaded: typeof globalThis.PlayAI?.connectAgent === "function",
    connected: false,
    init: null,
    conversationId: null,
    originalUrl: null,
    url: null,
    setup: null,
    greeting: null,
    greetingEnd: null,
    userTranscripts: [],
    agentTranscripts: [],
    speechCompleted: [],
    hangups: [],
    sdkErrors: [],
    errors: [],
    teardownErrors: [],
    events: [],
    framesSent: {},
    framesReceived: {},
    receivedOrder: [],
    audioInFrames: 0,
    audioInEmptyFrames: 0,
    audioInBytes: 0,
    audioInFrameBytes: {},
    audioInVoicedFrames: 0,
    audioStreamPieces: 0,
    audioStreamBytes: 0,
    conversationAudioFrames: 0,
    conversationAudioChars: 0,
    conversationAudioMaxFrameChars: 0,
    bufferEmptySent: 0,
    closeCode: null,
    closeReason: null,
    closeWasClean: null,
    startedSpeaking: 0,
    stoppedSpeaking: 0,
    audioElements: 0,
    timings: {},
    player: null,
  };
  const { now, mark, fail } = recording(state);
  const safeJson = (v) => { try { return JSON.stringify(v); } catch { return String(v); } };
  const count = (map, key) => { map[key] = (map[key] || 0) + 1; };

  function emit(event, fields = {}) {
    const ev = { event, atMs: now(), ...fields };
    if (state.events.length < 500) state.events.push(ev);
    try { window.__playaiEmit?.(ev); } catch { /* the runner may be gone */ }
  }

  // ---- which player the SDK picks (it checks MediaSource.isTypeSupported in uo()) -----------------------------
  try {
    state.player = {
      mseMp3: !!window.MediaSource && MediaSource.isTypeSupported("audio/mpeg"),
      mseWav: !!window.MediaSource && MediaSource.isTypeSupported("audio/wav; sampleRate=44100"),
    };
  } catch { /* no MediaSource */ }

  // ---- audio elements made by the SDK's player ------------------------------------------------------------------
  const audioEls = [];
  const track = (el) => { audioEls.push(el); state.audioElements = audioEls.length; return el; };
  const nativeCreateElement = Document.prototype.createElement;
  Document.prototype.createElement = function (name, ...rest) {
    const el = nativeCreateElement.call(this, name, ...rest);
    return String(name).toLowerCase() === "audio" ? track(el) : el;
  };
  const NativeAudio = window.Audio;
  window.Audio = function Audio(...args) { return track(new NativeAudio(...args)); };
  window.Audio.prototype = NativeAudio.prototype;

  /**
   * Seconds the SDK's <audio> elements played (their `played` ranges; the highest sum seen, as the hang-up resets the
   * element). Only meaningful for the MSE player: the fallback player's element plays a live MediaStream.
   */
  let elementPlayedHigh = 0;
  function elementPlayedSeconds() {
    let s = 0;
    for (const el of audioEls) {
      const r = el.played;
      for (let i = 0; i < r.length; i++) s += r.end(i) - r.start(i);
    }
    elementPlayedHigh = Math.max(elementPlayedHigh, Math.round(s * 1000) / 1000);
    return elementPlayedHigh;
  }

  // ---- what really came out of the SDK's player: its AnalyserNodes, sampled every 50 ms ---------------------------
  const analysers = [];
  const nativeCreateAnalyser = BaseAudioContext.prototype.createAnalyser;
  BaseAudioContext.prototype.createAnalyser = function () {
    const a = nativeCreateAnalyser.call(this);
    analysers.push(a);
    return a;
  };
  let audible = 0;
  let audiblePeak = 0;
  let lastTick = performance.now();
  setInterval(() => {
    const t = performance.now();
    const dt = Math.min(t - lastTick, 200) / 1000;
    lastTick = t;
    let rms = 0;
    for (const a of analysers) {
      if (a.context.state !== "running") continue;
      const buf = new Float32Array(a.fftSize);
      a.getFloatTimeDomainData(buf);
      let sum = 0;
      for (let i = 0; i < buf.length; i++) sum += buf[i] * buf[i];
      rms = Math.max(rms, Math.sqrt(sum / buf.length));
    }
    if (rms > audiblePeak) audiblePeak = rms;
    if (rms > 0.003) { audible += dt; mark("firstAudible"); }
  }, 50);
  const audibleSeconds = () => Math.round(audible * 1000) / 1000;
  let audibleAtLastStop = 0;

  // ---- mu-law peak, to tell voiced microphone frames from silence ---------------------------------------------
  function mulawPeak(b64) {
    const bin = atob(b64);
    let peak = 0;
    for (let i = 0; i < bin.length; i++) {
      const u = ~bin.charCodeAt(i) & 0xff;
      const exponent = (u >> 4) & 7;
      const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
      if (magnitude > peak) peak = magnitude;
    }
    return peak / 32768;
  }

  // ---- WebSocket: route to the local server, record frames ----------------------------------------------------
  const NativeWebSocket = window.WebSocket;
  let routeOrigin = null; // e.g. ws://127.0.0.1:PORT, set by start()
  const closed = waiters(fail);

  function recordReceived(data) {
    if (typeof data !== "string") {
      count(state.framesReceived, "<binary>");
      fail("the server sent a binary frame: the SDK JSON.parses every frame, so this is a fatal error after init");
      return;
    }
    let m;
    try { m = JSON.parse(data); } catch {
      count(state.framesReceived, "<non-json>");
      fail(`the server sent a frame that is not JSON: ${data.slice(0, 200)}`);
      return;
    }
    const type = m && typeof m === "object" ? String(m.type) : "<non-object>";
    count(state.framesReceived, type);
    if (state.receivedOrder.length < 200 && state.receivedOrder[state.receivedOrder.length - 1] !== type) state.receivedOrder.push(type);
    switch (type) {
      case "init":
        mark("init");
        state.init = { agentOwnerId: m.agentOwnerId, conversationId: m.conversationId, language: m.language };
        break;
      case "onAgentGreeting":
        mark("greeting");
        if (state.greeting === null) { state.greeting = m.message ?? null; emit("greeting", { text: m.message }); }
        break;
      case "onAgentGreetingEnd":
        mark("greetingEnd");
        if (state.greetingEnd === null) { state.greetingEnd = m.message ?? null; emit("greetingEnd", { text: m.message }); }
        break;
      case "audioStream":
        mark("firstAudioStream");
        state.audioStreamPieces++;
        if (typeof m.data === "string") state.audioStreamBytes += b64Bytes(m.data);
        break;
      case "newAudioStream":
      case "audioStreamStart":
      case "voiceActivityStart":
      case "voiceActivityEnd":
      case "onAgentInterrupted":
      case "llmStreamEnd":
        emit("server", { type, ...(m.updatedMessage !== undefined ? { updatedMessage: m.updatedMessage } : {}) });
        break;
      case "hangup":
      case "error":
        emit("server", { frame: m });
        break;
      default:
        break;
    }
  }

  function recordSent(data) {
    let m;
    try { m = JSON.parse(data); } catch {
      count(state.framesSent, "<non-json>");
      return;
    }
    const type = String(m?.type);
    count(state.framesSent, type);
    switch (type) {
      case "setup":
        state.setup = m;
        mark("setupSent");
        emit("setupSent", { setup: data });
        break;
      case "audioIn": {
        state.audioInFrames++;
        const b64 = typeof m.data === "string" ? m.data : "";
        if (b64 === "") { state.audioInEmptyFrames++; break; }
        if (state.timings.micOpened === undefined) { mark("micOpened"); emit("micOpened"); }
        const n = b64Bytes(b64);
        state.audioInBytes += n;
        count(state.audioInFrameBytes, n);
        if (mulawPeak(b64) > 0.03) { state.audioInVoicedFrames++; mark("firstVoicedAudioIn"); }
        break;
      }
      case "conversationAudio": {
        state.conversationAudioFrames++;
        const c = typeof m.data === "string" ? m.data.length : 0;
        state.conversationAudioChars += c;
        state.conversationAudioMaxFrameChars = Math.max(state.conversationAudioMaxFrameChars, data.length);
        break;
      }
      case "bufferEmpty":
        state.bufferEmptySent++;
        break;
      default:
        break;
    }
  }

  class RoutedWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      const original = new URL(String(url), location.href);
      let target = original;
      if (routeOrigin && !["127.0.0.1", "localhost", "[::1]"].includes(original.hostname)) {
        target = new URL(original.pathname + original.search, routeOrigin);
      }
      super(target.href, protocols);
      state.originalUrl = original.href;
      state.url = target.href;
      mark("socketCreated");
      emit("socket", { sdkUrl: original.href, routedTo: target.href });
      this.addEventListener("open", () => mark("socketOpen"));
      this.addEventListener("message", (ev) => recordReceived(ev.data));
      recordClose(this, state, mark, (ev) => {
        emit("closed", { code: ev.code, reason: ev.reason || "", wasClean: ev.wasClean });
        closed.wake();
      });
    }
    send(data) {
      if (typeof data === "string") recordSent(data);
      else count(state.framesSent, "<binary>");
      return super.send(data);
    }
  }
  window.WebSocket = RoutedWebSocket;

  // Errors thrown while the SDK tears the call down (e.g. play() on its cleared <audio> element, or closing an
  // AudioContext twice after a double hang-up) are kept apart: they are the SDK's, after the call.
  let tearingDown = false;
  const pageFail = (msg) => {
    if (tearingDown || state.hangups.length > 0) { if (state.teardownErrors.length < 20) state.teardownErrors.push(msg); }
    else fail(msg);
  };
  reportPageErrors(pageFail);

  // ---- the conversation ---------------------------------------------------------------------------------------
  let controller = null;
  const hungUp = waiters(fail);

  async function start(cfg) {
    if (!state.sdkLoaded) {
      fail("the SDK bundle did not load (globalThis.PlayAI.connectAgent missing)");
      return { ok: false };
    }
    routeOrigin = cfg.origin;
    const listeners = {
      onConnect: (id) => emit("connected", { conversationId: id }),
      onUserTranscript: (text) => {
        state.userTranscripts.push({ text, atMs: now(), audibleSeconds: audibleSeconds() });
        mark("firstUserTranscript");
        emit("userTranscript", { text });
      },
      onAgentTranscript: (text) => {
        state.agentTranscripts.push({ text, atMs: now(), afterUser: state.userTranscripts.length > 0, userCount: state.userTranscripts.length });
        emit("agentTranscript", { text });
      },
      onAgentSpeechCompleted: (text, jobId) => {
        state.speechCompleted.push({ text, jobId });
        emit("agentSpeechCompleted", { text, jobId });
      },
      onUserStartedSpeaking: () => emit("userStartedSpeaking"),
      onUserStoppedSpeaking: () => emit("userStoppedSpeaking"),
      onAgentDecidedToSpeak: () => emit("agentDecidedToSpeak"),
      onAgentStartedSpeaking: () => {
        state.startedSpeaking++;
        mark("firstAgentStartedSpeaking");
        emit("agentStartedSpeaking", { audibleSeconds: audibleSeconds() });
      },
      onAgentStoppedSpeaking: () => {
        state.stoppedSpeaking++;
        // the player stopped (paused, ran dry, or was cleared): how much was audible since it last stopped
        const total = audibleSeconds();
        const delta = Math.round((total - audibleAtLastStop) * 1000) / 1000;
        audibleAtLastStop = total;
        emit("audioPlayed", { seconds: delta, totalSeconds: total, elementPlayedSeconds: elementPlayedSeconds() });
      },
      onHangup: (endedBy) => {
        state.hangups.push({ endedBy, atMs: now() });
        emit("hangup", { endedBy });
        hungUp.wake();
      },
      onError: (e) => {
        const err = { description: e?.description, isFatal: e?.isFatal, serverCode: e?.serverCode,
          cause: e?.cause ? String(e.cause.message || e.cause) : undefined,
          wsEvent: e?.wsEvent ? { type: e.wsEvent.type, code: e.wsEvent.code, wasClean: e.wsEvent.wasClean } : undefined };
        state.sdkErrors.push(err);
        emit("error", err);
      },
    };
    try {
      controller = await globalThis.PlayAI.connectAgent(cfg.agentId, { listeners, debug: !!cfg.debug, ...(cfg.options || {}) });
      state.connected = true;
      state.conversationId = controller.conversationId ?? null;
      emit("init", { conversationId: controller.conversationId, agentOwnerId: controller.agentOwnerId, language: controller.language ?? null });
      return { ok: true };
    } catch (e) {
      const chain = [];
      for (let c = e; c && chain.length < 6; c = c.cause) chain.push(String(c.message || c));
      const msg = `connectAgent failed: ${chain.join(" <- ")}`;
      fail(msg);
      emit("error", { description: msg, isFatal: true });
      return { ok: false };
    }
  }

  /** Hangs up as a user would (controller.hangup()), then waits for onHangup and the socket's close, bounded. */
  async function end(timeoutMs) {
    tearingDown = true;
    if (controller && state.hangups.length === 0) {
      try { controller.hangup(); } catch (e) { fail(`hangup() failed: ${e?.message || e}`); }
    }
    if (controller) await hungUp.wait(() => state.hangups.length > 0, timeoutMs, "onHangup");
    if (state.url) await closed.wait(() => state.closeCode !== null, timeoutMs, "the socket's close");
    // a second onHangup would come 500 ms after a late close event: give it the chance to show up
    await new Promise((r) => setTimeout(r, 700));
    return snapshot();
  }

  function snapshot() {
    return JSON.parse(JSON.stringify({ ...state, audibleSeconds: audibleSeconds(), audiblePeak: Math.round(audiblePeak * 1000) / 1000,
      elementPlayedSeconds: elementPlayedSeconds(), analysers: analysers.length, nowMs: now(),
      audioElementStates: audioEls.map((el) => ({ paused: el.paused, currentTime: Math.round(el.currentTime * 1000) / 1000,
        readyState: el.readyState, error: el.error ? el.error.code : null })) }));
  }

  window.__playaiHarness = { start, end, snapshot };
})();
