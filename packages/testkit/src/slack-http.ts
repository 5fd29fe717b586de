import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Small HTTP helpers shared by the Slack fakes: bodies (form or JSON) and JSON answers. */
export const readSlackBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
};

const parseMaybeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Web API body as a plain object: JSON as is; form fields as strings, except those holding JSON
 * arrays or objects (`blocks`, `view`), which the Web API client sends JSON-encoded.
 */
export const parseSlackBody = (
  raw: string,
  contentType: string | undefined,
): Record<string, unknown> => {
  if ((contentType ?? '').includes('application/json')) {
    const parsed = parseMaybeJson(raw);
    return isRecord(parsed) ? parsed : {};
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const trimmed = value.trim();
    const json =
      trimmed.startsWith('[') || trimmed.startsWith('{') ? parseMaybeJson(trimmed) : undefined;
    result[key] = json ?? value;
  }
  return result;
};

export const sendSlackJson = (res: ServerResponse, status: number, body: unknown): void => {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body));
};

export const listenLocal = async (server: Server): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('fake Slack: no TCP address');
  return address.port;
};

export const closeServer = (server: Server): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });

export const sleepMs = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
