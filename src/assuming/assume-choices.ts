// Checking what a person chose for an assume (typed in the TUI's form, or given to the CLI)
// against what AWS takes: the duration (15m up to the role's cap), the session name, the region
// and the external ID. One place, so a choice AWS would refuse is refused alike everywhere.
import { EXTERNAL_ID, REGION, SESSION_NAME } from '../aws-shapes/request-fields';
import { MIN_SESSION_SECONDS } from '../aws-shapes/session-limits';
import { formatDuration, parseDuration } from '../duration';
import type { AssumeChoices, AssumeDefaults } from './assume-defaults';

export type AssumeChoiceField = 'duration' | 'sessionName' | 'region' | 'externalId';

/** The choices as typed: text, before they are checked. */
export type TypedAssumeChoices = Readonly<Record<AssumeChoiceField, string>>;

/** What is wrong with one choice; the caller names the field its own way (a label, a flag). */
export interface AssumeChoiceProblem {
  field: AssumeChoiceField;
  problem: string;
}

/**
 * The choices as AssumeRole takes them, or the first that AWS would refuse. `limits` is the
 * longest session this caller may have for the role, and why (role chaining, the role's maximum).
 */
export function checkAssumeChoices(
  typed: TypedAssumeChoices,
  limits: Pick<AssumeDefaults, 'maxSeconds' | 'capReason'>,
): AssumeChoices | AssumeChoiceProblem {
  const duration = parseDuration(typed.duration);
  if (duration === undefined) return { field: 'duration', problem: 'type it as 1h, 90m or 3600.' };
  if (duration < MIN_SESSION_SECONDS)
    return { field: 'duration', problem: 'AWS gives at least 15 minutes (15m).' };
  if (duration > limits.maxSeconds)
    return {
      field: 'duration',
      problem: `at most ${formatDuration(limits.maxSeconds)}, because ${limits.capReason}.`,
    };
  const sessionName = typed.sessionName.trim();
  if (!SESSION_NAME.test(sessionName))
    return { field: 'sessionName', problem: '2 to 64 letters, digits or + = , . @ _ - characters.' };
  const region = typed.region.trim();
  if (!REGION.test(region))
    return { field: 'region', problem: `"${region}" is not a region name like eu-west-1.` };
  const externalId = typed.externalId.trim();
  if (externalId && !EXTERNAL_ID.test(externalId))
    return { field: 'externalId', problem: '2 to 1224 letters, digits or + = , . @ : / _ - characters.' };
  return { durationSeconds: duration, sessionName, region, ...(externalId ? { externalId } : {}) };
}

/** Whether the check found a problem rather than choices. */
export function isAssumeChoiceProblem(
  checked: AssumeChoices | AssumeChoiceProblem,
): checked is AssumeChoiceProblem {
  return 'problem' in checked;
}
