import { startFakeSlack, type FakeSlackOptions } from '@sync360/testkit/slack-api';
import { describe, expect, it } from 'vitest';
import { checkSlack } from '../../src/doctor/slack-check.js';

const run = async (options: FakeSlackOptions, hrChannel: string | null) => {
  const slack = await startFakeSlack({ token: 'xoxb-doc', ...options });
  try {
    return await checkSlack({
      token: 'xoxb-doc',
      channel: 'C0OPS',
      hrChannel,
      thread: null,
      statusButtons: false,
      apiUrl: slack.url,
    });
  } finally {
    await slack.close();
  }
};

describe('doctor: Slack', () => {
  it('passes when the bot is in a public ops channel and a private, unshared HR channel', async () => {
    const checks = await run({ channels: { G0HR: { private: true } } }, 'G0HR');
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['bot token', true],
      ['ops channel', true],
      ['HR channel', true],
    ]);
    expect(checks[2]?.detail).toContain('private');
  });

  it('fails when the bot is not a member of a channel it must post in', async () => {
    const checks = await run({ channels: { C0OPS: { member: false } } }, null);
    expect(checks[1]?.ok).toBe(false);
    expect(checks[1]?.fix).toContain('/invite @sync360');
  });

  it('fails an HR channel that is public, shared with another organisation, or invisible', async () => {
    for (const hr of [{ private: false }, { private: true, extShared: true }, { hidden: true }]) {
      const checks = await run({ channels: { G0HR: hr } }, 'G0HR');
      const line = checks.find((c) => c.name === 'HR channel');
      expect(line?.ok).toBe(false);
      expect(`${line?.detail ?? ''} ${line?.fix ?? ''}`).toMatch(
        /not private|shared|channel_not_found/,
      );
    }
  });

  it('stops at a refused token and says which variable to fix', async () => {
    const slack = await startFakeSlack({ token: 'xoxb-right' });
    try {
      const checks = await checkSlack({
        token: 'xoxb-wrong',
        channel: 'C0OPS',
        hrChannel: null,
        thread: null,
        statusButtons: false,
        apiUrl: slack.url,
      });
      expect(checks).toHaveLength(1);
      expect(checks[0]?.ok).toBe(false);
      expect(checks[0]?.fix).toContain('SLACK_BOT_TOKEN');
      expect(JSON.stringify(checks)).not.toContain('xoxb-wrong');
    } finally {
      await slack.close();
    }
  });
});
