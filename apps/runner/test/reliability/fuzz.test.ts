import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPlan, defaultPlanOptions, parsePreviousFile, type PlanOptions } from '@sync360/core';
import { parseUsersPayload, readDefinitions } from '@sync360/lucca';
import {
  makeLuccaDefinitions,
  makeLuccaUsers,
  startFakeLucca,
} from '@sync360/testkit/lucca-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killStrays, runCli, stackLine, today } from './helpers.js';

const junk = fc.oneof(
  { depthSize: 'small' },
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue(), { maxKeys: 3 }),
);
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    'Zoé',
    "D'Arc",
    '=SUM(A1)',
    'a,b;"c"\n',
    '\u0000\u202e',
    'é'.normalize('NFD'),
  ),
);
/** A plausible value, or (with `junkWeight` in 100) a value of any JSON type. */
const maybe = <T>(plausible: fc.Arbitrary<T>, junkWeight: number) =>
  junkWeight === 0
    ? plausible
    : fc.oneof(
        { weight: 100 - junkWeight, arbitrary: plausible },
        { weight: junkWeight, arbitrary: junk },
      );
const date = fc.oneof(
  fc.constantFrom(
    '2025-06-01T00:00:00',
    '2026-01-20',
    '2026-13-45T00:00:00',
    '0000-00-00',
    '9999-12-31T23:59:59',
    '',
  ),
  fc
    .date({ noInvalidDate: true, min: new Date('1990-01-01'), max: new Date('2040-01-01') })
    .map((value) => value.toISOString()),
);
const status = fc.oneof(
  fc.constantFrom('Actif', 'Inactive', 'bogus', '', ' active '),
  fc.record({ id: fc.nat(), value: fc.constantFrom(84, 85, 99, '84', 'Active', null) }),
  fc.record({ id: fc.nat(), value: fc.record({ id: fc.nat(200), name: fc.oneof(text, junk) }) }),
);
const itemOf = (junkWeight: number) =>
  fc.record(
    {
      id: maybe(fc.oneof(fc.integer({ min: 1, max: 60 }), fc.string({ maxLength: 4 })), junkWeight),
      employeeNumber: maybe(
        fc.oneof(fc.stringMatching(/^[A-Z]?0?[0-9]{1,4}$/), fc.integer({ min: 0, max: 99 }), text),
        junkWeight,
      ),
      firstName: maybe(text, junkWeight),
      lastName: maybe(text, junkWeight),
      mail: maybe(fc.oneof(fc.emailAddress(), text), junkWeight),
      jobTitle: maybe(text, junkWeight),
      culture: maybe(
        fc.oneof(
          fc.constantFrom(1036, 1033, 9999, 'fr-FR', 'xx'),
          fc.record({ id: fc.integer(), name: text }),
        ),
        junkWeight,
      ),
      manager: maybe(
        fc.oneof(
          fc.record({ id: fc.integer({ min: 1, max: 60 }) }),
          fc.integer({ min: 1, max: 60 }),
        ),
        junkWeight,
      ),
      legalEntity: maybe(fc.record({ id: fc.integer({ min: 1, max: 3 }) }), junkWeight),
      dtContractStart: maybe(date, junkWeight),
      dtContractEnd: maybe(fc.oneof(date, fc.constant(null)), junkWeight),
      extendedData: maybe(
        fc.oneof(
          fc.record({ e_360_status: status }),
          fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 2 }),
        ),
        junkWeight,
      ),
    },
    { requiredKeys: junkWeight === 0 ? ['id', 'extendedData'] : [] },
  );
