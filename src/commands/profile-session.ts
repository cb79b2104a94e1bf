// The credentials for one profile, for the commands that print or pass them on: profiles read,
// settings consulted (region, duration, session-name template), the MFA code asked for as the
// person allows (a flag, else the terminal, else a clear error).

import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { MFA_CODE } from '../aws/identifiers';
import { systemClock } from '../clock';
import { providerForProfile } from '../credentials/from-profile';
import type { AskMfaCode, Credentials } from '../credentials/provider';
import { loadProfiles } from '../profiles/load';
import { sessionNameFromTemplate } from '../sessions/session-name';
import { readSettingsForCommand } from '../settings/quick-read';
import type { SessionIdentity } from '../shells/child-env';

export interface ProfileSessionOptions {
  profile: string;
  durationSeconds?: number;
  region?: string;
  mfaCode?: string;
  env?: NodeJS.ProcessEnv;
  /** Looks at who the session will be before any credentials (or MFA code) are asked for. */
  before?: (identity: SessionIdentity) => void;
}

export class CommandError extends Error {
  override name = 'CommandError';
}

export async function profileSession(
  options: ProfileSessionOptions,
): Promise<{ credentials: Credentials; identity: SessionIdentity; notes: string[] }> {
  const env = options.env ?? process.env;
  const set = await loadProfiles({ env });
  const profile = set.profiles.get(options.profile);
  if (!profile)
    throw new CommandError(
      `There is no profile ${options.profile} in ${set.files.configFile} or ${set.files.credentialsFile}.`,
    );
  const { settings, notices: settingsNotices } = await readSettingsForCommand(env);
  for (const notice of settingsNotices) process.stderr.write(`rolecall: ${notice}\n`);
  // --region, else the profile's, else AWS_REGION, else rolecall's default ('' counts as unset).
  const defaultRegion = env.AWS_REGION || settings.defaultRegion;
  const region = options.region || profile.region || defaultRegion;
  const clock = systemClock;
  const { provider, chain, notes } = providerForProfile(set, options.profile, {
    askCode: askMfaCode(options.profile, options.mfaCode),
    ...(options.region ? { region: options.region } : {}),
    defaultRegion,
    clock,
    ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    defaultDurationSeconds: settings.defaultSessionSeconds,
    sessionName: (hop) =>
      sessionNameFromTemplate(settings.sessionNameTemplate, {
        user: userInfo().username,
        profile: hop.profile,
        role: hop.roleArn.split('/').at(-1) ?? '',
        time: String(Math.floor(clock.now() / 1000)),
      }),
    env,
  });
  const roleArn = chain.hops[0]?.roleArn;
  const identity: SessionIdentity = {
    profile: options.profile,
    region,
    ...(roleArn ? { roleArn, account: roleArn.split(':')[4] } : {}),
    ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}),
  };
  options.before?.(identity);
  return { credentials: await provider.retrieve(), notes, identity };
}

/** The code from --mfa-code, else asked on the terminal, else an error that names the flag. */
function askMfaCode(profile: string, given: string | undefined): AskMfaCode {
  let used = false;
  return async (serial) => {
    if (given !== undefined && !used) {
      used = true;
      if (!MFA_CODE.test(given))
        throw new CommandError('--mfa-code takes the 6 digits your MFA device shows.');
      return given;
    }
    if (!process.stdin.isTTY || !process.stderr.isTTY) {
      throw new CommandError(`Profile ${profile} needs an MFA code (${serial}): pass --mfa-code.`);
    }
    const terminal = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const code = (await terminal.question(`MFA code for ${serial}: `)).trim();
      if (!MFA_CODE.test(code)) throw new CommandError('An MFA code is the 6 digits your device shows.');
      return code;
    } finally {
      terminal.close();
    }
  };
}
