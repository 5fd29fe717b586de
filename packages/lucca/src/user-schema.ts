import { z } from 'zod';

const id = z.union([z.number(), z.string()]);
const idRef = z.union([id, z.object({ id }).loose()]);
const text = z.string().nullish();

/** One item of `GET /api/v3/users` with the fields of SPEC §9 (unknown extra fields are ignored). */
export const luccaUserSchema = z
  .object({
    id,
    employeeNumber: z.union([z.string(), z.number()]).nullish(),
    firstName: text,
    lastName: text,
    mail: text,
    jobTitle: text,
    culture: z
      .union([
        z.object({ id: z.number().nullish(), name: z.string().nullish() }).loose(),
        z.number(),
        z.string(),
      ])
      .nullish(),
    managerId: id.nullish(),
    manager: idRef.nullish(),
    legalEntity: idRef.nullish(),
    legalEntityId: id.nullish(),
    dtContractStart: z.string().nullish(),
    dtContractEnd: z.string().nullish(),
    extendedData: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

export type LuccaUser = z.infer<typeof luccaUserSchema>;

export const usersPayloadSchema = z.union([
  z.object({ data: z.object({ items: z.array(z.unknown()) }) }),
  z.object({ items: z.array(z.unknown()) }),
  z.array(z.unknown()),
]);

/** The `fields=` list of SPEC §9, kept beside the schema it feeds. */
export const userFields = [
  'id',
  'employeeNumber',
  'firstName',
  'lastName',
  'mail',
  'jobTitle',
  'culture',
  'manager',
  'managerId',
  'legalEntity',
  'dtContractStart',
  'dtContractEnd',
  'extendedData',
] as const;
