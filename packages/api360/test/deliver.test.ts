import type { UserRow } from '@sync360/core';
import {
  fakeApi360GroupId,
  startFakeApi360,
  type FakeApi360,
} from '@sync360/testkit/api360-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyApi360Plan,
  createApi360Client,
  operationLines,
  planFromLive,
  type Api360Delivery,
  type ApplyOptions,
} from '../src/index.js';
import { row, settingsFor } from './helpers.js';

let fake: FakeApi360 | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const deliver = async (
  server: FakeApi360,
  rows: ReadonlyArray<UserRow>,
  baselineRows: ReadonlyArray<UserRow> | null,
  options: Partial<ApplyOptions & { activateUsers: boolean }> = {},
): Promise<Api360Delivery> => {
  const client = createApi360Client(settingsFor(server));
  const { plan } = await planFromLive(client, {
    rows,
    baselineRows,
    options: { defaultGroupId: fakeApi360GroupId, activateUsers: options.activateUsers ?? false },
  });
  return applyApi360Plan(client, plan, { sendInvitations: options.sendInvitations ?? false });
};

const mail = (uniqueId: string): string => `person${uniqueId}@acme.test`;
const seed = (uniqueId: string, overrides: Record<string, string> = {}) => ({
  mail: mail(uniqueId),
  firstName: `First${uniqueId}`,
  lastName: `Last${uniqueId}`,
  job: 'Engineer',
  lang: 'fr',
  ...overrides,
});

/** A company where every kind of change happens at once. */
const startCompany = async () => {
  const server = await startFakeApi360();
  const ids = {
    alice: server.addUser(seed('A1', { lastName: 'Maiden' })),
    bob: server.addUser(seed('B2', { status: 'invited' })),
    carol: server.addUser(seed('C3', { status: 'deleted', firstName: 'Caro' })),
    dave: server.addUser({ ...seed('D9'), mail: 'dave@elsewhere.test' }),
  };
  const erin = server.addUser({ ...seed('E5'), managers: [ids.dave] });
  server.addUser({ firstName: 'NoMail', lastName: 'Nobody', status: 'active' });
  const rows = [
    row('A1'),
    row('B2', { status: 'Inactive' }),
    row('C3'),
    row('E5', { managerId: 'A1' }),
    row('F6', { managerId: 'A1', title: '' }),
    row('G7', { managerId: 'F6' }),
    row('H8', { status: 'Inactive' }),
  ];
  const baseline = [
    row('A1', { lastName: 'Maiden' }),
    row('B2'),
    row('C3', { status: 'Inactive' }),
    row('E5'),
  ];
  return { server, ids: { ...ids, erin }, rows, baseline };
};

