import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../src/config.js';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'secret',
  GITHUB_TOKEN: 'ghp_1',
  GITHUB_REPOSITORY: 'acme/sync360',
};

describe('parseBotConfig', () => {
  it('applies the documented defaults', () => {
    const result = parseBotConfig(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { config } = result;
    expect(config.port).toBe(3000);
    expect(config.github).toEqual({
      token: 'ghp_1',
      repository: 'acme/sync360',
      workflow: 'sync360-nightly.yml',
      ref: 'main',
    });
    expect(config.slack.allowedUserIds).toEqual([]);
    expect(config.slack.appToken).toBeNull();
    expect(config.slack.channelId).toBeNull();
    expect(config.lucca).toBeNull();
    expect(config.timeZone).toBe('Europe/Paris');
    expect(config.secrets).toEqual(['xoxb-1', 'secret', 'ghp_1']);
  });

  it('reads every variable', () => {
    const result = parseBotConfig({
      ...base,
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_ALLOWED_USER_IDS: ' U01, W02 ,',
      SLACK_CHANNEL_ID: 'C0SYNC',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      GITHUB_API_URL: 'http://127.0.0.1:8',
      SYNC360_WORKFLOW: 'other.yml',
      SYNC360_GIT_REF: 'prod',
      PORT: '8080',
      LUCCA_BASE_URL: 'https://acme.ilucca.net/',
      LUCCA_API_KEY: 'key',
      LUCCA_WRITE_API_KEY: 'write-key',
      SLACK_HR_CHANNEL_ID: 'G0HR',
      HEALTH_PORT: '8081',
      SYNC360_ONBOARDING_LEAD_DAYS: '3',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.slack.appToken).toBe('xapp-1');
    expect(result.config.slack.signingSecret).toBeNull();
    expect(result.config.slack.allowedUserIds).toEqual(['U01', 'W02']);
    expect(result.config.github.apiUrl).toBe('http://127.0.0.1:8');
    expect(result.config.github.workflow).toBe('other.yml');
    expect(result.config.github.ref).toBe('prod');
    expect(result.config.port).toBe(8080);
    expect(result.config.lucca).toEqual({
      baseUrl: 'https://acme.ilucca.net',
      apiKey: 'key',
      statusField: 'e_360_status',
      writeApiKey: 'write-key',
    });
    expect(result.config.plan.onboardingLeadDays).toBe(3);
    expect(result.config.slack.hrChannelId).toBe('G0HR');
    expect(result.config.healthPort).toBe(8081);
    expect(result.config.secrets).toContain('write-key');
  });

  it('the write key needs the Lucca read settings; HEALTH_PORT must not take PORT in HTTP mode', () => {
    const result = parseBotConfig({
      ...base,
      SLACK_SIGNING_SECRET: 'secret',
      LUCCA_WRITE_API_KEY: 'write-key',
      PORT: '8080',
      HEALTH_PORT: '8080',
      SLACK_HR_CHANNEL_ID: '#hr',
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? '' : result.problems.join('\n');
    expect(problems).toContain('LUCCA_WRITE_API_KEY is set without LUCCA_BASE_URL');
    expect(problems).toContain('HEALTH_PORT must differ from PORT');
    expect(problems).toContain('SLACK_HR_CHANNEL_ID must be the ID of a private channel');
    expect(problems).not.toContain('write-key');
  });

  it('lists every bad variable with its fix at once', () => {
    const result = parseBotConfig({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'nope',
      SLACK_ALLOWED_USER_IDS: 'U01,alice',
      SLACK_CHANNEL_ID: '#general',
      GITHUB_REPOSITORY: 'acme',
      PORT: 'eighty',
      LUCCA_API_KEY: 'key',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    for (const name of [
      'SLACK_BOT_TOKEN must be a bot token',
      'SLACK_APP_TOKEN must be an app-level token',
      'not member IDs: alice',
      'SLACK_CHANNEL_ID must be a channel ID',
      'GITHUB_TOKEN is not set',
      'GITHUB_REPOSITORY must be owner/name',
      'PORT must be a whole number',
      'LUCCA_BASE_URL is not set',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('SLACK_SIGNING_SECRET');
  });

  it('needs a signing secret in HTTP mode', () => {
    const result = parseBotConfig({ ...base, SLACK_SIGNING_SECRET: ' ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toContain('SLACK_SIGNING_SECRET is not set');
  });
});
