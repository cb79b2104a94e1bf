// The parts of the SSO and SSO OIDC SDKs rolecall calls, as one module loaded at the first SSO
// call (like credentials/sts-sdk.ts): no start, and no command for another profile, pays for them.
export {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
export {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
