import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small HTTP helpers for the fake GitHub API: JSON bodies and GitHub-shaped errors. */
const DOCS = 'https://docs.github.com/rest';

export const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  401: 'Bad credentials',
  403: 'Resource not accessible by personal access token',
  404: 'Not Found',
  422: 'Unprocessable Entity',
};

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
};

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const send = (
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): void => {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
};

export const sendError = (
  res: ServerResponse,
  status: number,
  message?: string,
  headers: Readonly<Record<string, string>> = {},
): void =>
  send(
    res,
    status,
    {
      message: message ?? DEFAULT_MESSAGES[status] ?? 'Server Error',
      documentation_url: DOCS,
      status: String(status),
    },
    headers,
  );
