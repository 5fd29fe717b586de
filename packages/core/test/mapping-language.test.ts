import { describe, expect, it } from 'vitest';
import { map } from './mapping-helpers.js';
import { employee } from './records.js';

describe('language (rule 7)', () => {
  it.each([
    [1036, 'fr'],
    [2057, 'en'],
    [3079, 'de'],
    [2058, 'es'],
    [2064, 'it'],
    [2067, 'nl'],
    [1046, 'pt'],
    [1045, 'pl'],
    ['fr-FR', 'fr'],
    ['4108', 'fr'],
  ])('maps %j to %s', (culture, language) => {
    const result = map([employee({ culture })]);
    expect(result.rows[0]?.language).toBe(language);
    expect(result.problems).toEqual([]);
  });
  it.each([[9999], [null], ['klingon']])(
    'falls back to the default language for %j with a warning',
    (culture) => {
      const result = map([employee({ culture })], { defaultLanguage: 'en' });
      expect(result.rows[0]?.language).toBe('en');
      expect(result.problems.map((problem) => problem.code)).toEqual(['unknown-language']);
    },
  );
});
