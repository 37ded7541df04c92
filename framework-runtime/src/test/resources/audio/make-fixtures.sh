#!/usr/bin/env bash
# Remakes the audio fixtures of dev.parley.runtime.audio.decoding's tests (see README.md). The tests do not
# run this: the files are committed. Needs the Debian packages flite sox opus-tools lame flac chromium, and
# node with playwright-core installed in samples/src/test/browser (npm ci there).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The source: flite's slt voice, 16 kHz mono 16-bit.
flite -voice slt -t "what are your opening hours" -o speech.wav

opusenc --quiet --bitrate 24 speech.wav speech.opus
# 64 kb/s: a frame of a lower rate has no room for the LAME tag that tells the decoder what to trim.
lame --quiet -b 64 speech.wav speech.mp3
# MPEG-1 stereo, the right channel at half the left's level, so the downmix has something to average.
sox speech.wav -r 44100 "$work/stereo.wav" remix 1 1v0.5
lame --quiet --resample 44.1 -m j -b 80 "$work/stereo.wav" speech-stereo-44k.mp3
flac --silent --best --force -o speech.flac speech.wav

# Chromium's fake microphone wants 16-bit PCM; it loops the file, so it ends in enough silence that the
# 3.2 s recording hears the sentence once.
sox speech.wav -r 48000 "$work/microphone.wav" pad 0.5 3
node record-webm.mjs "$work/microphone.wav" recording 3.2
