// `rolecall console PROFILE`: the AWS console in the browser as the profile's session, or with
// --print the sign-in URL on stdout for a browser elsewhere (over SSH, say). The URL is a secret
// for its 15 minutes: printed only when asked for, and never put in a program's arguments.
import { createCommandCore } from '../command-core';
import { ConsoleAccess, signinEndpointOf } from '../console/console-access';
import { ConsoleSignInError, type ConsoleSignInUrl } from '../console/console-sign-in';
import { SigninTokenError } from '../console/signin-token';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { type AgentChoice, sessionFor } from './agent-session';
import { CommandError, type ProfileSessionOptions, readOnlySettings } from './profile-session';

export interface ConsoleCommandOptions extends ProfileSessionOptions, AgentChoice {
  /** A console service's path (s3, ec2); the console's home when absent. */
  service?: string;
  /** Print the URL rather than open a browser. */
  print: boolean;
}

/** Resolves with the exit code: 1 when no browser took the URL. */
export async function runConsoleCommand(options: ConsoleCommandOptions): Promise<number> {
  const { env } = options;
  const { settings } = await readSettingsForCommand(env);
  const data = { ...DEFAULT_SETTINGS, ...settings };
  const core = createCommandCore({ settings: readOnlySettings(data), env });
  const access = new ConsoleAccess({
    clients: core.clients,
    timeouts: () => ({
      connectSeconds: data.connectTimeoutSeconds,
      requestSeconds: data.requestTimeoutSeconds,
    }),
    env,
    clock: core.clock,
  });
  try {
    signinEndpointOf(env);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  // No browser here: said before any credentials are asked for (or an MFA code typed) in vain.
  const none = options.print ? undefined : access.noBrowserHere();
  if (none) throw new CommandError(`${none} ${printInstead(options.profile)}`);
  const { credentials, identity, notes } = await sessionFor(options, 'console');
  for (const note of notes) process.stderr.write(`rolecall: ${note}\n`);
  let signIn: ConsoleSignInUrl;
  try {
    signIn = await access.signInUrl(
      { credentials, region: options.region || identity.region },
      options.service,
    );
  } catch (error) {
    if (error instanceof ConsoleSignInError || error instanceof SigninTokenError)
      throw new CommandError(error.message);
    throw error;
  }
  const until = signIn.validUntil.toTimeString().slice(0, 5);
  const as =
    signIn.via === 'federation-token' ? `${signIn.arn} (a federated user for your IAM user, 1h)` : signIn.arn;
  if (options.print) {
    process.stderr.write(
      `rolecall: the console sign-in URL for ${as}, good until ${until}: anyone who has it is signed in as that session, so keep it to yourself.\n`,
    );
    process.stdout.write(`${signIn.url}\n`);
    return 0;
  }
  process.stderr.write(`rolecall: opening the AWS console as ${as} in your browser…\n`);
  const opening = await access.open(signIn.url);
  if (opening.opened) {
    process.stderr.write(`rolecall: the browser has the sign-in link (by ${opening.by}).\n`);
    return 0;
  }
  process.stderr.write(`rolecall: ${opening.why} ${printInstead(options.profile)}\n`);
  return 1;
}

function printInstead(profile: string): string {
  return `Run rolecall console ${profile} --print and open the URL it prints in a browser (it is good for 15 minutes).`;
}
