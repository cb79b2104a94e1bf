// Credentials for an IAM Identity Center profile: the session's access token (sso/sso-token.ts),
// then the portal's GetRoleCredentials for the profile's account and permission set. The token
// code and the SSO SDKs load at the first call: a start that uses no SSO profile pays for
// neither (nor for node:crypto, which names the token's cache file).
import type { GetRoleCredentialsCommandOutput } from '@aws-sdk/client-sso';
import type { AwsClients } from '../aws/clients';
import type { Clock } from '../clock';
import type { SsoSettings } from '../sso/sso-settings';
import type { CredentialProvider, Credentials } from './provider';

export function ssoProvider(
  settings: SsoSettings,
  deps: { clients: AwsClients; clock: Clock; env: NodeJS.ProcessEnv },
): CredentialProvider {
  return {
    label: `SSO ${settings.roleName} in ${settings.accountId}`,
    async retrieve(): Promise<Credentials> {
      const { freshToken, loginCommand, SsoLoginNeeded, UNSIGNED } = await import('../sso/sso-token');
      const accessToken = await freshToken(settings, deps);
      const { GetRoleCredentialsCommand, SSOClient } = await import('../sso/sso-sdk');
      const sso = deps.clients.make(SSOClient, 'SSO', UNSIGNED, settings.region);
      let out: GetRoleCredentialsCommandOutput;
      try {
        out = await sso.send(
          new GetRoleCredentialsCommand({
            accessToken,
            accountId: settings.accountId,
            roleName: settings.roleName,
          }),
        );
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'UnauthorizedException')
          throw new SsoLoginNeeded(
            `IAM Identity Center no longer takes the login for ${settings.startUrl}: run ${loginCommand(settings)}.`,
          );
        if (name === 'ForbiddenException' || name === 'ResourceNotFoundException')
          throw new SsoLoginNeeded(
            `IAM Identity Center gives you no ${settings.roleName} in account ${settings.accountId} (profile ${settings.profile}): check sso_role_name and sso_account_id against what the portal lists.`,
          );
        throw error;
      }
      const c = out.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken)
        throw new Error('IAM Identity Center answered GetRoleCredentials without credentials.');
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        ...(c.expiration ? { expiration: new Date(c.expiration) } : {}),
      };
    },
  };
}
