// `rolecall sso login [PROFILE] [--sso-session NAME] [--no-browser]`: an IAM Identity Center login
// by the device code, as `aws sso login --use-device-code` makes it and into the same cache, so
// that `aws` and rolecall share it. The code and the page go to stderr; the browser is opened on
// the page unless --no-browser, over SSH, or with no display, where the page is to be opened on
// a machine that has one.
import { createCommandCore } from '../command-core';
import { openInBrowser } from '../console/open-in-browser';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { SsoSettingsError, ssoLoginTargetOf } from '../sso/sso-settings';
import { CommandError, readOnlySettings } from './profile-session';

export interface SsoLoginOptions {
  profile?: string;
  session?: string;
  browser: boolean;
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
  const { deviceLogin, SsoLoginFailed } = await import('../sso/sso-login');
  const say = (line: string) => process.stderr.write(`rolecall: ${line}\n`);
  const clock = (date: Date) => date.toTimeString().slice(0, 5);
  let opening: Promise<void> | undefined;
  try {
    const { token, file } = await deviceLogin(
      target,
      { clients: core.clients, clock: core.clock, env },
      (prompt) => {
        say(
          `to log in to IAM Identity Center at ${target.startUrl}, approve the code ${prompt.userCode} at:`,
        );
        process.stderr.write(`  ${prompt.verificationUriComplete}\n`);
        if (options.browser)
          opening = openInBrowser(prompt.verificationUriComplete, { env }).then((opened) => {
            if (!opened.opened) say(`${opened.why} Open the page above in a browser.`);
          });
        say(`waiting for the approval (the code expires at ${clock(prompt.expiresAt)})…`);
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
