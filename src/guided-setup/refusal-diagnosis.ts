// Why AWS refused the assume, in the terms of the three things that must agree: the role's trust
// policy (step 2), the caller's own sts:AssumeRole permission (step 3), and (for what the role may
// do once assumed) the role's own policies. AWS words every refused AssumeRole alike, so the
// checks of steps 2 and 3, made again, tell which is missing. A diagnosis that sends the person
// back to step 2 or 3 says that step's work is missing, so Enter there makes it (the builder, the
// trusted side) instead of checking again: a check that cannot be made (IAM will not let the
// person read the role or simulate their policies) would pass again and lead to the same refusal.
import type { StepCheck } from './setup-step';

export function diagnoseRefusal(
  trust: StepCheck,
  permission: StepCheck,
  aws: string,
  target: string,
): Extract<StepCheck, { state: 'failed' }> {
  const refused = `AWS refused the assume (${aws.replace(/\.$/, '')}).`;
  if (trust.state === 'failed')
    return {
      state: 'failed',
      words: `${refused} The role’s trust policy is what is missing: ${trust.words}`,
      fix: trust.fix,
      backTo: 2,
      // No role: Enter builds it. A role whose trust is wrong is mended where it is (its fix says
      // how): building it again would only meet "EntityAlreadyExists".
      ...(trust.missing ? { missing: true } : {}),
    };
  if (permission.state === 'failed' && permission.missing)
    return {
      state: 'failed',
      words: `${refused} Your own permission is what is missing: ${permission.words}`,
      fix: permission.fix,
      backTo: 3,
      missing: true,
    };
  const permissionKnown = permission.state === 'ok';
  if (trust.state === 'unchecked' && permissionKnown)
    return {
      state: 'failed',
      words: `${refused} Your own policies allow sts:AssumeRole on the role, but its trust policy could not be read (${trust.reason}): the trust is the likeliest culprit. It must let your account in with an MFA code.`,
      fix: `Enter opens the trust-policy builder, filled in: create the role from there if you may, or copy its JSON (Ctrl-Y) and ask an admin of ${target} to create the role with it, or to put it on the role.`,
      backTo: 2,
      missing: true,
    };
  if (trust.state === 'unchecked')
    return {
      state: 'failed',
      words: `${refused} Neither could be checked from here: the role’s trust policy could not be read (${trust.reason}), and ${permissionUnknown(permission)}. Your own permission is the one you can mend from here.`,
      fix: `Enter opens the role’s trusted side, to put the identity policy on your user or say what to ask an admin of your account. If the assume is still refused, ask an admin of ${target} whether the role’s trust lets your account in with an MFA code.`,
      backTo: 3,
      missing: true,
    };
  if (!permissionKnown)
    return {
      state: 'failed',
      words: `${refused} The role’s trust lets you in with an MFA code, so what is missing is most likely your own permission (sts:AssumeRole on the role): ${permissionUnknown(permission)}, to be sure.`,
      fix: 'Enter opens the role’s trusted side: it puts the identity policy on your user (PutUserPolicy) through a profile of yours that may, or says what to ask an admin of your account.',
      backTo: 3,
      missing: true,
    };
  return {
    state: 'failed',
    words: `${refused} The role’s trust lets you in with MFA, and your own policies allow sts:AssumeRole on it: something above both denies it (an organisation’s service control policy, or a permissions boundary on your user).`,
    fix: 'Ask an admin of your account which SCP or boundary denies sts:AssumeRole on the role.',
  };
}

function permissionUnknown(permission: StepCheck): string {
  if (permission.state === 'failed') return `your own permission could not be checked (${permission.words})`;
  return 'IAM does not let you simulate your own policies';
}