describe('delivery through the API against the local 360Learning', () => {
  it('creates, restores, patches, deletes and sets managers; leaves others alone', async () => {
    const company = await startCompany();
    fake = company.server;
    const { server, ids } = company;
    const dave = server.user(ids.dave);
    const delivery = await deliver(server, company.rows, company.baseline);

    expect(delivery.failure).toBeNull();
    expect(delivery.operations).toMatchObject({
      create: 2,
      restore: 1,
      update: 2,
      delete: 1,
      managers: 4,
      rejected: 0,
    });
    expect(delivery.operations.items.every((item) => item.status === 'done')).toBe(true);
    expect(server.user(ids.alice)).toMatchObject({ lastName: 'LastA1', status: 'active' });
    expect(server.user(ids.bob)?.status).toBe('deleted');
    expect(server.user(ids.carol)).toMatchObject({ status: 'invited', firstName: 'FirstC3' });
    const frank = server.userByMail(mail('F6'));
    const gina = server.userByMail(mail('G7'));
    expect(frank).toMatchObject({ status: 'invited', firstName: 'FirstF6', lang: 'fr' });
    expect(frank).not.toHaveProperty('job');
    expect(server.managersOf(ids.erin)).toEqual([ids.alice]);
    expect(server.managersOf(frank?._id ?? '')).toEqual([ids.alice]);
    expect(server.managersOf(gina?._id ?? '')).toEqual([frank?._id]);
    expect(server.user(ids.dave)).toEqual(dave);
    expect(server.userByMail(mail('H8'))).toBeUndefined();
    expect(server.requests.filter((r) => r.path.startsWith(`/api/v2/users/${ids.dave}`))).toEqual(
      [],
    );
    const creates = server
      .writes()
      .filter((r) => r.method === 'POST' && r.path === '/api/v2/users');
    expect(creates.map((r) => r.body)).toContainEqual(
      expect.objectContaining({ membership: { groupId: fakeApi360GroupId, role: 'learner' } }),
    );
    expect(creates.every((r) => r.query.sendInvitationEmail === 'false')).toBe(true);
    expect(server.invitations()).toEqual([]);
    for (const request of server.requests) {
      expect(request.headers['360-api-version']).toBe('v2.0');
      if (request.path !== '/api/v2/oauth2/token')
        expect(request.headers.authorization).toMatch(/^Bearer .+/);
    }
  });

  it('a second run writes nothing, with the baseline and without it', async () => {
    const company = await startCompany();
    fake = company.server;
    await deliver(company.server, company.rows, company.baseline);
    const writes = company.server.writes().length;

    const again = await deliver(company.server, company.rows, company.rows);
    expect(company.server.writes()).toHaveLength(writes);
    expect(again.operations.items).toEqual([]);

    const lostState = await deliver(company.server, company.rows, null);
    expect(company.server.writes()).toHaveLength(writes);
    expect(lostState.operations.items).toEqual([]);
  });

  it('one rejected user does not stop the others', async () => {
    const company = await startCompany();
    await company.server.close();
    fake = await startFakeApi360({ invalidMails: [mail('F6')], ownerId: company.ids.bob });
    const server = fake;
    const ids = {
      alice: server.addUser(seed('A1')),
      bob: server.addUser({ ...seed('B2'), _id: company.ids.bob }),
    };
    const rows = [
      row('A1', { firstName: 'Alicia' }),
      row('B2', { status: 'Inactive' }),
      row('F6', { managerId: 'A1' }),
      row('G7', { managerId: 'F6' }),
    ];
    const delivery = await deliver(server, rows, null);

    expect(delivery.failure).toBeNull();
    // The two manager changes not attempted are listed, not counted: one count per refusal.
    expect(delivery.operations).toMatchObject({ create: 1, update: 1, delete: 0, rejected: 2 });
    const byRow = delivery.operations.items.map((i) => [
      i.uniqueId,
      i.operation,
      i.status,
      i.error,
    ]);
    expect(byRow).toEqual([
      ['F6', 'create', 'rejected', 'HTTP 400 mailInvalid'],
      ['G7', 'create', 'done', null],
      ['A1', 'update', 'done', null],
      ['B2', 'delete', 'rejected', 'HTTP 400 userIsCompanyOwner'],
      ['F6', 'add-manager', 'rejected', 'not attempted: creating the account was rejected'],
      ['G7', 'add-manager', 'rejected', 'not attempted: creating the account was rejected'],
    ]);
    expect(delivery.rejections).toEqual([
      expect.objectContaining({
        uniqueId: 'F6',
        operation: 'create',
        status: 400,
        apiCode: 'mailInvalid',
        field: 'email',
      }),
      expect.objectContaining({
        uniqueId: 'B2',
        operation: 'delete',
        status: 400,
        apiCode: 'userIsCompanyOwner',
      }),
    ]);
    for (const warning of delivery.rejections) expect(warning.message).not.toContain('@');
    expect(server.user(ids.alice)?.firstName).toBe('Alicia');
    expect(server.userByMail(mail('G7'))?.status).toBe('invited');
  });

  it('sends invitations and activates created users when configured', async () => {
    fake = await startFakeApi360({ users: [seed('R1', { status: 'deleted' })] });
    const delivery = await deliver(fake, [row('N1'), row('R1')], null, {
      sendInvitations: true,
      activateUsers: true,
    });
    expect(delivery.operations).toMatchObject({ create: 1, restore: 1, rejected: 0 });
    expect(fake.userByMail(mail('N1'))?.status).toBe('active');
    expect(fake.userByMail(mail('R1'))?.status).toBe('active');
    expect(fake.invitations().sort()).toEqual([mail('N1'), mail('R1')]);
  });
});

describe('delivery failures', () => {
  it('stops at an auth failure and says how far it got', async () => {
    fake = await startFakeApi360({ scopes: ['users:read'], users: [seed('A1')] });
    const delivery = await deliver(
      fake,
      [row('A1', { firstName: 'New' }), row('N1'), row('N2')],
      null,
    );
    expect(delivery.failure).toMatchObject({ code: 'api360-failed', details: { status: 403 } });
    expect(delivery.failure?.hint).toContain('users:write');
    expect(delivery.operations.items.map((item) => item.status)).not.toContain('done');
    expect(fake.users().map((user) => user.firstName)).toEqual(['FirstA1']);
  });
});

describe('counting what 360Learning refused', () => {
  it('3 restores refused with mailAlreadyUsed are 3 rejected, not their follow-up patches too', async () => {
    fake = await startFakeApi360({
      users: ['R1', 'R2', 'R3'].map((id) => seed(id, { status: 'deleted', job: 'Former' })),
    });
    const server = fake;
    const client = createApi360Client(settingsFor(server));
    const rows = ['R1', 'R2', 'R3'].map((id) => row(id));
    const { plan } = await planFromLive(client, {
      rows,
      baselineRows: null,
      options: { defaultGroupId: fakeApi360GroupId, activateUsers: false },
    });
    // Each restore brings a patch of the old title; between the read and the writes, someone
    // creates live accounts with the same mails (360Learning then answers mailAlreadyUsed).
    expect(plan.operations.map((o) => o.operation)).toEqual([
      'restore',
      'update',
      'restore',
      'update',
      'restore',
      'update',
    ]);
    for (const id of ['R1', 'R2', 'R3']) server.addUser(seed(id));
    const delivery = await applyApi360Plan(client, plan, { sendInvitations: false });

    expect(delivery.rejections.map((r) => r.apiCode)).toEqual([
      'mailAlreadyUsed',
      'mailAlreadyUsed',
      'mailAlreadyUsed',
    ]);
    expect(delivery.operations).toMatchObject({ restore: 0, update: 0, rejected: 3 });
    expect(operationLines(plan, delivery.operations, true)[0]).toBe(
      '360Learning operations: 0 create, 0 restore, 0 update, 0 delete, 0 manager changes, 3 rejected',
    );
  });
});
