// The checks on a role's trust policy, as the builder shows them beside its fields and as
// `rolecall trust-policy --check` prints them: errors for what IAM refuses to save
// (check-refusals.ts), warnings for what IAM Access Analyzer's policy validation flags in a role
// trust policy and for another account trusted without MFA or an external ID (check-warnings.ts).
// Each finding names the JSON path it is about, so a form can put it beside its field.
import { parsePolicy } from '../policy/document';
import type { TrustCheckOptions, TrustFinding } from './check-finding';
import { readLayout } from './check-paths';
import { refusals } from './check-refusals';
import { warnings } from './check-warnings';

export type { TrustCheckOptions, TrustFinding } from './check-finding';

export function checkTrustPolicy(text: string, options: TrustCheckOptions = {}): TrustFinding[] {
  const parsed = parsePolicy(text);
  const layout = readLayout(text);
  const errors = refusals(text, parsed, layout, options);
  const warned = parsed.policy ? warnings(parsed.policy, layout, options) : [];
  return [...errors, ...warned];
}

export function hasErrors(findings: readonly TrustFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
