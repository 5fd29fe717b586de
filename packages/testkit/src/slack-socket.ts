import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { closeServer, listenLocal } from './slack-http.js';

/** A local stand-in for Slack's Socket Mode endpoint: it says hello and sends envelopes. */
export interface FakeSocketMode {
  /** `ws://127.0.0.1:<port>/`: give it to the Slack fake as `socketModeUrl`. */
  readonly url: string;
  /** How many times a client connected. */
  connections(): number;
  /** Sends a JSON message (e.g. a `slash_commands` envelope) to every connected client. */
  send(message: Readonly<Record<string, unknown>>): void;
  close(): Promise<void>;
}

const handshakeGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One unmasked text frame (server to client), up to 65,535 bytes. */
const textFrame = (text: string): Buffer => {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length > 0xffff) throw new Error('fake socket frames are at most 64 KiB');
  const header =
    payload.length <= 125
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
};

/** The opcode and whole length of the (masked, client) frame at the start of `data`, if complete. */
const frameAt = (data: Buffer): { opcode: number; length: number } | null => {
  if (data.length < 2) return null;
  const short = (data[1] ?? 0) & 0x7f;
  const extra = short === 126 ? 2 : short === 127 ? 8 : 0;
  if (data.length < 2 + extra) return null;
  const payload =
    short === 126 ? data.readUInt16BE(2) : short === 127 ? Number(data.readBigUInt64BE(2)) : short;
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  const length = 2 + extra + (masked ? 4 : 0) + payload;
  return data.length < length ? null : { opcode: (data[0] ?? 0) & 0x0f, length };
};

/**
 * Accepts WebSocket upgrades and sends Slack's `hello`, which is all a Socket Mode client needs
 * to count as connected; `send` delivers envelopes. Incoming frames (acks) are ignored, but
 * a close frame.
 */
export const startFakeSocketMode = async (): Promise<FakeSocketMode> => {
  const sockets = new Set<Duplex>();
  let connections = 0;
  const server = createServer((_request, response) => response.writeHead(426).end());
  server.on('upgrade', (request, socket) => {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string') return socket.destroy();
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // A client's close frame (opcode 8) is answered with one, as a WebSocket server does.
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let frame = frameAt(pending); frame !== null; frame = frameAt(pending)) {
        pending = pending.subarray(frame.length);
        if (frame.opcode === 0x8) socket.end(Buffer.from([0x88, 0]));
      }
    });
    const accept = createHash('sha1').update(`${key}${handshakeGuid}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.write(textFrame(JSON.stringify({ type: 'hello', num_connections: 1 })));
  });
  const port = await listenLocal(server);
  return {
    url: `ws://127.0.0.1:${String(port)}/`,
    connections: () => connections,
    send: (message) => {
      for (const socket of sockets) socket.write(textFrame(JSON.stringify(message)));
    },
    close: async () => {
      // A close frame first, as Slack closes a socket: the client ends cleanly, with no error.
      for (const socket of sockets) socket.end(Buffer.from([0x88, 0]));
      await closeServer(server);
    },
  };
};
