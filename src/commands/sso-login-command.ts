// `rolecall sso login [PROFILE] [--sso-session NAME] [--use-device-code] [--no-browser]`: an IAM
// Identity Center login as `aws sso login` makes it, into the same cache, so that `aws` and
// rolecall share it. By the authorization code with PKCE, the browser opened here and coming back
// to a loopback redirect; by a device code with --use-device-code, --no-browser, or where no
// browser here can be opened (over SSH, no display): the code and the page go to stderr, to be
// approved in any browser.

import { noBrowserHere } from '../browser/open-in-browser';
import { createCommandCore } from '../command-core';
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
  const { SsoLoginFailed } = await import('../sso/sso-login');
  const { logIn } = await import('../sso/log-in');
  const say = (line: string) => process.stderr.write(`rolecall: ${line}\n`);
  const clock = (date: Date) => date.toTimeString().slice(0, 5);
  const none = options.browser ? noBrowserHere(env) : undefined;
  if (none && !options.deviceCode) say(`${none} So: a device code, to approve in a browser elsewhere.`);
  let pageShown = false;
  try {
    const { token, file } = await logIn(
      target,
      { clients: core.clients, clock: core.clock, env },
      {
        deviceCode: options.deviceCode,
        noBrowser: !options.browser,
        clientKeys: set.clientKeys,
        onProgress: (progress) => {
          const { browser } = progress;
          if (progress.way === 'device') {
            // The code and page once, at the first news; a browser that then would not open, after.
            if (!pageShown) {
              pageShown = true;
              say(
                `to log in to IAM Identity Center at ${target.startUrl}, approve the code ${progress.prompt.userCode} at:`,
              );
              process.stderr.write(`  ${progress.prompt.verificationUriComplete}\n`);
              say(`waiting for the approval (the code expires at ${clock(progress.prompt.expiresAt)})…`);
            } else if (browser.state === 'not-opened')
              say(`${browser.why} Open the page above in a browser.`);
            return;
          }
          if (browser.state === 'opening')
            say(`logging in to IAM Identity Center at ${target.startUrl} in your browser…`);
          else if (browser.state === 'not-opened')
            say(
              `${browser.why} Open this page in a browser on this machine, or run the login again with --use-device-code:\n  ${progress.url}`,
            );
        },
      },
    );
    say(
      `logged in to ${target.startUrl} until ${clock(token.expiresAt)}${token.refreshToken ? ' (renewed by itself after that)' : ''}; the login is cached in ${file}, where the AWS CLI keeps it.`,
    );
  } catch (error) {
    if (error instanceof SsoLoginFailed) throw new CommandError(error.message);
    const { describeAwsError } = await import('../aws/errors');
    throw new CommandError(describeAwsError(error, { doing: 'log in to IAM Identity Center' }).message);
  }
}
