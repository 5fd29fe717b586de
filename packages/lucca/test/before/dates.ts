const dayMs = 86_400_000;

const toUtcMs = (date: string): number => {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
};

const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Calendar arithmetic on `YYYY-MM-DD` strings, with no time zone involved. */
export const addDays = (date: string, days: number): string =>
  fromUtcMs(toUtcMs(date) + days * dayMs);

export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtcMs(to) - toUtcMs(from)) / dayMs);
