// Who a set of credentials is (GetCallerIdentity, which needs no permission and cannot be denied).
import type { AwsClients } from '../aws/clients';
import type { CredentialProvider } from './provider';
import { stsClientFor, stsSdk } from './sts-client';

export interface CallerIdentity {
  account: string;
  arn: string;
  /** AIDA… for a user; AROA…:session for a role session. */
  userId: string;
}

export async function callerIdentity(
  source: CredentialProvider,
  region: string,
  clients: AwsClients,
): Promise<CallerIdentity> {
  const { GetCallerIdentityCommand } = await stsSdk();
  const sts = await stsClientFor(source, region, clients);
  const out = await sts.send(new GetCallerIdentityCommand({}));
  return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
}
