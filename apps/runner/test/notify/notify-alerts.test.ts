import { describe, expect, it } from 'vitest';
import {
  notifyRemindersToSlack,
  notifyRunToSlack,
  notifyWatchdogToSlack,
} from '../../src/notify/slack-notify.js';
import { blockedReport, plain, report, token, useFakeSlack } from './notify-helpers.js';

describe('runner Slack notifications: alerts and Slack errors', () => {
  const { start, stop } = useFakeSlack();

  it('alerts a run stopped by its settings: an admin must change them, no variable named', async () => {
    const { slack, settings } = await start();
    const stopped = report({
      outcome: 'failed',
      source: null,
      file: null,
      destination: null,
      failure: {
        code: 'config-invalid',
        kind: 'config',
        message: 'SFTP_PORT must be a number',
        hint: 'Set SFTP_PORT',
      },
    });
    const runUrl = 'https://github.com/acme/sync360/actions/runs/3';
    const warning = await notifyRunToSlack(settings, stopped, { ...plain, runUrl });
    expect(warning).toBeNull();
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]?.body);
    expect(text).toContain("An admin must change sync360's settings");
    expect(text).toContain(`<${runUrl}|the run log>`);
    expect(text).not.toContain('SFTP_PORT');
  });

  it('returns a warning, never throws, when Slack answers HTTP 500: bounded retries, then gives up', async () => {
    const { slack, settings } = await start();
    slack.failWith({ status: 500 });
    const warning = await notifyRunToSlack(settings, blockedReport(), plain);
    expect(warning).toContain('HTTP 500');
    expect(warning).not.toContain(token);
    expect(slack.callsTo('chat.postMessage').length).toBeLessThanOrEqual(3);
  });

  it('explains a Slack error code with the fix', async () => {
    const { slack, settings } = await start();
    slack.failWith({ error: 'not_in_channel' });
    const warning = await notifyRemindersToSlack(settings, []);
    expect(warning).toContain('not_in_channel');
    expect(warning).toContain('/invite');
  });

  it('reports a wrong token and an unreachable Slack as warnings', async () => {
    const { settings } = await start();
    expect(
      await notifyWatchdogToSlack(
        { ...settings, token: 'xoxb-wrong' },
        { healthy: false, lastSuccess: null, reason: 'none', maxAgeHours: 26 },
      ),
    ).toContain('SLACK_BOT_TOKEN');
    await stop();
    const warning = await notifyRunToSlack(
      { ...settings, timeoutMs: 2000, retries: 0 },
      report(),
      plain,
    );
    expect(warning).toContain('could not reach Slack');
  });

  it('posts the watchdog alert', async () => {
    const { slack, settings } = await start();
    const warning = await notifyWatchdogToSlack(settings, {
      healthy: false,
      lastSuccess: null,
      reason: 'No successful run in the last 26 hours',
      maxAgeHours: 26,
    });
    expect(warning).toBeNull();
    expect(String(slack.callsTo('chat.postMessage')[0]?.body.text)).toContain(
      'no successful nightly sync',
    );
  });
});
