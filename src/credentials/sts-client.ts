// An STS client for a provider: the region given, credentials from the provider below, and the
// endpoint and timeouts of the client factory it is given (aws/clients.ts). The STS SDK is a
// chunk of its own, loaded at the first call: the interface's first frame makes none, and
// loading it is about 40 ms of a start (bench:startup).
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import type { CredentialProvider } from './provider';

export type StsSdk = typeof import('./sts-sdk');

/** The STS SDK's client and commands; loaded once, by the first call that needs them. */
export function stsSdk(): Promise<StsSdk> {
  return import('./sts-sdk');
}

export async function stsClientFor(
  source: CredentialProvider,
  region: string,
  clients: AwsClients,
): Promise<STSClient> {
  const { STSClient } = await stsSdk();
  return clients.make(STSClient, 'STS', source, region);
}
