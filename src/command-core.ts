// The part of the core a one-shot command needs (`env`, `exec`, `credential-process`): the AWS
// files, the clients, and the assume rules for what no flag says. createCore (core.ts) builds the
// rest on it, so each of these is made one way; a command that prints keys and exits loads none
// of the rest (accounts, verdicts, role listing, sessions, the MFA form): each is a module read
// and linked before its first call.
import { AssumeDefaultRules } from './assuming/assume-defaults';
import { type AwsClients, awsClients } from './aws/clients';
import { type Clock, systemClock } from './clock';
import { LoadedProfiles } from './profiles/loaded-profiles';
import type { SettingsData } from './settings/schema';

export interface CommandCoreOptions {
  settings: { read(): SettingsData };
  /** The environment as the composition root read it (cli.ts, or main.ts for one-shot.ts); nothing below reads process.env. */
  env: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Stops every AWS call in flight. */
  signal?: AbortSignal;
  /** A client factory of the caller's (a test that holds back AWS's answers); else one made here. */
  clients?: AwsClients;
}

export interface CommandCore {
  clock: Clock;
  /** The AWS files as read this run. */
  profiles: LoadedProfiles;
  /** Every STS and IAM client: timeouts from settings, bounded retries. */
  clients: AwsClients;
  /** Region, duration and session name when nothing more specific says them. */
  rules: AssumeDefaultRules;
}

export function createCommandCore(options: CommandCoreOptions): CommandCore {
  const { settings, env } = options;
  const clock = options.clock ?? systemClock;
  const profiles = new LoadedProfiles(env);
  const clients =
    options.clients ??
    awsClients({
      // The settings each client would otherwise parse the AWS files for, taken from the files as
      // last read (with 44,059 profiles, seconds a client).
      profiles: () => profiles.loaded(),
      env,
      // Read as each client is made, so an edited timeout applies to the next call.
      timeouts: () => {
        const { connectTimeoutSeconds, requestTimeoutSeconds } = settings.read();
        return { connectSeconds: connectTimeoutSeconds, requestSeconds: requestTimeoutSeconds };
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const rules = new AssumeDefaultRules({ env, settings: () => settings.read(), clock });
  return { clock, profiles, clients, rules };
}
