// The part of the STS SDK rolecall calls, as one module that sts-client.ts loads when the first
// call is made. Re-exported here rather than imported with import('@aws-sdk/client-sts'): the
// bundle's dynamic import of the SDK's CommonJS build gives its exports only as `default`.
export {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
