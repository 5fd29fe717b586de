import { createServer } from 'node:http';
import { closeServer, listenLocal, parseSlackBody, readSlackBody } from './slack-http.js';
import type { SentPayload } from './slack-privacy.js';

/** One POST to a slash command's `response_url` (what Bolt's `respond()` sends). */
export interface CapturedResponse {
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface ResponseCapture {
  /** A fresh `response_url` on this server, unique per call. */
  nextUrl(): string;
  readonly posts: CapturedResponse[];
  /** The posts sent to one URL from {@link nextUrl}. */
  postsTo(url: string): CapturedResponse[];
  /** Every answer as a payload a person reads (for the privacy check). */
  payloads(): SentPayload[];
  close(): Promise<void>;
}

/** A tiny local server standing in for Slack's `response_url` endpoints. */
export const startResponseCapture = async (): Promise<ResponseCapture> => {
  const posts: CapturedResponse[] = [];
  const server = createServer((req, res) => {
    readSlackBody(req)
      .then((raw) => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        posts.push({ path, body: parseSlackBody(raw, req.headers['content-type']) });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      })
      .catch(() => res.writeHead(500).end());
  });
  const port = await listenLocal(server);
  const base = `http://127.0.0.1:${String(port)}`;
  let counter = 0;
  return {
    nextUrl: () => {
      counter += 1;
      return `${base}/commands/T0ACME/${String(counter)}/hook`;
    },
    posts,
    payloads: () => posts.map((post) => ({ where: 'response_url', body: post.body })),
    postsTo: (url) => {
      const path = new URL(url).pathname;
      return posts.filter((post) => post.path === path);
    },
    close: () => closeServer(server),
  };
};
