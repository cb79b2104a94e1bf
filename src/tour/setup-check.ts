// "Check your setup": the walkthrough's run of `rolecall doctor`'s check, with the interface's
// own core: its clients (the timeouts in settings, retries said on the status line, and every
// call stopped when rolecall quits), its clock, and the AWS files as it read them. Then
// `doctor --fix`'s fixes to the config file, shown as a diff and written only when confirmed.
import type { AssumeDefaultRules } from '../assuming/assume-defaults';
import type { AwsClients } from '../aws/clients';
import { configFilePath, type WriteResult, writeEdit } from '../aws-files/file-edit';
import type { Clock } from '../clock';
import { type ConfigFixPlan, planConfigFixes } from '../doctor/config-fixes';
import type { DoctorFinding } from '../doctor/finding';
import { runDoctor } from '../doctor/run-doctor';
import { errorText } from '../error-text';
import type { ProfileSet } from '../profiles/profile-set';

export interface SetupCheckSources {
  env: NodeJS.ProcessEnv;
  profiles: { read(): Promise<ProfileSet> };
  clients: AwsClients;
  clock: Clock;
  rules: Pick<AssumeDefaultRules, 'regionOf' | 'forProviders'>;
}

export async function checkSetup(sources: SetupCheckSources): Promise<DoctorFinding[]> {
  const set = await sources.profiles.read();
  return runDoctor({
    env: sources.env,
    set,
    clients: sources.clients,
    clock: sources.clock,
    region: sources.rules.regionOf(set, set.selected),
    providerOptions: sources.rules.forProviders(),
  });
}

/**
 * The fixes to the person's config file whose result is certain (`doctor --fix`'s), as an edit
 * to show as a diff; none planned when the file cannot be read (said as the plan's notWritten).
 */
export async function planSetupFixes(env: NodeJS.ProcessEnv): Promise<ConfigFixPlan> {
  try {
    return await planConfigFixes(env);
  } catch (error) {
    return {
      path: configFilePath(env),
      fixed: [],
      left: [],
      notWritten: errorText(error),
    };
  }
}

/** Writes the fixes the person saw, with a backup beside the file first; refused if it changed since. */
export function writeSetupFixes(plan: ConfigFixPlan, clock: Clock): Promise<WriteResult> {
  if (!plan.edit)
    return Promise.resolve({ ok: false, message: plan.notWritten ?? 'There is nothing to write.' });
  return writeEdit(plan.edit, clock);
}
