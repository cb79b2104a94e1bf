// The profile lint's findings, each with its fix, as doctor findings. Everything the lint finds
// breaks an assume through that profile (a missing source_profile, a loop…), except what the SDK
// reads in a way a person may not expect but still uses (a key given twice), and what the lint
// calls harmless (mfa_serial on a keys profile: only some roles may need it): those are warnings.
import { lintProfiles } from '../profiles/lint';
import type { ProfileSet } from '../profiles/profile-set';
import type { DoctorFinding } from './finding';

export function profileFindings(set: ProfileSet): DoctorFinding[] {
  const harmless = new Set(
    set.fileFindings
      .filter((f) => f.refuses.length === 0 && !f.refusesAll)
      .map((f) => `${f.profile}\n${f.problem}`),
  );
  return lintProfiles(set).map((finding) => ({
    severity:
      finding.harmless || harmless.has(`${finding.profile}\n${finding.problem}`) ? 'warning' : 'error',
    check: 'profiles',
    message: `Profile ${finding.profile} (${finding.file}${finding.line !== undefined ? ` line ${finding.line}` : ''}): ${finding.problem}`,
    fix: finding.fix,
  }));
}
