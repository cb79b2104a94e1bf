// The shell the interface opens on a session: which program, with which environment, or why not.
import { describe, expect, it } from 'vitest';
import { sessionShell } from '../../../src/shells/session-shell';
import { session } from '../../helpers/sessions';

const dev = session('dev-developer', 3600, Date.parse('2026-11-23T09:00:00Z'), {
  profile: 'dev-developer',
  roleArn: 'arn:aws:iam::222222222222:role/Developer',
});

describe("a session's shell", () => {
  it('is $SHELL, with /bin/sh to fall back on, and the environment rolecall exec would give', () => {
    const shell = sessionShell(dev, { SHELL: '/bin/zsh', AWS_PROFILE: 'other', HOME: '/home/alice' });
    expect(shell).toMatchObject({ kind: 'shell', child: { command: '/bin/zsh', fallback: '/bin/sh' } });
    const env = shell.kind === 'shell' ? shell.child.env : undefined;
    expect(env).toMatchObject({
      HOME: '/home/alice',
      AWS_ACCESS_KEY_ID: dev.credentials.accessKeyId,
      AWS_ACCOUNT_ID: '222222222222',
      ROLECALL_ROLE_ARN: 'arn:aws:iam::222222222222:role/Developer',
      ROLECALL_SHLVL: '1',
    });
    expect(env).not.toHaveProperty('AWS_PROFILE');
    expect(env).not.toHaveProperty('AWS_ENDPOINT_URL');
  });

  it('says, as it starts, whose credentials it has and until when (in local time)', () => {
    const shell = sessionShell(dev, {}, Date.parse('2026-11-23T09:20:00Z'));
    const ends = dev.credentials.expiration ?? new Date(0);
    const hhmm = `${String(ends.getHours()).padStart(2, '0')}:${String(ends.getMinutes()).padStart(2, '0')}`;
    expect(shell.kind === 'shell' && shell.child.banner).toBe(
      `rolecall: shell as dev-developer (arn:aws:iam::222222222222:role/Developer), credentials until ${hhmm} (40m). exit to go back.`,
    );
  });

  it('is /bin/sh, with nothing to fall back on, when $SHELL is not set', () => {
    const shell = sessionShell(dev, {});
    expect(shell).toMatchObject({ kind: 'shell', child: { command: '/bin/sh' } });
    expect(shell.kind === 'shell' && 'fallback' in shell.child).toBe(false);
  });

  it('keeps the sandbox endpoint the parent points at', () => {
    const shell = sessionShell(dev, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    expect(shell.kind === 'shell' && shell.child.env?.AWS_ENDPOINT_URL).toBe('http://127.0.0.1:4566');
  });

  it('says where its calls go when that is not AWS, and what an older AWS CLI needs to follow', () => {
    const shell = sessionShell(dev, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    expect(shell.kind === 'shell' && shell.child.banner).toContain(
      'exit to go back. Calls go to http://127.0.0.1:4566 (AWS_ENDPOINT_URL); an AWS CLI older than 2.13 needs --endpoint-url "$AWS_ENDPOINT_URL".',
    );
  });

  it('is refused inside a rolecall shell for another identity, with no --force to offer', () => {
    const shell = sessionShell(dev, {
      ROLECALL_SHLVL: '1',
      ROLECALL_ROLE_ARN: 'arn:aws:iam::333333333333:role/Admin',
    });
    expect(shell.kind).toBe('refused');
    expect(shell.kind === 'refused' && shell.reason).not.toContain('--force');
  });

  it('is allowed inside a rolecall shell for the same identity, one level deeper', () => {
    const shell = sessionShell(dev, {
      ROLECALL_SHLVL: '1',
      ROLECALL_ROLE_ARN: 'arn:aws:iam::222222222222:role/Developer',
    });
    expect(shell.kind === 'shell' && shell.child.env?.ROLECALL_SHLVL).toBe('2');
  });
});
