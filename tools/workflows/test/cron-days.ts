/** Test helper: does a cron's day-of-week field (`*`, `1-5`, `0,6`) allow this UTC weekday? */
const allowsWeekday = (cron: string, utcWeekday: number): boolean => {
  const field = cron.trim().split(/\s+/)[4] ?? '*';
  if (field === '*') return true;
  return field.split(',').some((part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) return false;
    return to === undefined ? utcWeekday === from % 7 : utcWeekday >= from && utcWeekday <= to;
  });
};

const MINUTE_MS = 60_000;

/** Every firing slot of `cron` (daily minute/hour, optional weekdays) between two UTC days. */
export const slotsOf = (cron: string, fromUtc: Date, toUtc: Date): Date[] => {
  const [minuteField, hourField] = cron.trim().split(/\s+/);
  const minute = Number(minuteField);
  const hour = Number(hourField);
  const slots: Date[] = [];
  for (let day = fromUtc.getTime(); day <= toUtc.getTime(); day += 1_440 * MINUTE_MS) {
    const slot = new Date(day + (hour * 60 + minute) * MINUTE_MS);
    if (allowsWeekday(cron, slot.getUTCDay())) slots.push(slot);
  }
  return slots;
};

export const addMinutes = (date: Date, minutes: number): Date =>
  new Date(date.getTime() + minutes * MINUTE_MS);
