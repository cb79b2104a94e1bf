// An STS client for a provider: the region given, credentials from the provider below, and the
// endpoint the environment names (AWS_ENDPOINT_URL, which the SDK reads itself). Made by the
// client factory it is given (timeouts, retries, the stop signal); the default one otherwise.
import { STSClient } from '@aws-sdk/client-sts';
import { type AwsClients, defaultAwsClients } from '../aws/clients';
import type { CredentialProvider } from './provider';

export function stsClientFor(
  source: CredentialProvider,
  region: string,
  clients: AwsClients = defaultAwsClients,
): STSClient {
  return clients.make(STSClient, 'STS', source, region);
}
