// `rolecall sso login [PROFILE] [--sso-session NAME] [--use-device-code] [--no-browser]`: an IAM
// Identity Center login as `aws sso login` makes it, into the same cache, so that `aws` and
// rolecall share it. By the authorization code with PKCE, the browser opened here and coming back
// to a loopback redirect; by a device code with --use-device-code, --no-browser, or where no
// browser here can be opened (over SSH, no display): the code and the page go to stderr, to be
// approved in any browser.

import { clientConfig } from '../aws/client-config';
import { createCommandCore } from '../command-core';
import { noBrowserHere, openInBrowser } from '../console/open-in-browser';
import type { ClientKeys } from '../profiles/profile-set';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { SsoSettingsError, ssoLoginTargetOf } from '../sso/sso-settings';
import { CommandError, readOnlySettings } from './profile-session';

export interface SsoLoginOptions {
  profile?: string;
  session?: string;
  browser: boolean;
  deviceCode: boolean;
  env: NodeJS.ProcessEnv;
}

export async function runSsoLoginCommand(options: SsoLoginOptions): Promise<void> {
  const { env } = options;
  const { settings } = await readSettingsForCommand(env);
  const core = createCommandCore({ settings: readOnlySettings({ ...DEFAULT_SETTINGS, ...settings }), env });
  const set = await core.profiles.read();
  const profile = options.profile ?? (options.session ? undefined : set.selected);
  let target: ReturnType<typeof ssoLoginTargetOf>;
  try {
    target = ssoLoginTargetOf(
      set,
      options.session ? { session: options.session } : { profile: profile ?? 'default' },
    );
  } catch (error) {
    if (error instanceof SsoSettingsError) throw new CommandError(error.message);
    throw error;
  }
  const { authorizationCodeLogin, deviceLogin, SsoLoginFailed } = await import('../sso/sso-login');
  const say = (line: string) => process.stderr.write(`rolecall: ${line}\n`);
  const clock = (date: Date) => date.toTimeString().slice(0, 5);
  const deps = { clients: core.clients, clock: core.clock, env };
  const none = options.browser ? noBrowserHere(env) : undefined;
  if (none && !options.deviceCode) say(`${none} So: a device code, to approve in a browser elsewhere.`);
  let opening: Promise<void> | undefined;
  try {
    const { token, file } =
      options.deviceCode || !options.browser || none
        ? await deviceLogin(target, deps, (prompt) => {
            say(
              `to log in to IAM Identity Center at ${target.startUrl}, approve the code ${prompt.userCode} at:`,
            );
            process.stderr.write(`  ${prompt.verificationUriComplete}\n`);
            if (options.browser && !none)
              opening = openInBrowser(prompt.verificationUriComplete, { env }).then((opened) => {
                if (!opened.opened) say(`${opened.why} Open the page above in a browser.`);
              });
            say(`waiting for the approval (the code expires at ${clock(prompt.expiresAt)})…`);
          })
        : await authorizationCodeLogin(
            target,
            { ...deps, ...oidcEndpointOf(env, set.clientKeys) },
            (authorizeUrl) => {
              say(`logging in to IAM Identity Center at ${target.startUrl} in your browser…`);
              opening = openInBrowser(authorizeUrl, { env }).then((opened) => {
                if (!opened.opened)
                  say(
                    `${opened.why} Open this page in a browser on this machine, or run the login again with --use-device-code:\n  ${authorizeUrl}`,
                  );
              });
            },
          );
    say(
      `logged in to ${target.startUrl} until ${clock(token.expiresAt)}${token.refreshToken ? ' (renewed by itself after that)' : ''}; the login is cached in ${file}, where the AWS CLI keeps it.`,
    );
  } catch (error) {
    if (error instanceof SsoLoginFailed) throw new CommandError(error.message);
    const { describeAwsError } = await import('../aws/errors');
    throw new CommandError(describeAwsError(error, { doing: 'log in to IAM Identity Center' }).message);
  } finally {
    // The browser's one-time address closes once fetched or after its wait; not left behind.
    await opening;
  }
}

/** Where the browser goes to authorize: the SSO OIDC endpoint the SDK's client would use, when one is configured. */
function oidcEndpointOf(env: NodeJS.ProcessEnv, keys: ClientKeys): { oidcEndpoint?: string } {
  const { endpoint } = clientConfig('SSO OIDC', env, keys);
  return endpoint ? { oidcEndpoint: endpoint } : {};
}
