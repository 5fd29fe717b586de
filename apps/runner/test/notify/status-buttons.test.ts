import type { Reminder } from '@sync360/core';
import { startFakeSlack } from '@sync360/testkit/slack-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { describe, expect, it } from 'vitest';
import { parseRunnerConfig } from '../../src/config/runner-config.js';
import { notifyRemindersToSlack } from '../../src/notify/slack-notify.js';
import { runCli } from '../cli-harness.js';

const reminder = (luccaId: string, kind: Reminder['kind']): Reminder => ({
  luccaId,
  employeeNumber: `E${luccaId}`,
  name: `Person ${luccaId}`,
  kind,
  dueSince: '2026-11-20',
  daysOverdue: 5,
  action: 'set the 360 status',
});

const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-t', SLACK_CHANNEL_ID: 'C0OPS' };

describe('Set-status buttons on the HR reminder list (runner side)', () => {
  it('the nightly job refuses LUCCA_WRITE_API_KEY with exit 2, naming it and never printing it', async () => {
    const parsed = parseRunnerConfig(
      { LUCCA_WRITE_API_KEY: 'write-key-secret-42' },
      { requirePins: true },
    );
    expect(parsed.ok).toBe(false);
    const dir = await makeTempDir('sync360-write-key-');
    try {
      const result = await runCli(['run'], {
        cwd: dir.path,
        env: { LUCCA_WRITE_API_KEY: 'write-key-secret-42' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('LUCCA_WRITE_API_KEY');
      expect(result.stderr).toContain('bot');
      expect(result.stdout + result.stderr).not.toContain('write-key-secret-42');
    } finally {
      await dir.cleanup();
    }
  });

  it('SYNC360_STATUS_BUTTONS is true or false, default false', () => {
    const on = parseRunnerConfig(
      { ...slackEnv, SYNC360_STATUS_BUTTONS: 'true' },
      { requirePins: true },
    );
    const off = parseRunnerConfig(slackEnv, { requirePins: true });
    expect(on.ok && on.config.slack?.statusButtons).toBe(true);
    expect(off.ok && off.config.slack?.statusButtons).toBe(false);
    const bad = parseRunnerConfig(
      { ...slackEnv, SYNC360_STATUS_BUTTONS: 'yes' },
      { requirePins: true },
    );
    expect(bad.ok ? [] : bad.problems.join('\n')).toContain('SYNC360_STATUS_BUTTONS');
  });

  it.each([true, false])(
    'statusButtons=%s: the named list in the HR channel carries the buttons only when on, never the ops counts',
    async (statusButtons) => {
      const slack = await startFakeSlack({ channels: { G0HR: { private: true } } });
      try {
        const warning = await notifyRemindersToSlack(
          {
            token: 'xoxb-t',
            channel: 'C0OPS',
            hrChannel: 'G0HR',
            apiUrl: slack.url,
            statusButtons,
          },
          [reminder('11', 'onboarding'), reminder('12', 'offboarding'), reminder('13', 'fix-data')],
        );
        expect(warning).toBeNull();
        const posts = slack.callsTo('chat.postMessage');
        const hr = JSON.stringify(posts.filter((call) => call.body.channel === 'G0HR'));
        const ops = JSON.stringify(posts.filter((call) => call.body.channel === 'C0OPS'));
        expect(ops).not.toContain('sync360_set_status');
        if (!statusButtons) {
          expect(hr).not.toContain('sync360_set_status');
          return;
        }
        expect(hr.split('"action_id":"sync360_set_status"').length - 1).toBe(2);
        expect(hr).toContain(
          JSON.stringify(JSON.stringify({ luccaId: '11', status: 'Active' })).slice(1, -1),
        );
        expect(hr).toContain(
          JSON.stringify(JSON.stringify({ luccaId: '12', status: 'Inactive' })).slice(1, -1),
        );
        expect(hr).toContain('Set the 360 status to Inactive?');
        expect(hr).toContain('Person 12 (#E12) will be Inactive in Lucca');
      } finally {
        await slack.close();
      }
    },
  );
});
