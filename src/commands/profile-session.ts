// The credentials for one profile, for the commands that print or pass them on: profiles read,
// settings consulted (region, duration, session-name template), the MFA code asked for as the
// person allows (a flag, else the terminal, else a clear error).

import { accountOf } from '../aws-shapes/arn';
import { MFA_CODE } from '../aws-shapes/request-fields';
import { createCommandCore } from '../command-core';
import { providerForProfile } from '../credentials/from-profile';
import type { AskMfaCode, Credentials } from '../credentials/provider';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS, type SettingsData } from '../settings/schema';
import type { SessionIdentity } from '../shells/child-env';
import { askOnTerminal, QuestionStopped } from './terminal-question';

export interface ProfileSessionOptions {
  profile: string;
  durationSeconds?: number;
  region?: string;
  mfaCode?: string;
  /** The environment the composition root read (cli.ts). */
  env: NodeJS.ProcessEnv;
  /** Looks at who the session will be before any credentials (or MFA code) are asked for. */
  before?: (identity: SessionIdentity) => void;
}

export class CommandError extends Error {
  override name = 'CommandError';
}

export async function profileSession(
  options: ProfileSessionOptions,
): Promise<{ credentials: Credentials; identity: SessionIdentity; notes: string[] }> {
  const { env } = options;
  const { settings, notices: settingsNotices } = await readSettingsForCommand(env);
  const core = createCommandCore({ settings: readOnlySettings({ ...DEFAULT_SETTINGS, ...settings }), env });
  const set = await core.profiles.read();
  const profile = set.profiles.get(options.profile);
  // A file the SDK read as empty (a directory, say) is why a profile may be missing: said either way.
  // So is a section of that name the SDK dropped ([profile my prod], with its space).
  const why = set.fileFindings.filter(
    (f) => f.refusesAll || f.profile === '__proto__' || f.profile === options.profile,
  );
  if (!profile)
    throw new CommandError(
      [
        `There is no profile ${options.profile} in ${set.files.configFile} or ${set.files.credentialsFile}.`,
        ...why.map((f) => `${f.problem} ${f.fix}`),
      ].join(' '),
    );
  for (const notice of settingsNotices) process.stderr.write(`rolecall: ${notice}\n`);
  // The interface's rules for what no flag says (assume-defaults.ts): --region, else the
  // profile's, else AWS_REGION, else rolecall's default; the session name from the template.
  const { rules } = core;
  const region = options.region || rules.regionOf(set, options.profile);
  const { provider, chain, notes } = providerForProfile(set, options.profile, {
    ...rules.forProviders(),
    askCode: askMfaCode(options.profile, options.mfaCode),
    ...(options.region ? { region: options.region } : {}),
    // --duration, else the profile's duration_seconds, else rolecall's default (capped for a chain).
    ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    // Every STS call ends: a connection and a request timeout from settings, bounded retries.
    clients: core.clients,
  });
  // What the files do to the profiles used that the person may not expect, but that changes
  // nothing rolecall would refuse for (a refusal has already ended the command): said, not hidden.
  const used = new Set(chain.visited);
  for (const finding of set.fileFindings) {
    if (used.has(finding.profile) && finding.refuses.length === 0)
      notes.push(`note: ${finding.problem} ${finding.fix}`);
  }
  const roleArn = chain.hops[0]?.roleArn;
  // An SSO profile's own session is in the account it names (sso_account_id).
  const ssoAccount =
    !roleArn && chain.base?.kind === 'sso' ? set.ssoKeys(chain.base.profile)?.sso_account_id : undefined;
  const identity: SessionIdentity = {
    profile: options.profile,
    region,
    ...(roleArn
      ? { roleArn, account: accountOf(roleArn) }
      : ssoAccount && /^\d{12}$/.test(ssoAccount)
        ? { account: ssoAccount }
        : {}),
    ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}),
  };
  options.before?.(identity);
  return { credentials: await provider.retrieve(), notes, identity };
}

/**
 * Settings as a one-shot command has them: read once, never written. A command remembers
 * nothing (no recent roles, no aliases), and never rewrites the person's file (quick-read.ts).
 */
export function readOnlySettings(data: SettingsData) {
  return {
    read: () => data,
    update: () => {},
    noteRecent: () => {},
    rememberExternalId: () => {},
  };
}

/** The code from --mfa-code, else asked on the terminal, else an error that names the flag. */
export function askMfaCode(profile: string, given: string | undefined): AskMfaCode {
  let used = false;
  return async (serial) => {
    if (given !== undefined && !used) {
      used = true;
      if (!MFA_CODE.test(given))
        throw new CommandError('--mfa-code takes the 6 digits your MFA device shows.');
      return given;
    }
    const answer = await askOnTerminal(`MFA code for ${serial}: `).catch((error: unknown) => {
      if (error instanceof QuestionStopped)
        throw new CommandError(`No MFA code was given for ${serial}: nothing was assumed.`);
      throw error;
    });
    if (answer === undefined)
      throw new CommandError(`Profile ${profile} needs an MFA code (${serial}): pass --mfa-code.`);
    if (!MFA_CODE.test(answer)) throw new CommandError('An MFA code is the 6 digits your device shows.');
    return answer;
  };
}
