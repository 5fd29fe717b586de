/** Today's calendar date in the given time zone (the runner's only clock read). */
export const todayIn = (timeZone: string, now: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

export const fileNameFor = (template: string, today: string): string =>
  template.replaceAll('{date}', today);
