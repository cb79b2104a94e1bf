// Why AWS refused the assume, in the terms of the three things that must agree: the role's trust
// policy (step 2), the caller's own sts:AssumeRole permission (step 3), and (for what the role may
// do once assumed) the role's own policies. AWS words every refused AssumeRole alike, so the
// checks of steps 2 and 3, made again, tell which is missing.
import type { StepCheck } from './setup-step';

export function diagnoseRefusal(trust: StepCheck, permission: StepCheck, aws: string): StepCheck {
  const refused = `AWS refused the assume (${aws.replace(/\.$/, '')}).`;
  if (trust.state === 'failed')
    return {
      state: 'failed',
      words: `${refused} The role’s trust policy is what is missing: ${trust.words}`,
      fix: trust.fix,
      backTo: 2,
    };
  if (permission.state === 'failed')
    return {
      state: 'failed',
      words: `${refused} Your own permission is what is missing: ${permission.words}`,
      fix: permission.fix,
      backTo: 3,
    };
  if (permission.state === 'unchecked' && trust.state === 'ok')
    return {
      state: 'failed',
      words: `${refused} The role’s trust lets you in with an MFA code, so what is missing is most likely your own permission (sts:AssumeRole on the role): IAM does not let you simulate your policies to be sure.`,
      fix: 'Put the identity policy on your user (the trusted side), or ask an admin of your account to.',
      backTo: 3,
    };
  return {
    state: 'failed',
    words: `${refused} The role’s trust lets you in with MFA, and your own policies allow sts:AssumeRole on it: something above both denies it (an organisation’s service control policy, or a permissions boundary on your user).`,
    fix: 'Ask an admin of your account which SCP or boundary denies sts:AssumeRole on the role.',
  };
}
