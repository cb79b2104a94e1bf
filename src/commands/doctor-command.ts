// `rolecall doctor`: checks this terminal's AWS setup and prints the findings (text, or --json
// for scripts); exit status 1 when one would break an assume. Read-only: --fix comes later.
import { createCore } from '../core';
import { doctorReport } from '../doctor/doctor-report';
import { hasError } from '../doctor/finding';
import { runDoctor } from '../doctor/run-doctor';
import { readSettingsForCommand } from '../settings/quick-read';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { readOnlySettings } from './profile-session';

export interface DoctorCommandOptions {
  /** The environment the composition root read (cli.ts). */
  env: NodeJS.ProcessEnv;
  json: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runDoctorCommand(options: DoctorCommandOptions): Promise<number> {
  const { env } = options;
  const { settings, notices } = await readSettingsForCommand(env);
  for (const notice of notices) options.stderr.write(`rolecall: ${notice}\n`);
  const core = createCore({ settings: readOnlySettings({ ...DEFAULT_SETTINGS, ...settings }), env });
  const set = await core.profiles.read();
  const { rules } = core.assuming;
  const findings = await runDoctor({
    env,
    set,
    clients: core.clients,
    clock: core.clock,
    region: rules.regionOf(set, set.selected),
    providerOptions: rules.forProviders(),
  });
  options.stdout.write(options.json ? `${JSON.stringify(findings, null, 2)}\n` : doctorReport(findings));
  return hasError(findings) ? 1 : 0;
}
