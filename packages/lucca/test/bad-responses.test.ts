import { makeLuccaUsers, startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { rejection, settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const failureOf = async (fake: FakeLucca): Promise<Awaited<ReturnType<typeof rejection>>> =>
  rejection(fetchLuccaRecords(settingsFor(fake).settings, today));

describe('fetchLuccaRecords on malformed or unexpected responses', () => {
  it('malformed JSON: lucca-bad-response naming the request, no retry', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), faults: ['malformed'] });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.kind).toBe('source');
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('GET /api/v3/users page 1 (paging=0,1000)');
    expect(server.usersRequests()).toHaveLength(1);
  });

  it('an HTML page instead of JSON says what came back', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), faults: ['html'] });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.message).toContain('text/html');
    expect(error.message).toContain('<!DOCTYPE html>');
  });

  it('a body without data.items names the expected shape and what it saw', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), faults: ['shape'] });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.message).toContain('expected {"data":{"items":[...]}}');
    expect(error.message).toContain('saw object');
  });

  it('a user that is not an object is an envelope error naming its offset, not its value', async () => {
    server = await startFakeLucca({ users: [...makeLuccaUsers(1), 'oops'] });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.message).toContain('item at offset 1 is not a user object (saw string)');
    expect(error.message).not.toContain('oops');
  });

  it('items that are not a list are an envelope error', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(1) });
    server.setFaults(['shape']);
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.kind).toBe('source');
  });

  it('definitions whose used list entries have an unexpected shape name the field', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(1),
      definitions: [{ id: 1, name: 'x', extensionUserPropertyListEntries: 'none' }],
    });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.message).toContain('extensionUserPropertyListEntries');
  });
});
