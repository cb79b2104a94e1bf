// What the checks find in the trust-policy builder's state, each beside the field it is about:
// the draft's problems in the form's words, checkTrustPolicy's findings on the document it
// makes, placed by their JSON path, and the role's own (role-findings.ts). Pure, recomputed on
// every keystroke.
import { checkTrustPolicy, type TrustFinding } from '../../../src/trust-policy/checks';
import { type TrustPolicyDocument, trustPolicyOf } from '../../../src/trust-policy/draft';
import { versionClash } from '../../../src/trust-policy/draft-from-document';
import { servicePrincipalName, type TrustPrincipal } from '../../../src/trust-policy/draft-principals';
import { trustDraftProblems } from '../../../src/trust-policy/draft-problems';
import { type RolePlace, type RoleSpecProblemAt, roleFindings } from './role-findings';
import { formDocument } from './trust-policy-editing';
import {
  CONDITION_FIELDS,
  type ConditionKey,
  draftOf,
  kindOf,
  principalOf,
  type TrustPolicyFormState,
} from './trust-policy-form-state';

/** Where a finding is shown: beside an entry, beside a condition, above the entries, or under the preview. */
export type Place = `entry:${number}` | `condition:${ConditionKey}` | 'entries' | 'document' | RolePlace;

export interface FormFinding {
  severity: 'error' | 'warning';
  message: string;
  place: Place;
}

export interface TrustPolicyFindings {
  document: TrustPolicyDocument;
  /** Every finding once, in the form's order of places. */
  findings: FormFinding[];
  /** The trust policy's. */
  errors: number;
  warnings: number;
  /** The role's own fields' and permissions' (roleSpecProblems). */
  roleErrors: number;
}

/** A repository as GitHub names it: OWNER/REPO. */
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/**
 * What is wrong with the state, each beside its field: the draft's problems (in the form's words)
 * and the checks on the document it makes (what IAM refuses, what Access Analyzer warns of). A
 * check's error where the draft already names a problem says the same thing again, so it goes.
 */
