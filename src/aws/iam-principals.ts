// Whether a user or role exists in the caller's account: GetUser or GetRole by its name, and the
// ARN IAM answers with. IAM refuses a trust policy naming a user or role that does not exist
// ("Invalid principal in policy", aws-reference.md section 4); the form asks this first.
import { GetRoleCommand, GetUserCommand, type IAMClient } from '@aws-sdk/client-iam';
import { describeAwsError } from './errors';

/**
 * The ARN of the user or role named `name` in the client's account, as IAM gives it (its path
 * included); undefined when IAM has none by that name (NoSuchEntity). Any other failure (a
 * refusal, a timeout) is thrown: whether it exists is then unknown.
 */
export async function principalArn(
  iam: IAMClient,
  kind: 'user' | 'role',
  name: string,
  options: { signal?: AbortSignal } = {},
): Promise<string | undefined> {
  const send = { ...(options.signal ? { abortSignal: options.signal } : {}) };
  try {
    if (kind === 'user') return (await iam.send(new GetUserCommand({ UserName: name }), send)).User?.Arn;
    return (await iam.send(new GetRoleCommand({ RoleName: name }), send)).Role?.Arn;
  } catch (error) {
    if (describeAwsError(error).kind === 'not-found') return undefined;
    throw error;
  }
}
