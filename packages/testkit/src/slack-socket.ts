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

/**
 * Accepts WebSocket upgrades and sends Slack's `hello`, which is all a Socket Mode client needs
 * to count as connected; `send` delivers envelopes. Incoming frames (acks) are ignored.
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
      for (const socket of sockets) socket.destroy();
      await closeServer(server);
    },
  };
};
