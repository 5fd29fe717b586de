/** Realistic Lucca API v3 user items and custom field definitions, for tests and benchmarks. */
export type LuccaUserItem = Record<string, unknown>;

/** How the status field is written on users (SPEC §9 accepts all of these). */
/**
 * How the status field is given: `{id, value: <entry id>}` (the extended-data guide), a bare label
 * or a bare entry id (the user resource page's bare form), or a label inside `value`.
 */
export type LuccaStatusStyle =
  'entry' | 'bare-entry' | 'label' | 'object-label' | 'value-label' | 'none';

export const luccaActiveEntryId = 84;
export const luccaInactiveEntryId = 85;

export interface LuccaDefinitionItem {
  readonly id: number;
  readonly name: string;
  readonly code: string;
  extensionUserPropertyListEntries: Array<Record<string, unknown>>;
}

/**
 * How list entries carry `translation`, which Lucca documents without a type: the entry's name
 * (`name`), the English label as a string (`english`), an object by language (`object`), absent
 * (`missing`), or a shape that is neither a string nor an object of strings (`odd`).
 */
export type LuccaTranslationStyle = 'name' | 'english' | 'object' | 'missing' | 'odd';

export interface LuccaDefinitionsOptions {
  readonly statusField?: string;
  readonly activeLabel?: string;
  readonly inactiveLabel?: string;
  readonly translation?: LuccaTranslationStyle;
}

const translated = (
  style: LuccaTranslationStyle,
  name: string,
  english: string,
): Record<string, unknown> => {
  if (style === 'missing') return {};
  if (style === 'name') return { translation: name };
  if (style === 'english') return { translation: english };
  if (style === 'object') return { translation: { fr: name, en: english } };
  return { translation: [{ culture: 'en-US', text: english }, 7] };
};

/**
 * Items of `GET /api/v3/extensionuserdefinitions`: the status list field (code = the
 * `extendedData` key without its `e_` prefix) plus two unrelated custom fields.
 */
export const makeLuccaDefinitions = (
  options: LuccaDefinitionsOptions = {},
): LuccaDefinitionItem[] => {
  const statusField = options.statusField ?? 'e_360_status';
  const style = options.translation ?? 'name';
  const active = options.activeLabel ?? 'Actif';
  const inactive = options.inactiveLabel ?? 'Inactif';
  return [
    { id: 11, name: 'Badge number', code: 'badge', extensionUserPropertyListEntries: [] },
    {
      id: 12,
      name: '360Learning access',
      code: statusField.replace(/^e_/, ''),
      extensionUserPropertyListEntries: [
        { id: luccaActiveEntryId, name: active, ...translated(style, active, 'Active') },
        { id: luccaInactiveEntryId, name: inactive, ...translated(style, inactive, 'Inactive') },
      ],
    },
    {
      id: 13,
      name: 'T-shirt size',
      code: 'tshirt_size',
      extensionUserPropertyListEntries: [
        { id: 90, name: 'M', translation: null },
        { id: 91, name: 'L', translation: { fr: 'L', en: 'L', size: 42 } },
      ],
    },
  ];
};

export interface MakeLuccaUsersOptions {
  readonly statusField?: string;
  readonly statusStyle?: LuccaStatusStyle;
  /** Every n-th user (n >= 2) left before `today`; 0 = no former employee. Default 10. */
  readonly formerEvery?: number;
  /** Reference date for contract dates, `YYYY-MM-DD`; default `2026-01-15`. */
  readonly today?: string;
  /** Lucca id of the first user; default 1001. */
  readonly firstId?: number;
  /** Legal entities the users are spread over (ids 1..n); default 2. */
  readonly legalEntities?: number;
}

const firstNames = [
  'Camille',
  'Léa',
  'Hugo',
  'Zoé',
  'Mathis',
  'Inès',
  'Noah',
  'Chloé',
  'Louis',
  'Anaïs',
  'Jérôme',
  'Maëlle',
];
const lastNames = [
  'Martin',
  'Bernard',
  'Dubois',
  'Lefèvre',
  "D'Almeida",
  'Moreau',
  'Laurent',
  'Girard',
  'Roux',
  'Fournier',
  'Nguyen',
  'Müller',
];
const titles = [
  'Account Manager',
  'Développeuse',
  'Comptable',
  'Chef de projet',
  'Data Analyst',
  'Office Manager',
];
const cultures: ReadonlyArray<unknown> = [
  { id: 1036, name: 'fr-FR' },
  { id: 1033, name: 'en-US' },
  1031,
  'es-ES',
];

const dayMs = 86_400_000;
const shift = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

const pick = <T>(list: ReadonlyArray<T>, index: number): T | undefined => list[index % list.length];

