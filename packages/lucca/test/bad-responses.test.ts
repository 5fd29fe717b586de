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

const userWith = (changes: Record<string, unknown>): Record<string, unknown> => ({
  ...makeLuccaUsers(1)[0],
  ...changes,
});

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

  it('a user field of the wrong type names the field and the value seen', async () => {
    server = await startFakeLucca({ users: [...makeLuccaUsers(2), userWith({ id: 9, mail: 12 })] });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.message).toContain('users[2].mail');
    expect(error.message).toContain('saw number 12');
  });

  it('an unreadable contract date names the field', async () => {
    server = await startFakeLucca({ users: [userWith({ dtContractEnd: 'soon' })] });
    const error = await failureOf(server);
    expect(error.message).toContain('users[0].dtContractEnd');
    expect(error.message).toContain('"soon"');
  });

  it('a status value of an unknown shape names the status field', async () => {
    server = await startFakeLucca({
      users: [userWith({ extendedData: { e_360_status: [1, 2] } })],
    });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.message).toContain('users[0].extendedData.e_360_status');
  });

  it('a user that is not an object is reported, not skipped', async () => {
    server = await startFakeLucca({ users: [...makeLuccaUsers(1), 'oops'] });
    const error = await failureOf(server);
    expect(error.message).toContain('users[1]');
    expect(error.message).toContain('string "oops"');
  });

  it('definitions of an unexpected shape name the field', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(1),
      definitions: [{ id: 1, name: 'x', extensionUserPropertyListEntries: 'none' }],
    });
    const error = await failureOf(server);
    expect(error.code).toBe('lucca-bad-response');
    expect(error.message).toContain('extensionUserPropertyListEntries');
  });
});
