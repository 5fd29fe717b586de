import { describe, expect, it } from 'vitest';
import { parseUsersPayload } from '../src/index.js';

const item = {
  id: 1,
  employeeNumber: '1',
  extendedData: { e_360_status: { id: 3, value: 'Actif' } },
};

describe('status field key', () => {
  it('accepts the definition code as well as the extendedData key', () => {
    for (const statusField of ['e_360_status', '360_status']) {
      const result = parseUsersPayload([item], { statusField, definitions: null });
      expect(result.ok && result.records[0]?.statusLabel).toBe('Actif');
    }
  });
  it('still reports a field that exists under neither name', () => {
    const result = parseUsersPayload([item], { statusField: 'e_other', definitions: null });
    expect(result.ok ? null : result.issue.kind).toBe('status-field-missing');
  });
});
