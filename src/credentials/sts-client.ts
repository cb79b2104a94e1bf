// An STS client for a provider: the region given, credentials from the provider below, and the
// endpoint the environment names (AWS_ENDPOINT_URL, which the SDK reads itself).
import { STSClient } from '@aws-sdk/client-sts';
import type { CredentialProvider } from './provider';

export function stsClientFor(source: CredentialProvider, region: string): STSClient {
  return new STSClient({ region, credentials: () => source.retrieve() });
}