const statusValue = (style: LuccaStatusStyle, active: boolean, storedId: number): unknown => {
  const label = active ? 'Active' : 'Inactive';
  if (style === 'entry')
    return { id: storedId, value: active ? luccaActiveEntryId : luccaInactiveEntryId };
  if (style === 'label') return label;
  if (style === 'bare-entry') return active ? luccaActiveEntryId : luccaInactiveEntryId;
  if (style === 'value-label') return { id: storedId, value: label };
  return {
    id: storedId,
    value: {
      id: active ? luccaActiveEntryId : luccaInactiveEntryId,
      name: active ? 'Actif' : 'Inactif',
    },
  };
};

/**
 * User `index` (from 0) as `GET /api/v3/users` returns it with sync360's `fields=`. Deterministic:
 * employee number `E<index+1, 5 digits>`, reports to user floor((index-1)/8) (a tree; some
 * managers are former employees), and every `formerEvery`-th user left 30 days before `today`
 * with an Inactive status (every third of those is still Active: an offboarding to do).
 */
export const makeLuccaUser = (
  index: number,
  options: MakeLuccaUsersOptions = {},
): LuccaUserItem => {
  const statusField = options.statusField ?? 'e_360_status';
  const style = options.statusStyle ?? 'entry';
  const formerEvery = options.formerEvery ?? 10;
  const today = options.today ?? '2026-01-15';
  const firstId = options.firstId ?? 1001;
  const entities = Math.max(1, options.legalEntities ?? 2);
  const id = firstId + index;
  const firstName = pick(firstNames, index) ?? 'Alex';
  const lastName = pick(lastNames, Math.floor(index / firstNames.length)) ?? 'Durand';
  const former = formerEvery >= 2 && index > 0 && index % formerEvery === 0;
  const active = !former || (index / formerEvery) % 3 === 0;
  const extendedData: Record<string, unknown> = {
    e_badge: { id: 50_000 + index, value: `B${index}` },
  };
  if (style !== 'none') extendedData[statusField] = statusValue(style, active, 70_000 + index);
  if (index % 4 === 0)
    extendedData['e_tshirt_size'] = { id: 90_000 + index, value: 90 + (index % 2) };
  // The user resource page's bare form, on a field sync360 does not use.
  if (index % 3 === 1) extendedData['e_blood_type'] = 'AB';
  return {
    id,
    employeeNumber: `E${String(index + 1).padStart(5, '0')}`,
    firstName,
    lastName,
    mail: `${firstName}.${lastName}.${index + 1}@acme.example`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9.@]/g, ''),
    jobTitle: pick(titles, index) ?? null,
    culture: pick(cultures, index) ?? null,
    manager:
      index === 0 ? null : { id: firstId + Math.floor((index - 1) / 8), name: 'manager', url: '' },
    legalEntity: { id: (index % entities) + 1, name: `Acme ${(index % entities) + 1}` },
    dtContractStart: `${shift(today, -400 - (index % 700))}T00:00:00`,
    dtContractEnd: former ? `${shift(today, -30)}T00:00:00` : null,
    extendedData,
  };
};

/** `n` users, see `makeLuccaUser`. */
export const makeLuccaUsers = (n: number, options: MakeLuccaUsersOptions = {}): LuccaUserItem[] =>
  Array.from({ length: n }, (_, index) => makeLuccaUser(index, options));

/**
 * Values of an unexpected type for each field sync360 uses (rule 10: that user's error, never
 * the run's), keyed by the Lucca field name.
 */
export const luccaOddValues: Readonly<Record<string, unknown>> = {
  employeeNumber: { code: 'E1' },
  firstName: 42,
  lastName: ['Martin'],
  mail: { address: 'a@b.example' },
  jobTitle: { fr: 'Comptable', en: 'Accountant' },
  culture: true,
  manager: { name: 'the boss' },
  legalEntity: [1],
  dtContractStart: 'next monday',
  dtContractEnd: '2026-02-30T00:00:00',
};

/**
 * Values of every JSON type in fields sync360 does not use: extra top-level fields (a file
 * given to `--input` keeps them), other custom fields, extra keys of the objects it reads.
 */
const isItem = (value: unknown): value is LuccaUserItem =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const withOddUnusedFields = (user: LuccaUserItem): LuccaUserItem => {
  const { extendedData, manager, legalEntity, culture } = user;
  return {
    ...user,
    picture: { href: 42 },
    birthDate: 'someday',
    rolePrincipal: [null, { id: 'x' }],
    manager: isItem(manager) ? { ...manager, name: 5, url: null, extra: [1, 2] } : manager,
    legalEntity: isItem(legalEntity)
      ? { ...legalEntity, name: { fr: 'Acme' }, country: 250 }
      : legalEntity,
    culture: isItem(culture) ? { ...culture, lcid: 'x', rtl: null } : culture,
    extendedData: {
      ...(isItem(extendedData) ? extendedData : {}),
      e_badge: [1, 'two', { three: 3 }],
      e_tshirt_size: 'XXL',
      e_hobbies: { id: 'not a number', value: { nested: true } },
      e_start_bonus: 1.5,
    },
  };
};
