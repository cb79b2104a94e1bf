// A refused assume, told apart from the checks of steps 2 and 3 made again: each diagnosis that
// sends the person back to step 2 or 3 says that step's work is missing, so Enter there makes it;
// a trust that cannot be read is named as such, never passed over for an SCP.
import { describe, expect, it } from 'vitest';
import { diagnoseRefusal } from '../../../src/guided-setup/refusal-diagnosis';
import type { StepCheck } from '../../../src/guided-setup/setup-step';

const PROD = '333333333333';
const AWS = 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole';
const ok: StepCheck = { state: 'ok', words: 'fine' };
const trustUnread: StepCheck = {
  state: 'unchecked',
  words: 'No profile may read IAM in prod: step 5 checks it.',
  reason: `no profile or session of yours may read IAM in ${PROD}`,
};
const noSimulate: StepCheck = {
  state: 'unchecked',
  words: 'IAM does not let you simulate.',
  reason: 'IAM does not let you simulate your own policies (iam:SimulatePrincipalPolicy)',
};
const noRole: StepCheck = {
  state: 'failed',
  words: 'There is no role X.',
  fix: 'Enter builds it.',
  missing: true,
};
const wrongTrust: StepCheck = { state: 'failed', words: 'The trust does not let you in.', fix: 'Edit it.' };
const notAllowed: StepCheck = {
  state: 'failed',
  words: 'Your policies do not allow it.',
  fix: 'Enter opens the trusted side.',
  missing: true,
};

describe('a refused assume’s diagnosis', () => {
  it('blames a trust that could not be read when her own permission is there: back to step 2, to build it or ask', () => {
    const check = diagnoseRefusal(trustUnread, ok, AWS, PROD);
    expect(check).toMatchObject({ state: 'failed', backTo: 2, missing: true });
    expect(check.words).toBe(
      `AWS refused the assume (${AWS}). Your own policies allow sts:AssumeRole on the role, but its trust policy could not be read (no profile or session of yours may read IAM in ${PROD}): the trust is the likeliest culprit. It must let your account in with an MFA code.`,
    );
    expect(check.fix).toContain(`ask an admin of ${PROD} to create the role with it`);
  });

  it('sends a permission that could not be simulated back to step 3 as missing, trust read or not', () => {
    expect(diagnoseRefusal(ok, noSimulate, AWS, PROD)).toMatchObject({ backTo: 3, missing: true });
    const neither = diagnoseRefusal(trustUnread, noSimulate, AWS, PROD);
    expect(neither).toMatchObject({ backTo: 3, missing: true });
    expect(neither.words).toContain('Neither could be checked from here');
    expect(neither.fix).toContain(`ask an admin of ${PROD} whether the role’s trust lets your account in`);
  });

  it('marks missing every step it sends back to, but a trust that is there and wrong (built again, it would clash)', () => {
    expect(diagnoseRefusal(noRole, noRole, AWS, PROD)).toMatchObject({ backTo: 2, missing: true });
    expect(diagnoseRefusal(ok, notAllowed, AWS, PROD)).toMatchObject({ backTo: 3, missing: true });
    const wrong = diagnoseRefusal(wrongTrust, wrongTrust, AWS, PROD);
    expect(wrong).toMatchObject({ backTo: 2, fix: 'Edit it.' });
    expect(wrong.missing).toBeUndefined();
  });

  it('looks above both only when both were checked and allow it', () => {
    const check = diagnoseRefusal(ok, ok, AWS, PROD);
    expect(check.backTo).toBeUndefined();
    expect(check.words).toContain('service control policy');
  });
});
