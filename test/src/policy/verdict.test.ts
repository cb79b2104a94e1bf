// A role's verdict names every condition the caller must meet, and judges the request the assume
// would send (its session name among them).
import { describe, expect, it } from 'vitest';
import { type Caller, verdictFor } from '../../../src/policy/verdict';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const ALICE = 'arn:aws:iam::111111111111:user/alice';
const alice: Caller = {
  arn: ALICE,
  account: '111111111111',
  principalArn: ALICE,
  mfa: false,
  chained: false,
};

function role(...statements: object[]) {
  return {
    arn: 'arn:aws:iam::333333333333:role/BreakGlass',
    account: '333333333333',
    maxSessionSeconds: 3600,
    trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  };
}
const allowAlice = (condition?: object) => ({
  Effect: 'Allow',
  Principal: { AWS: ALICE },
  Action: 'sts:AssumeRole',
  ...(condition ? { Condition: condition } : {}),
});
const denyWithoutMfa = {
  Sid: 'NeverWithoutMfa',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'sts:AssumeRole',
  Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
};

describe('a verdict', () => {
  it('names the MFA age an Allow asks for when a Deny refuses the caller without MFA', () => {
    const breakGlass = role(
      allowAlice({ NumericLessThan: { 'aws:MultiFactorAuthAge': '900' } }),
      denyWithoutMfa,
    );
    const verdict = verdictFor(breakGlass, alice, { durationSeconds: 3600, now: NOW });
    expect(verdict.kind).toBe('needs-mfa');
    expect(verdict.text).toBe(
      'Needs an MFA code used within 15m: statement 1 requires aws:MultiFactorAuthAge < 900. Denied by statement 2: it denies requests without an MFA code (when present). Your own policies must also allow sts:AssumeRole on it.',
    );
  });

  it('names both MFA and its age when one Allow asks for both', () => {
    const admin = role(
      allowAlice({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
      }),
    );
    const { text } = verdictFor(admin, alice, { durationSeconds: 3600, now: NOW });
    expect(text).toContain('statement 1 requires aws:MultiFactorAuthPresent = true');
    expect(text).toContain('needs an MFA code used within 1h');
  });

  it('still says only "needs an MFA code" when the Allow asks for nothing more', () => {
    const verdict = verdictFor(role(allowAlice(), denyWithoutMfa), alice, {
      durationSeconds: 3600,
      now: NOW,
    });
    expect(verdict.text).toBe(
      'Needs an MFA code. Denied by statement 2: it denies requests without an MFA code (when present). Your own policies must also allow sts:AssumeRole on it.',
    );
  });

  it('judges the session name the assume would send', () => {
    const reporter = role(allowAlice({ StringLike: { 'sts:RoleSessionName': 'ci-*' } }));
    const judging = { durationSeconds: 3600, now: NOW };
    expect(verdictFor(reporter, alice, { ...judging, sessionName: 'ci-deploy' }).kind).toBe('assumable');
    expect(verdictFor(reporter, alice, { ...judging, sessionName: 'rolecall-alice' })).toEqual({
      kind: 'denied',
      text: 'Needs sts:RoleSessionName like ci-* (statement 1). The assume would send session name rolecall-alice.',
    });
  });
});
