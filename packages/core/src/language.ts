const languageByLcid: ReadonlyMap<number, string> = new Map([
  ...[1036, 2060, 3084, 4108].map((lcid) => [lcid, 'fr'] as const),
  ...[1033, 2057, 3081, 4105].map((lcid) => [lcid, 'en'] as const),
  ...[1031, 3079, 2055].map((lcid) => [lcid, 'de'] as const),
  ...[1034, 3082, 2058].map((lcid) => [lcid, 'es'] as const),
  ...[1040, 2064].map((lcid) => [lcid, 'it'] as const),
  ...[1043, 2067].map((lcid) => [lcid, 'nl'] as const),
  ...[2070, 1046].map((lcid) => [lcid, 'pt'] as const),
  [1045, 'pl'],
]);

const lcidText = /^\d+$/;
const cultureName = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i;

/** SPEC §4 rule 7: an ISO 639-1 code from an LCID or a culture name, or null when unknown. */
export const languageFromCulture = (culture: number | string | null): string | null => {
  if (culture === null) return null;
  if (typeof culture === 'number') return languageByLcid.get(culture) ?? null;
  const trimmed = culture.trim();
  if (lcidText.test(trimmed)) return languageByLcid.get(Number(trimmed)) ?? null;
  const match = cultureName.exec(trimmed);
  return match?.[1]?.toLowerCase() ?? null;
};
