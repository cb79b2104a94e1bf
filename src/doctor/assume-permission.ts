// Whether the caller's own policies allow sts:AssumeRole: the third of the three things that
// must agree (the role's trust, the role's permissions, the caller's permission). Read from
// SimulatePrincipalPolicy's EvalDecision for sts:AssumeRole on each role the caller's profiles
// assume.
import type { DoctorFinding } from './finding';

export type SimulationAnswer =
  | { kind: 'decisions'; decisions: ReadonlyArray<{ resource: string; decision: string }> }
  | { kind: 'not-checked'; why: string };

export function assumePermissionFindings(caller: string, answer: SimulationAnswer): DoctorFinding[] {
  if (answer.kind === 'not-checked')
    return [
      {
        severity: 'info',
        check: 'permissions',
        // describeAwsError's words, which say what could not be done and why.
        message: answer.why,
      },
    ];
  const refused = answer.decisions.filter((d) => d.decision !== 'allowed');
  if (refused.length === 0)
    return [
      {
        severity: 'info',
        check: 'permissions',
        message: `${caller}'s policies allow sts:AssumeRole on ${answer.decisions.map((d) => (d.resource === '*' ? 'any role' : d.resource)).join(', ')}.`,
      },
    ];
  return refused.map(({ resource, decision }) => ({
    severity: 'error',
    check: 'permissions',
    message: `${caller}'s policies do not allow sts:AssumeRole on ${resource === '*' ? 'any role' : resource} (${decision === 'explicitDeny' ? 'an explicit deny' : 'no statement allows it'}): the assume is refused whatever the role's trust says.`,
    fix: `Give ${caller} (or its group) a policy that allows sts:AssumeRole on ${resource === '*' ? 'the roles you use' : resource}.`,
  }));
}