const item = fc.oneof({ weight: 3, arbitrary: itemOf(0) }, { weight: 1, arbitrary: itemOf(2) });
/** Lucca users payloads: mostly plausible, sometimes of the wrong shape altogether. */
const payload = fc.oneof(
  { weight: 6, arbitrary: fc.array(item, { maxLength: 25 }).map((items) => ({ data: { items } })) },
  { weight: 2, arbitrary: fc.array(item, { maxLength: 25 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.record({ data: fc.oneof(junk, fc.record({ items: junk })) }) },
);

const defaultPlanOptionsArbitrary = {
  legalEntities: fc.constant(defaultPlanOptions.legalEntities),
  uniqueId: fc.constant(defaultPlanOptions.uniqueId),
  extraActiveLabels: fc.constant(defaultPlanOptions.extraActiveLabels),
  extraInactiveLabels: fc.constant(defaultPlanOptions.extraInactiveLabels),
  delimiter: fc.constant(defaultPlanOptions.delimiter),
  header: fc.constant(defaultPlanOptions.header),
  defaultLanguage: fc.constant(defaultPlanOptions.defaultLanguage),
  maxDeactivations: fc.constant(defaultPlanOptions.maxDeactivations),
  onboardingLeadDays: fc.constant(defaultPlanOptions.onboardingLeadDays),
};

const definitions = (() => {
  const parsed = readDefinitions({ data: { items: makeLuccaDefinitions() } }, 'e_360_status');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.definitions;
})();

describe('bad input fuzzing: random Lucca payloads never crash sync360', () => {
  it('in process: parseUsersPayload + buildPlan end in records and a plan, or a named shape problem', () => {
    const options = fc.record<PlanOptions>({
      ...defaultPlanOptionsArbitrary,
      delimiter: fc.constantFrom(',' as const, ';' as const),
      uniqueId: fc.constantFrom('employeeNumber' as const, 'entity-employeeNumber' as const),
      legalEntities: fc.constantFrom<ReadonlyArray<string> | null>(null, ['1']),
      maxDeactivations: fc.constantFrom(null, 0, 3),
    });
    let planned = 0;
    fc.assert(
      fc.property(
        payload,
        fc.boolean(),
        options,
        fc.array(item, { maxLength: 10 }),
        (json, withDefinitions, planOptions, yesterday) => {
          const parsed = parseUsersPayload(json, {
            statusField: 'e_360_status',
            definitions: withDefinitions ? definitions : null,
          });
          if (!parsed.ok) {
            expect(parsed.issue.message.length).toBeGreaterThan(0);
            return;
          }
          const before = parseUsersPayload(yesterday, { statusField: 'e_360_status', definitions });
          const previousRows = before.ok
            ? buildPlan({
                records: before.records,
                previousRows: null,
                today,
                options: planOptions,
              }).rows
            : null;
          planned += 1;
          const plan = buildPlan({
            records: parsed.records,
            previousRows,
            today,
            options: planOptions,
          });
          const reread = parsePreviousFile(plan.file.text);
          expect(reread.ok && reread.rows).toEqual(plan.rows);
          expect(plan.counts.errors + plan.counts.warnings).toBe(plan.problems.length);
        },
      ),
      { numRuns: 1500, seed: 360 },
    );
    // The payloads must reach the plan often enough to test it, not only the shape checks.
    expect(planned).toBeGreaterThan(300);
  });

  describe('through the real CLI (a handful of spawns)', () => {
    let lucca: Awaited<ReturnType<typeof startFakeLucca>>;
    const temps: Array<{ cleanup: () => Promise<void> }> = [];
    beforeAll(async () => {
      lucca = await startFakeLucca({ users: makeLuccaUsers(3, { today }), today });
    });
    afterEach(killStrays);
    afterAll(async () => {
      await lucca.close();
      await Promise.all(temps.map((temp) => temp.cleanup()));
    });

    const samples = fc.sample(fc.tuple(payload, fc.boolean()), { numRuns: 8, seed: 2026 });
    it.each(samples.map((sample, index) => ({ index, json: sample[0], strict: sample[1] })))(
      'payload #$index: a report or a clear error, exit 0/2/3/4/6, no stack trace',
      async ({ index, json, strict }) => {
        const temp = await makeTempDir('sync360-fuzz-');
        temps.push(temp);
        const viaLucca = index % 4 === 3;
        const args = [
          'run',
          '--out',
          'out',
          '--report',
          'report.json',
          ...(strict ? ['--strict'] : []),
        ];
        let env: Record<string, string> = {};
        if (viaLucca) {
          lucca.setUsers(Array.isArray(json) ? json : [json]);
          env = { LUCCA_BASE_URL: lucca.url, LUCCA_API_KEY: lucca.apiKey, LUCCA_RETRIES: '0' };
        } else {
          await writeFile(join(temp.path, 'users.json'), JSON.stringify(json));
          args.push('--input', 'users.json', '--definitions', 'definitions.json');
          await writeFile(
            join(temp.path, 'definitions.json'),
            JSON.stringify({ data: { items: makeLuccaDefinitions() } }),
          );
        }
        const result = await runCli(args, temp.path, env);
        expect([0, 2, 3, 4, 6], result.stderr).toContain(result.code);
        expect(result.stderr).not.toMatch(stackLine);
        expect(result.stderr).not.toContain('Unexpected error');
        if (result.code === 0) expect(result.stdout).toContain('Outcome: delivered');
        else if (result.code === 3)
          expect(result.stdout).toMatch(/Outcome: BLOCKED by the safety guard.*\nWhat to do: .+/);
        else expect(result.stderr).toMatch(/^Error \[[a-z-]+\]: .+\nWhat to do: .+/m);
      },
    );
  });
});
