export { todayIn } from '@sync360/config';

export const fileNameFor = (template: string, today: string): string =>
  template.replaceAll('{date}', today);
