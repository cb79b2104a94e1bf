// What IAM says about the caller user that doctor checks: its MFA devices, its access keys, and
// whether its policies allow sts:AssumeRole. Each read on its own: one refused leaves the others.
import {
  type IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import type { AccessKeyFacts } from './key-age';

export async function userMfaSerials(iam: IAMClient, user: string): Promise<string[]> {
  const out = await iam.send(new ListMFADevicesCommand({ UserName: user }));
  return (out.MFADevices ?? []).map((d) => d.SerialNumber ?? '').filter(Boolean);
}

/** A user has at most two access keys (IAM quota), so one page holds them all. */
export async function userAccessKeys(iam: IAMClient, user: string): Promise<AccessKeyFacts[]> {
  const out = await iam.send(new ListAccessKeysCommand({ UserName: user }));
  return (out.AccessKeyMetadata ?? []).map((k) => ({
    keyId: k.AccessKeyId ?? '',
    ...(k.CreateDate ? { created: k.CreateDate } : {}),
    ...(k.Status ? { status: k.Status } : {}),
  }));
}

/** EvalDecision for sts:AssumeRole on each resource, by the principal's own policies. */
export async function assumeRoleDecisions(
  iam: IAMClient,
  principalArn: string,
  resources: readonly string[],
): Promise<Array<{ resource: string; decision: string }>> {
  const out = await iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: principalArn,
      ActionNames: ['sts:AssumeRole'],
      ResourceArns: [...resources],
    }),
  );
  return (out.EvaluationResults ?? []).map((r) => ({
    resource: r.EvalResourceName ?? '*',
    decision: r.EvalDecision ?? 'implicitDeny',
  }));
}
