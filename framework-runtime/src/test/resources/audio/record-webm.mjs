#!/usr/bin/env node
// Records a WebM/Opus file the way a browser client does: Chromium's MediaRecorder on a microphone
// (Chromium's fake capture device playing a WAV), mimeType audio/webm;codecs=opus, timeslice 250 ms.
// Writes <out>.webm (the whole recording), <out>-chunks.txt (each ondataavailable Blob, base64, one
// per line, in order: the pieces a client sends) and <out>.json (what Chromium itself says about the
// recording: decodeAudioData's duration and rate, the track settings, the chunk count).
//
// usage: node record-webm.mjs <microphone.wav, 16-bit PCM> <out prefix> [seconds, default 3.2]
//
// playwright-core comes from samples/src/test/browser (npm ci there); CHROMIUM overrides /usr/bin/chromium.
// Only 127.0.0.1 is contacted: the page is served by a Node http server on an ephemeral port.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [wav, out, seconds = "3.2"] = process.argv.slice(2);
if (!wav || !out) {
  console.error("usage: node record-webm.mjs <microphone.wav> <out prefix> [seconds]");
  process.exit(2);
}
const require = createRequire(new URL("../../../../../samples/src/test/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const PAGE = `<!doctype html><meta charset="utf-8"><title>record</title><script>
window.record = async (millis) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const track = stream.getAudioTracks()[0];
  const recorder = new MediaRecorder(stream, { mimeType: "audio/webm;codecs=opus", audioBitsPerSecond: 32000 });
  const chunks = [];
  recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
  const stopped = new Promise((done) => { recorder.onstop = done; });
  recorder.start(250);
  await new Promise((done) => setTimeout(done, millis));
  recorder.stop();
  await stopped;
  track.stop();
  const base64 = async (blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  };
  const whole = new Blob(chunks, { type: recorder.mimeType });
  const decoded = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(await whole.arrayBuffer());
  return {
    mimeType: recorder.mimeType,
    chunks: await Promise.all(chunks.map(base64)),
    decodedSeconds: decoded.duration,
    decodedRate: decoded.sampleRate,
    decodedChannels: decoded.numberOfChannels,
    trackSettings: { ...track.getSettings(), deviceId: undefined, groupId: undefined }, // ids differ each run
    userAgent: navigator.userAgent,
  };
};
</script>`;

const server = createServer((req, res) => res.writeHead(200, { "content-type": "text/html" }).end(PAGE));
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const url = `http://127.0.0.1:${server.address().port}/`;
const profile = mkdtempSync(join(tmpdir(), "record-webm-"));
let browser;
try {
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    timeout: 30000,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
      "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${resolve(wav)}`,
    ],
  });
  await browser.route(/.*/, (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(url);
  const result = await page.evaluate((millis) => window.record(millis), Math.round(Number(seconds) * 1000));
  const pieces = result.chunks.map((c) => Buffer.from(c, "base64"));
  writeFileSync(`${out}.webm`, Buffer.concat(pieces));
  writeFileSync(`${out}-chunks.txt`, result.chunks.join("\n") + "\n");
  delete result.chunks;
  result.chunkCount = pieces.length;
  result.chunkBytes = pieces.map((p) => p.length);
  writeFileSync(`${out}.json`, JSON.stringify(result, null, 2) + "\n");
  console.log(`${out}.webm: ${pieces.length} chunks, ${Buffer.concat(pieces).length} bytes, ${result.decodedSeconds} s`);
} finally {
  await browser?.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
