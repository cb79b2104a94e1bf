// What IAM would refuse in a new role's spec, each tied to its field, in words that say what to
// type. The rules are IAM's own: the CreateRole, AttachRolePolicy and PutRolePolicy parameters
// (IAM API reference: roleNameType, pathType, roleDescriptionType, roleMaxSessionDurationType,
// tagKeyType, tagValueType, policyNameType, arnType) and its default quotas (IAM user guide,
// "IAM and AWS STS quotas").
import { parseDuration } from '../duration';
import { parsePolicy } from '../policy/document';
import { lengthWithoutWhitespace } from '../trust-policy/check-refusals';
import type { RoleSpec } from './role-spec';

export interface RoleSpecProblem {
  field: keyof RoleSpec;
  /** Which entry of a list field (tags, managedPolicies), from 0. */
  index?: number;
  problem: string;
}

/** IAM's default quota of managed policies attached to a role (adjustable in Service Quotas). */
export const MANAGED_POLICIES_PER_ROLE = 10;
/** "Role policy size": every inline policy of a role together, whitespace not counted. */
export const INLINE_POLICY_QUOTA = 10_240;
export const MIN_MAX_SESSION_SECONDS = 3600;
export const MAX_MAX_SESSION_SECONDS = 43_200;
export const TAGS_PER_ROLE = 50;

const NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\/|\/[\x21-\x7E]+\/)$/;
// roleDescriptionType: tab, newline, carriage return, printable ASCII and Latin-1.
const DESCRIPTION = /^[\t\n\r\x20-\x7E\xA1-\xFF]*$/u;
// tagKeyType / tagValueType.
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** A managed policy: AWS's own (account "aws") or an account's; a path may sit before the name. */
export const POLICY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(aws|\d{12}):policy\/(?:[\x21-\x7E]*\/)?[\w+=,.@-]{1,128}$/;

export function roleSpecProblems(spec: RoleSpec): RoleSpecProblem[] {
  return [
    ...nameProblems(spec.name),
    ...pathProblems(spec.path),
    ...descriptionProblems(spec.description),
    ...maxSessionProblems(spec.maxSession),
    ...tagProblems(spec),
    ...managedPolicyProblems(spec.managedPolicies),
    ...inlinePolicyProblems(spec),
    ...boundaryProblems(spec.permissionsBoundary),
  ];
}

function nameProblems(name: string): RoleSpecProblem[] {
  const problem = (text: string): RoleSpecProblem[] => [{ field: 'name', problem: text }];
  if (name === '') return problem('Type the role’s name (up to 64 letters, digits and +=,.@_-).');
  if (name.length > 64) return problem(`The name is ${name.length} characters; IAM allows at most 64.`);
  if (!NAME.test(name)) {
    return problem(
      `The name may hold only letters, digits and +=,.@_- (no spaces); ${shownBad(name, NAME)} is not allowed.`,
    );
  }
  return [];
}

function pathProblems(path: string): RoleSpecProblem[] {
  if (path === '') return [];
  const problem = (text: string): RoleSpecProblem[] => [{ field: 'path', problem: text }];
  if (path.length > 512) return problem(`The path is ${path.length} characters; IAM allows at most 512.`);
  if (!PATH.test(path)) {
    return problem(
      'The path must be "/" or start and end with "/" (like /teams/ci/), without spaces or characters beyond printable ASCII.',
    );
  }
  return [];
}

function descriptionProblems(description: string): RoleSpecProblem[] {
  const problem = (text: string): RoleSpecProblem[] => [{ field: 'description', problem: text }];
  if (description.length > 1000) {
    return problem(`The description is ${description.length} characters; IAM allows at most 1,000.`);
  }
  if (!DESCRIPTION.test(description)) {
    return problem(
      `The description may hold letters of Latin-1, digits, punctuation and spaces; ${shownBad(description, DESCRIPTION)} is not allowed.`,
    );
  }
  return [];
}

function maxSessionProblems(typed: string): RoleSpecProblem[] {
  if (typed.trim() === '') return [];
  const seconds = parseDuration(typed);
  const problem = (text: string): RoleSpecProblem[] => [{ field: 'maxSession', problem: text }];
  if (seconds === undefined) {
    return problem(`"${typed}" is not a duration: type hours or minutes (1h, 90m, 12h) or seconds (3600).`);
  }
  if (seconds < MIN_MAX_SESSION_SECONDS || seconds > MAX_MAX_SESSION_SECONDS) {
    return problem('The maximum session must be from 1h to 12h (3600 to 43200 seconds).');
  }
  return [];
}

