import { fakeRun } from '@sync360/testkit/github-api';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { postText, startHarness, type Harness } from './harness.js';

// SPEC §7b: no command crashes on a missing field of an outside answer. GitHub's runs here lack
// what the bot shows; a run without display_title shows its workflow `name`.

const shownFields = [
  'display_title',
  'html_url',
  'created_at',
  'updated_at',
  'event',
  'conclusion',
];

describe('/sync360 commands on GitHub runs missing fields', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('status lists them, with the name for the missing run name and a link built from the id', async () => {
    const h = (harness = await startHarness({
      github: {
        runs: [
          fakeRun({ id: 61, createdAt: '2026-03-02T02:07:00Z', leftOut: ['display_title'] }),
          fakeRun({ id: 62, createdAt: '2026-03-01T02:07:00Z', leftOut: shownFields }),
        ],
      },
    }));
    const answer = await h.command('status', 'U0ANYONE');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('runs/61|run 61');
    expect(text).toContain(`/acme/sync360/actions/runs/62|run 62`);
    expect(text).not.toMatch(/undefined|Cannot read/);
    expect(h.logs.join('\n')).not.toMatch(/Cannot read properties|TypeError/);
  });

  it.each(['now', 'preview'])(
    '%s links the active run even when it lacks what the link shows',
    async (command) => {
      const h = (harness = await startHarness({
        github: {
          runs: [fakeRun({ id: 63, status: 'in_progress', leftOut: shownFields })],
        },
      }));
      const answer = await h.command(command);
      await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
      expect(h.github.dispatches).toHaveLength(0);
      const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
      expect(text).toContain('already running');
      expect(text).toContain('/acme/sync360/actions/runs/63');
      expect(text).not.toMatch(/undefined|Cannot read/);
    },
  );
});
