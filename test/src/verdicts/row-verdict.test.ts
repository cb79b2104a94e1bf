// A role's mark for the person, when a live MFA session may spare the code: only for a role that
// asks for MFA, for an hour or less, and while the session is young enough for the role.
import { describe, expect, it } from 'vitest';
import type { RoleRow } from '../../../src/role-listing/role-rows';
import { mfaSessionTooOld, type RowCaller, rowVerdict } from '../../../src/verdicts/row-verdict';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';

function role(name: string, condition?: Record<string, Record<string, string>>): RoleRow {
  const arn = `arn:aws:iam::222222222222:role/${name}`;
  const statement = {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111111111111:root' },
    Action: 'sts:AssumeRole',
    ...(condition ? { Condition: condition } : {}),
  };
  return {
    key: arn,
    arn,
    name,
    path: '/',
    account: '222222222222',
    iam: {
      name,
      path: '/',
      arn,
      id: `AROA${name.toUpperCase()}`,
      maxSessionSeconds: 12 * 3600,
      trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
    },
  };
}

const withMfa = role('Admin', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
const withRecentMfa = role('Prod', {
  Bool: { 'aws:MultiFactorAuthPresent': 'true' },
  NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
});
const withoutMfa = role('Developer');

function alice(session?: { startedMinutesAgo: number; endsInMinutes: number }): RowCaller {
  return {
    arn: 'arn:aws:iam::111111111111:user/alice',
    account: '111111111111',
    principalArn: 'arn:aws:iam::111111111111:user/alice',
    mfa: false,
    chained: false,
    ...(session
      ? {
          mfaSession: {
            serial: SERIAL,
            since: NOW - session.startedMinutesAgo * 60_000,
            until: NOW + session.endsInMinutes * 60_000,
          },
        }
      : {}),
  };
}

const hour = { durationSeconds: 3600, now: NOW };

describe('a role’s mark with a live MFA session', () => {
  it('is assumable through the session, with no code, for an hour or less', () => {
    const verdict = rowVerdict(withMfa, alice({ startedMinutesAgo: 5, endsInMinutes: 600 }), hour);
    expect(verdict.kind).toBe('assumable');
    expect(verdict.text).toMatch(
      /^Assumable through your MFA session \(arn:aws:iam::111111111111:mfa\/alice\)/,
    );
  });

  it('needs a code for longer than an hour, or once the session has ended, or with none', () => {
    const live = alice({ startedMinutesAgo: 5, endsInMinutes: 600 });
    expect(rowVerdict(withMfa, live, { durationSeconds: 7200, now: NOW }).kind).toBe('needs-mfa');
    expect(rowVerdict(withMfa, alice({ startedMinutesAgo: 700, endsInMinutes: -1 }), hour).kind).toBe(
      'needs-mfa',
    );
    expect(rowVerdict(withMfa, alice(), hour).kind).toBe('needs-mfa');
  });

  it('says nothing of the session for a role that asks for no MFA', () => {
    const verdict = rowVerdict(withoutMfa, alice({ startedMinutesAgo: 5, endsInMinutes: 600 }), hour);
    expect(verdict).toMatchObject({ kind: 'assumable' });
    expect(verdict.text).not.toContain('MFA session');
  });

  it('asks for a new code when the role wants a code younger than the session', () => {
    const young = alice({ startedMinutesAgo: 20, endsInMinutes: 600 });
    expect(rowVerdict(withRecentMfa, young, hour).kind).toBe('assumable');
    expect(mfaSessionTooOld(withRecentMfa, young, hour)).toBe(false);

    const old = alice({ startedMinutesAgo: 90, endsInMinutes: 600 });
    const verdict = rowVerdict(withRecentMfa, old, hour);
    expect(verdict.kind).toBe('needs-mfa');
    expect(verdict.text).toContain(
      'Your MFA session (arn:aws:iam::111111111111:mfa/alice) began 1h 30m ago, longer than this role allows, so a new code is asked for.',
    );
    expect(mfaSessionTooOld(withRecentMfa, old, hour)).toBe(true);
    expect(mfaSessionTooOld(withMfa, old, hour)).toBe(false);
  });
});