function tagProblems(spec: RoleSpec): RoleSpecProblem[] {
  const problems: RoleSpecProblem[] = [];
  if (spec.tags.length > TAGS_PER_ROLE) {
    problems.push({
      field: 'tags',
      problem: `${spec.tags.length} tags; IAM allows at most ${TAGS_PER_ROLE} on a role.`,
    });
  }
  const seen = new Set<string>();
  spec.tags.forEach(({ key, value }, index) => {
    const problem = (text: string) => problems.push({ field: 'tags', index, problem: text });
    if (key === '') problem('Type the tag’s key, or remove the tag.');
    else if (key.length > 128) problem(`The tag key is ${key.length} characters; IAM allows at most 128.`);
    else if (!TAG_KEY.test(key)) {
      problem(
        `A tag key may hold letters, digits, spaces and _.:/=+-@; ${shownBad(key, TAG_KEY)} is not allowed.`,
      );
    } else if (key.toLowerCase().startsWith('aws:')) {
      problem(`Tag keys starting with "aws:" are AWS’s own; choose another key than ${key}.`);
    } else if (seen.has(key.toLowerCase())) {
      // IAM takes tag keys ignoring case: "Team" and "team" are the same tag.
      problem(`The tag ${key} is given twice (IAM ignores case in tag keys); keep one.`);
    }
    seen.add(key.toLowerCase());
    if (value.length > 256)
      problem(`The value of ${key || 'the tag'} is ${value.length} characters; IAM allows at most 256.`);
    else if (!TAG_VALUE.test(value)) {
      problem(
        `A tag value may hold letters, digits, spaces and _.:/=+-@; ${shownBad(value, TAG_VALUE)} is not allowed.`,
      );
    }
  });
  return problems;
}

function managedPolicyProblems(arns: readonly string[]): RoleSpecProblem[] {
  const problems: RoleSpecProblem[] = [];
  if (arns.length > MANAGED_POLICIES_PER_ROLE) {
    problems.push({
      field: 'managedPolicies',
      problem: `${arns.length} managed policies; IAM attaches at most ${MANAGED_POLICIES_PER_ROLE} to a role by default (its quota "Managed policies per role" can be raised in Service Quotas). Put the rest in the inline policy, or remove some.`,
    });
  }
  const seen = new Set<string>();
  arns.forEach((arn, index) => {
    if (!POLICY_ARN.test(arn)) {
      problems.push({
        field: 'managedPolicies',
        index,
        problem: `"${arn}" is not a managed policy’s ARN: type arn:aws:iam::aws:policy/NAME for AWS’s own, or arn:aws:iam::ACCOUNT:policy/NAME.`,
      });
    } else if (seen.has(arn)) {
      problems.push({ field: 'managedPolicies', index, problem: `${arn} is listed twice; keep one.` });
    }
    seen.add(arn);
  });
  return problems;
}

function inlinePolicyProblems(spec: RoleSpec): RoleSpecProblem[] {
  const problems: RoleSpecProblem[] = [];
  const name = spec.inlinePolicyName;
  if (name !== '' && (name.length > 128 || !NAME.test(name))) {
    problems.push({
      field: 'inlinePolicyName',
      problem: 'The inline policy’s name may hold up to 128 letters, digits and +=,.@_- (no spaces).',
    });
  }
  const text = spec.inlinePolicy;
  if (text.trim() === '') return problems;
  const problem = (message: string) => problems.push({ field: 'inlinePolicy', problem: message });
  const { policy, problems: parsed } = parsePolicy(text);
  if (parsed[0]?.path === '$') {
    problem(`The inline policy is not a JSON policy (${parsed[0].message}); edit it again.`);
    return problems;
  }
  for (const p of parsed) problem(`In the inline policy at ${p.path}: ${p.message}.`);
  for (const statement of policy?.statements ?? []) {
    const at = `$.Statement[${statement.index}]`;
    if (statement.principal || statement.notPrincipal) {
      problem(
        `In the inline policy at ${at}: a permissions policy names no Principal (it is the role’s own); remove it.`,
      );
    }
    if (!statement.resource && !statement.notResource) {
      problem(`In the inline policy at ${at}: a statement needs a Resource ("*" for every one).`);
    }
  }
  const size = lengthWithoutWhitespace(text);
  if (size > INLINE_POLICY_QUOTA) {
    problem(
      `The inline policy is ${size.toLocaleString('en')} characters without whitespace; IAM allows ${INLINE_POLICY_QUOTA.toLocaleString('en')} for a role’s inline policies. Use managed policies for the rest.`,
    );
  }
  return problems;
}

function boundaryProblems(arn: string): RoleSpecProblem[] {
  if (arn === '' || POLICY_ARN.test(arn)) return [];
  return [
    {
      field: 'permissionsBoundary',
      problem: `"${arn}" is not a managed policy’s ARN: type arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME, or leave it empty for no boundary.`,
    },
  ];
}

/** The first character the pattern refuses, quoted ("the space", '"#"'). */
function shownBad(text: string, allowed: RegExp): string {
  for (const char of text) {
    if (!allowed.test(char)) return char === ' ' ? 'the space' : `"${char}"`;
  }
  return 'a character';
}
