import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpgAvailable } from '../src/gpg.js';
import { sshdAvailable } from '../src/sshd.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('real-tool tests are skipped locally but fail under CI=true when the tool is missing', () => {
  it('sshd', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubEnv('SYNC360_TEST_SSHD', '/nonexistent/sshd');
    vi.stubEnv('CI', '');
    expect(sshdAvailable('suite')).toBe(false);
    vi.stubEnv('CI', 'true');
    expect(() => sshdAvailable('suite')).toThrow(/sshd not found with CI=true/);
  });

  it('gpg', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubEnv('PATH', '/nonexistent');
    vi.stubEnv('CI', '');
    expect(gpgAvailable('suite')).toBe(false);
    vi.stubEnv('CI', 'true');
    expect(() => gpgAvailable('suite')).toThrow(/gpg not found with CI=true/);
  });
});
