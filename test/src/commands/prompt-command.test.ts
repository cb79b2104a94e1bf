import { describe, expect, it } from 'vitest';
import { promptText } from '../../../src/commands/prompt-command';
import { requireBuiltBin, runBuiltBin } from '../../helpers/built-bin';

describe('rolecall prompt', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('names the profile and the minutes its credentials have left', () => {
    expect(
      promptText({ ROLECALL_PROFILE: 'prod-admin', AWS_CREDENTIAL_EXPIRATION: '2026-01-01T12:42:30Z' }, now),
    ).toBe('prod-admin 42m');
    expect(
      promptText({ ROLECALL_PROFILE: 'prod-admin', AWS_CREDENTIAL_EXPIRATION: '2026-01-01T13:05:00Z' }, now),
    ).toBe('prod-admin 1h05m');
    expect(
      promptText({ ROLECALL_PROFILE: 'prod-admin', AWS_CREDENTIAL_EXPIRATION: '2026-01-01T11:59:00Z' }, now),
    ).toBe('prod-admin expired');
  });

  it('names a role by its name and account when there is no profile, and says nothing outside a rolecall shell', () => {
    expect(promptText({ ROLECALL_ROLE_ARN: 'arn:aws:iam::123456789012:role/team/Admin' }, now)).toBe(
      'Admin@123456789012',
    );
    expect(promptText({ AWS_ACCESS_KEY_ID: 'AKIA' }, now)).toBeUndefined();
  });

  it('prints it from the built bin, and nothing with exit 0 outside a rolecall shell', async () => {
    requireBuiltBin();
    const expiration = new Date(Date.now() + 43 * 60_000 + 30_000).toISOString();
    const inside = await runBuiltBin(['prompt'], {
      PATH: process.env.PATH,
      ROLECALL_PROFILE: 'prod-admin',
      AWS_CREDENTIAL_EXPIRATION: expiration,
    });
    expect(inside).toMatchObject({ code: 0, stderr: '' });
    expect(inside.stdout).toMatch(/^prod-admin 4[23]m\n$/);
    expect(await runBuiltBin(['prompt'], { PATH: process.env.PATH })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });
});
