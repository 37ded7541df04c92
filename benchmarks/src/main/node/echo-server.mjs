// The load benchmark's Node reference (server kind "node"): the hand-written XUNA echo of BaselineEcho, on the
// ws package, so the Node figure is measured in the same run as the Java servers. Same wire behaviour:
// selects convai, answers the client data with the metadata, sends every user_audio_chunk back as an audio event
// with an event_id, pings every PING_MILLIS and closes a session whose pongs stop. Same process protocol as
// BenchServer: prints "BENCH-READY <port>", then on stdin "mem" prints "BENCH-MEM <heap> <nonHeap> <rss> <threads>"
// (after a full GC when node runs with --expose-gc) and "stop" exits.
import { WebSocketServer } from 'ws';
import { createInterface } from 'node:readline';

const pingMillis = Number(process.argv[2] ?? 1000);
const pongTimeoutMillis = 20000;
const maxFrameBytes = 1 << 20;

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  path: '/v1/convai/conversation',
  maxPayload: 2 * maxFrameBytes,
  perMessageDeflate: false,
  handleProtocols: (offered) => (offered.has('convai') ? 'convai' : false),
});

server.on('connection', (socket) => {
  let started = false;
  let eventId = 0;
  let lastPingId = 0;
  let lastPongAt = Date.now();
  let pinger;

  const start = () => {
    if (started) return;
    started = true;
    socket.send(JSON.stringify({
      type: 'conversation_initiation_metadata',
      conversation_initiation_metadata_event: {
        conversation_id: 'conv_' + Math.random().toString(16).slice(2, 14),
        agent_output_audio_format: 'pcm_16000',
        user_input_audio_format: 'pcm_16000',
      },
    }));
    pinger = setInterval(() => {
      if (Date.now() - lastPongAt > pongTimeoutMillis) {
        socket.close(1008, 'No pong received');
        return;
      }
      socket.send(JSON.stringify({ type: 'ping', ping_event: { event_id: ++lastPingId } }));
    }, pingMillis);
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.close(1003, 'Binary frames are not accepted');
      return;
    }
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      socket.send(JSON.stringify({ type: 'error', error_event: { message: 'Invalid JSON' } }));
      return;
    }
    if (message.type === 'conversation_initiation_client_data') {
      start();
    } else if (typeof message.user_audio_chunk === 'string') {
      start();
      // decode and encode again, as the Java servers do: the echo is of the PCM, not of the text
      const pcm = Buffer.from(message.user_audio_chunk, 'base64');
      socket.send(JSON.stringify({ type: 'audio', audio_event: { audio_base_64: pcm.toString('base64'), event_id: ++eventId } }));
    } else if (message.type === 'pong') {
      lastPongAt = Date.now();
    }
  });
  socket.on('close', () => clearInterval(pinger));
});

server.on('listening', () => console.log('BENCH-READY ' + server.address().port));

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'mem') {
    global.gc?.();
    global.gc?.();
    const memory = process.memoryUsage();
    // one thread runs JavaScript; libuv's pool and V8's helpers are not the server's threads
    console.log(`BENCH-MEM ${memory.heapUsed} ${memory.external} ${memory.rss} 1`);
  } else if (command === 'stop') {
    process.exit(0);
  }
}).on('close', () => process.exit(0));
