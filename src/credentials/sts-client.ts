// An STS client for a provider: the region given, credentials from the provider below, and the
// endpoint and timeouts of the client factory it is given (aws/clients.ts).
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import type { CredentialProvider } from './provider';

export function stsClientFor(source: CredentialProvider, region: string, clients: AwsClients): STSClient {
  return clients.make(STSClient, 'STS', source, region);
}