export function trustPolicyFindings(
  state: TrustPolicyFormState,
  /** The role's problems (roleSpecProblems(state.role)); none for a trust policy alone. */
  roleProblems: readonly RoleSpecProblemAt[] = [],
  /** Whether a user or role ARN exists, where IAM could say (usePrincipalLookups); else unknown. */
  knownPrincipal?: (arn: string) => boolean | undefined,
): TrustPolicyFindings {
  const draft = draftOf(state);
  const document = trustPolicyOf(draft);
  const findings: FormFinding[] = trustDraftProblems(draft).map((p) => ({
    severity: 'error',
    message: p.problem,
    place:
      p.field === 'principals'
        ? p.entry === undefined
          ? 'entries'
          : `entry:${p.entry}`
        : `condition:${p.field}`,
  }));
  state.entries.entries.forEach((text, entry) => {
    if (kindOf(state, entry) === 'github' && text.trim() && !REPOSITORY.test(text.trim()))
      findings.push({
        severity: 'error',
        message: `"${text.trim()}" is not a repository: type OWNER/REPO.`,
        place: `entry:${entry}`,
      });
  });
  const named = new Set(findings.map((f) => f.place));
  // When editing, the document checked is the one saved: the form's statements, then those kept.
  const checked = checkTrustPolicy(
    state.editing ? formDocument(draft, state.editing) : JSON.stringify(document),
    {
      ...(state.account ? { account: state.account } : {}),
      ...(knownPrincipal ? { knownPrincipal } : {}),
    },
  );
  for (const finding of checked) {
    const place = placeOf(state, document, finding);
    if (finding.severity === 'error' && named.has(place)) continue;
    findings.push({ severity: finding.severity, message: finding.message, place });
  }
  const clash = state.editing && versionClash(draft, state.editing.kept, state.editing.frame);
  if (clash) findings.push({ severity: 'error', message: clash, place: 'document' });
  const order = placeOrder(state);
  findings.sort((a, b) => order(a.place) - order(b.place));
  const trust = findings.length;
  // After the trust policy's, in the form's order (the role's fields come after its conditions).
  const role = roleFindings(state, roleProblems);
  findings.push(...role);
  return {
    document,
    findings,
    errors: findings.slice(0, trust).filter((f) => f.severity === 'error').length,
    warnings: findings.slice(0, trust).filter((f) => f.severity === 'warning').length,
    roleErrors: role.filter((f) => f.severity === 'error').length,
  };
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The trust policy's "2 errors, 1 warning", or that IAM would take it. */
export function findingsSummary({ errors, warnings }: TrustPolicyFindings): string {
  if (errors > 0) return `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
  if (warnings > 0) return `IAM would accept this trust policy; ${count(warnings, 'warning')}`;
  return 'IAM would accept this trust policy';
}

/** The role's own errors, after the trust policy's summary: "; the role: 1 error". */
export function roleSummary({ roleErrors }: TrustPolicyFindings): string {
  return roleErrors > 0 ? ` · the role: ${count(roleErrors, 'error')}` : '';
}

export function findingsAt(findings: TrustPolicyFindings, place: Place): FormFinding[] {
  return findings.findings.filter((f) => f.place === place);
}

function placeOrder(state: TrustPolicyFormState): (place: Place) => number {
  const entries = state.entries.entries.length;
  return (place) => {
    if (place === 'entries') return -1;
    if (place === 'document') return entries + CONDITION_FIELDS.length;
    if (place.startsWith('entry:')) return Number(place.slice('entry:'.length));
    if (!place.startsWith('condition:')) return entries + CONDITION_FIELDS.length + 1;
    return entries + CONDITION_FIELDS.findIndex((f) => `condition:${f.key}` === place);
  };
}

/** The condition key each condition field writes, lowercased as IAM compares keys. */
const CONDITION_KEY_FIELDS: Record<string, ConditionKey> = {
  'aws:multifactorauthpresent': 'requireMfa',
  'aws:multifactorauthage': 'mfaMaxAge',
  'sts:externalid': 'externalId',
  'aws:principalorgid': 'principalOrgId',
  'sts:sourceidentity': 'sourceIdentity',
  'aws:sourceaccount': 'sourceAccount',
  'aws:sourcearn': 'sourceArn',
};

const PATH = /^\$\.Statement(?:\[(\d+)\])?(?:\.(\w+))?(.*)$/;

/** The field a finding is about, read from its JSON path into the document the state made. */
export function placeOf(
  state: TrustPolicyFormState,
  document: TrustPolicyDocument,
  finding: TrustFinding,
): Place {
  const match = PATH.exec(finding.path);
  if (!match) return 'document';
  const index = Number(match[1] ?? 0);
  const element = match[2];
  const rest = match[3] ?? '';
  const statement = document.Statement[index];
  if (!statement) return 'document';
  const values = Object.values(statement.Principal).flat();
  const owners = state.entries.entries
    .map((_, entry) => entry)
    .filter((entry) => {
      const name = principalName(principalOf(state, entry));
      return name !== undefined && values.includes(name);
    });
  const first: Place = owners[0] === undefined ? 'document' : `entry:${owners[0]}`;
  if (element === 'Principal') {
    const at = /^\.(\w+)(?:\[(\d+)\])?$/.exec(rest);
    const written = at ? (statement.Principal as Record<string, string | string[]>)[at[1] ?? ''] : undefined;
    const value = Array.isArray(written) ? written[Number(at?.[2] ?? 0)] : written;
    const owner = owners.find((entry) => principalName(principalOf(state, entry)) === value);
    return owner === undefined ? first : `entry:${owner}`;
  }
  if (element === 'Condition') {
    const key = rest.replace(/^\.[^.]+\./, '').toLowerCase();
    const field = CONDITION_KEY_FIELDS[key];
    return field ? `condition:${field}` : first;
  }
  if (element === 'Action') {
    const actions = [statement.Action].flat();
    const action = actions[Number(/\[(\d+)\]/.exec(rest)?.[1] ?? 0)];
    if (action === 'sts:TagSession') return 'condition:allowSessionTags';
    if (action === 'sts:SetSourceIdentity') return 'condition:sourceIdentity';
    return first;
  }
  return first;
}

/** The principal as the document names it; undefined for an entry left out (nothing typed). */
function principalName(principal: TrustPrincipal): string | undefined {
  switch (principal.kind) {
    case 'account':
      return principal.id.trim() ? `arn:aws:iam::${principal.id.trim()}:root` : undefined;
    case 'arn':
      return principal.arn.trim() || undefined;
    case 'service':
      return principal.service.trim() ? servicePrincipalName(principal.service) : undefined;
    case 'saml':
      return principal.providerArn.trim() || undefined;
    case 'oidc':
      return principal.provider.trim() || undefined;
  }
}
