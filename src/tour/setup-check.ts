// "Check your setup": the walkthrough's run of `rolecall doctor`'s check, with the interface's
// own core: its clients (the timeouts in settings, retries said on the status line, and every
// call stopped when rolecall quits), its clock, and the AWS files as it read them.
import type { AssumeDefaultRules } from '../assuming/assume-defaults';
import type { AwsClients } from '../aws/clients';
import type { Clock } from '../clock';
import type { DoctorFinding } from '../doctor/finding';
import { runDoctor } from '../doctor/run-doctor';
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
