// Reading an account's roles from IAM through whoever may: each reader is tried in turn until
// one may call iam:ListRoles. What stops it (refusals, profiles that would need a code) is put
// into words that start with what to do.

import type { IAMClient } from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import type { RoleSummary } from '../aws/iam-browse';
import type { CredentialProvider } from '../credentials/provider';

export interface IamReader {
  provider: CredentialProvider;
  region: string;
  /** "profile dev-developer", "session prod-admin". */
  via: string;
}

export type IamState =
  | { state: 'listed'; via: string; count: number }
  | {
      state: 'unavailable';
      /** Why, in a sentence or two; empty when nothing more is known than `first`. */
      why: string;
      /** What to do before reading them again, in words ("assume a role here"), when that would help. */
      first?: string;
    }
  | { state: 'stopped'; count: number };

export interface IamListing {
  roles: RoleSummary[];
  iam: IamState;
  /** The client that listed them, for the role details, and who it is. */
  reader?: { client: IAMClient; via: string };
}

export async function listThroughReaders(
  readers: AsyncIterable<IamReader>,
  options: {
    onPage?: (count: number) => void;
    signal?: AbortSignal;
    /** Role profiles left out because they would need an MFA code. */
    needCode: number;
    clients: AwsClients;
  },
): Promise<IamListing> {
  const stopped: IamListing = { roles: [], iam: { state: 'stopped', count: 0 } };
  const refusals: string[] = [];
  // Loaded when first needed: the first frame does not wait for the IAM client.
  const { iamClientFor, listRoles } = await import('../aws/iam-browse');
  for await (const reader of readers) {
    if (options.signal?.aborted) return stopped;
    const client = iamClientFor(reader.provider, reader.region, options.clients);
    try {
      const roles = await listRoles(client, {
        ...(options.onPage ? { onPage: options.onPage } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return {
        roles,
        iam: { state: 'listed', via: reader.via, count: roles.length },
        reader: { client, via: reader.via },
      };
    } catch (error) {
      if (options.signal?.aborted) return stopped;
      const described = describeAwsError(error);
      refusals.push(
        (error as { loginNeeded?: boolean }).loginNeeded
          ? `${reader.via} needs an IAM Identity Center login first`
          : described.kind.startsWith('denied')
            ? `${reader.via} may not list them`
            : `${reader.via}: ${described.message.replace(/\.$/, '')}`,
      );
    }
  }
  if (options.signal?.aborted) return stopped;
  const { needCode } = options;
  const reasons = [
    needCode ? `${needCode} profile${needCode === 1 ? ' needs' : 's need'} an MFA code first` : '',
    ...refusals,
  ].filter(Boolean);
  return {
    roles: [],
    iam: {
      state: 'unavailable',
      first: 'assume a role here',
      why: reasons.length ? `${reasons.join('; ')}.` : '',
    },
  };
}
