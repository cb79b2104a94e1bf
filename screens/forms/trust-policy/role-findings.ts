// What the role-making checks (src/role-making/role-spec-problems.ts) find in the role's fields
// and permissions, each placed beside the field it is about: a tag's problem beside that tag, a
// policy ARN's beside the picked list or the ARN typed. Pure.
import { filledEntries } from '../../../components/form/entry-list-state';
import type { RoleSpec } from '../../../src/role-making/role-spec';
import type { RoleFieldsState } from './role-fields-state';

/** A problem with the spec, as roleSpecProblems gives it: the field, and which of a list's items. */
export interface RoleSpecProblemAt {
  field: keyof RoleSpec | string;
  problem: string;
  /** For a list (tags, managed policies): which item. */
  index?: number;
  severity?: 'error' | 'warning';
}

/** Where a role finding is shown. */
export type RolePlace =
  | `role:${'name' | 'path' | 'description' | 'maxSession'}`
  | `tag:${number}`
  | `policy-arn:${number}`
  | 'managed'
  | 'inline'
  | 'inline-name'
  | 'boundary';

export interface RoleFinding {
  severity: 'error' | 'warning';
  message: string;
  place: RolePlace;
}

export function roleFindings(state: RoleFieldsState, problems: readonly RoleSpecProblemAt[]): RoleFinding[] {
  return problems.map((p) => ({
    severity: p.severity ?? 'error',
    message: p.problem,
    place: placeOfProblem(state, p),
  }));
}

function placeOfProblem(state: RoleFieldsState, problem: RoleSpecProblemAt): RolePlace {
  switch (problem.field) {
    case 'name':
    case 'path':
    case 'description':
    case 'maxSession':
      return `role:${problem.field}`;
    case 'tags': {
      // The spec's tags are the filled entries; the list shows the empty ones too.
      const filled = state.tags.entries.map((text, i) => ({ text, i })).filter((t) => t.text.trim());
      return `tag:${filled[problem.index ?? 0]?.i ?? 0}`;
    }
    case 'managedPolicies': {
      const arn = problem.index === undefined ? undefined : state.role.managedPolicies[problem.index];
      const typedAt = arn === undefined ? -1 : state.policyArns.entries.findIndex((t) => t.trim() === arn);
      if (typedAt >= 0 && !state.picked.includes(arn ?? '')) return `policy-arn:${typedAt}`;
      if (arn === undefined && filledEntries(state.policyArns).length > 0 && state.picked.length === 0)
        return 'policy-arn:0';
      return 'managed';
    }
    case 'inlinePolicy':
      return 'inline';
    case 'inlinePolicyName':
      return 'inline-name';
    case 'permissionsBoundary':
      return 'boundary';
    default:
      return 'role:name';
  }
}
