const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  const known = formatters.get(timeZone);
  if (known !== undefined) return known;
  const created = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  formatters.set(timeZone, created);
  return created;
};

export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly hour: number;
  readonly minute: number;
  /** HH:MM */
  readonly clock: string;
}

/** Wall-clock date and time of `instant` in `timeZone` (IANA name; throws RangeError if unknown). */
export const localTime = (instant: Date, timeZone: string): LocalTime => {
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.get(type) ?? '00';
  const hour = Number(get('hour'));
  const minute = Number(get('minute'));
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    hour,
    minute,
    clock: `${get('hour')}:${get('minute')}`,
  };
};

/** True when `timeZone` is an IANA time zone this Node.js knows. */
export const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};
