// Before the save page opens: a document IAM would refuse is not offered for saving; the person
// is told to fix what the form marks ✗ (the same checks as the form's, on the whole document).
import { checkTrustPolicy, hasErrors } from '../src/trust-policy/checks';

/** Why the document cannot be saved, or undefined when IAM would take it. */
export function refusedWords(document: string, account: string): string | undefined {
  const findings = checkTrustPolicy(document, account ? { account } : {});
  if (!hasErrors(findings)) return undefined;
  const first = findings.find((f) => f.severity === 'error');
  return `IAM would refuse this trust policy: ${first?.message ?? ''} Fix what the form marks ✗ first.`;
}
