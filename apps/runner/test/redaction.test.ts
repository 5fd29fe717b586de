import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { startFakeSlack, type FakeSlack } from '@sync360/testkit/slack-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-redact-');
});
afterEach(async () => dir.cleanup());

const email = 'camille.durand@exemple.fr';

/** A Lucca tenant refusing every request with a 400 whose body quotes an employee. */
const startRefusingLucca = async (): Promise<{ url: string; server: Server }> => {
  const server = createServer((_request, response) => {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: { status: 400, message: `Invalid filter on user ${email} (Durand)` },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address !== 'string' ? address.port : 0;
  return { url: `http://127.0.0.1:${String(port)}`, server };
};

describe('redacted mode (GitHub Actions): no Lucca data in any error, summary or Slack message', () => {
  let slack: FakeSlack;
  let lucca: { url: string; server: Server };
  const token = 'xoxb-redaction-token';
  beforeAll(async () => {
    slack = await startFakeSlack({ token });
    lucca = await startRefusingLucca();
  });
  afterAll(async () => {
    await slack.close();
    await new Promise((resolve) => lucca.server.close(resolve));
  });

  it('a Lucca 400 whose body holds an email leaks nothing, and the summary claims nothing unread', async () => {
    const summary = join(dir.path, 'summary.md');
    await writeFile(summary, '');
    const before = slack.callsTo('chat.postMessage').length;
    const result = await runCli(['run', '--report', 'report.json'], {
      cwd: dir.path,
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: summary,
        LUCCA_BASE_URL: lucca.url,
        LUCCA_API_KEY: 'redaction-lucca-key',
        LUCCA_RETRIES: '0',
        SLACK_BOT_TOKEN: token,
        SLACK_CHANNEL_ID: 'C0SYNC',
        SLACK_API_URL: slack.url,
      },
    });
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(/Error \[lucca-[a-z-]+\]: .*HTTP 400/);
    const report = reportSchema.parse(
      JSON.parse(await readFile(join(dir.path, 'report.json'), 'utf8')),
    );
    const written = await readFile(summary, 'utf8');
    const posts = JSON.stringify(slack.callsTo('chat.postMessage').slice(before));
    expect(posts).toContain('HTTP 400');
    for (const text of [
      result.stdout,
      result.stderr,
      written,
      posts,
      JSON.stringify(report.failure),
    ]) {
      expect(text).not.toContain(email);
      expect(text).not.toContain('Durand');
      expect(text).not.toContain('Invalid filter');
    }
    // Nothing was read: no claim about reminders or a baseline.
    for (const text of [result.stdout, written]) {
      expect(text).not.toMatch(/no-baseline|Reminders: none|every status is set/);
      expect(text).not.toContain('| Reminders |');
    }
  });

  it('a malformed --input file: no JSON-parser context in the error', async () => {
    await writeFile(join(dir.path, 'users.json'), `{"data": {"items": [{"mail": "${email}" } oops`);
    const result = await runCli(['run', '--input', 'users.json', '--report', 'report.json'], {
      cwd: dir.path,
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--input users\.json: not valid JSON \((position \d+|parse error)\)/,
    );
    expect(result.stdout + result.stderr).not.toContain(email);
    expect(result.stdout + result.stderr).not.toContain('oops');
  });
});
