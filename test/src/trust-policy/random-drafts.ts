// Random trust-policy drafts, as a person could fill the builder's form, and the callers to try
// them with. Seeded, so a failure is reproducible from its case number. The principals in the
// sandbox's identity account exist there; those of OTHER are outside it, which the sandbox takes
// as given, as IAM takes principals of accounts it cannot see.
import { IDENTITY } from '../../../src/sandbox/seed';
import { emptyTrustDraft, type TrustDraft, type TrustPrincipal } from '../../../src/trust-policy/draft';
import { githubActionsPrincipal, servicePrincipalName } from '../../../src/trust-policy/draft-principals';

const OTHER = '444455556666';
const STRANGER = '555555555555';
/** The role's own account (where its SAML and OIDC providers are). */
export const ROLE_ACCOUNT = '222222222222';
export const ROLE_ARN = `arn:aws:iam::${ROLE_ACCOUNT}:role/Built`;
export const EXTERNAL_ID = 'c0ffee-4b1d-ext';
export const ORG_ID = 'o-a1b2c3d4e5';

const PRINCIPALS: readonly TrustPrincipal[] = [
  { kind: 'account', id: IDENTITY },
  { kind: 'account', id: OTHER },
  { kind: 'arn', arn: `arn:aws:iam::${IDENTITY}:user/alice` },
  { kind: 'arn', arn: `arn:aws:iam::${IDENTITY}:role/Admin` },
  { kind: 'arn', arn: `arn:aws:iam::${OTHER}:user/carol` },
  { kind: 'arn', arn: `arn:aws:iam::${OTHER}:role/team/Ops` },
  { kind: 'service', service: 'ec2' },
  { kind: 'service', service: 'lambda.amazonaws.com' },
  { kind: 'service', service: 'ecs-tasks' },
  { kind: 'saml', providerArn: `arn:aws:iam::${ROLE_ACCOUNT}:saml-provider/Okta` },
  githubActionsPrincipal(ROLE_ACCOUNT, 'octo-org/octo-repo'),
];

export interface Caller {
  /** An ARN for a user or a role session, else a service principal. */
  principal: string;
  context: Record<string, string>;
}

const AWS_CALLERS: readonly { arn: string; principalArn: string }[] = [
  { arn: `arn:aws:iam::${IDENTITY}:user/alice`, principalArn: `arn:aws:iam::${IDENTITY}:user/alice` },
  { arn: `arn:aws:iam::${IDENTITY}:user/bob`, principalArn: `arn:aws:iam::${IDENTITY}:user/bob` },
  {
    arn: `arn:aws:sts::${IDENTITY}:assumed-role/Admin/alice`,
    principalArn: `arn:aws:iam::${IDENTITY}:role/Admin`,
  },
  { arn: `arn:aws:iam::${OTHER}:user/carol`, principalArn: `arn:aws:iam::${OTHER}:user/carol` },
  {
    arn: `arn:aws:sts::${OTHER}:assumed-role/Ops/deploy`,
    principalArn: `arn:aws:iam::${OTHER}:role/team/Ops`,
  },
  { arn: `arn:aws:iam::${STRANGER}:user/mallory`, principalArn: `arn:aws:iam::${STRANGER}:user/mallory` },
];
const SERVICES = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'states.amazonaws.com',
];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A draft with no problems: its conditions only for principals it has. */
export function randomDraft(random: Random): TrustDraft {
  const count = 1 + Math.floor(random() * 3);
  const principals = Array.from({ length: count }, () => pick(random, PRINCIPALS));
  const kinds = new Set(principals.map((p) => p.kind));
  const callers = kinds.has('account') || kinds.has('arn');
  const services = kinds.has('service');
  const chance = (p: number) => random() < p;
  const requireMfa = callers && chance(0.5);
  return {
    ...emptyTrustDraft(),
    principals,
    requireMfa,
    mfaMaxAge: requireMfa && chance(0.4) ? pick(random, ['15m', '1h', '3600']) : '',
    externalId: callers && chance(0.4) ? EXTERNAL_ID : '',
    principalOrgId: callers && chance(0.25) ? ORG_ID : '',
    sourceIdentity: (callers || kinds.has('saml') || kinds.has('oidc')) && chance(0.1) ? 'alice' : '',
    allowSessionTags: (callers || kinds.has('saml') || kinds.has('oidc')) && chance(0.2),
    sourceAccount: services && chance(0.5) ? ROLE_ACCOUNT : '',
    sourceArn: services && chance(0.3) ? `arn:aws:lambda:eu-west-1:${ROLE_ACCOUNT}:function:*` : '',
  };
}

/**
 * Someone calling AssumeRole: a user or role session (with or without MFA, the right or a wrong
 * external ID and organization) or a service. Half are drawn from those the draft names, with
 * what its conditions ask for, so that allows are as common as denies.
 */
export function randomCaller(random: Random, draft: TrustDraft): Caller {
  const chance = (p: number) => random() < p;
  const prepared = chance(0.5);
  const named = (p: string) =>
    draft.principals.some((t) => (t.kind === 'service' ? servicePrincipalName(t.service) === p : false));
  const services = prepared && SERVICES.some(named) ? SERVICES.filter(named) : SERVICES;
  const awsNamed = AWS_CALLERS.filter((c) =>
    draft.principals.some(
      (t) =>
        (t.kind === 'account' && c.arn.includes(`::${t.id}:`)) ||
        (t.kind === 'arn' && (t.arn === c.arn || t.arn === c.principalArn)),
    ),
  );
  const likely = (p: number) => chance(prepared ? 0.9 : p);
  if ((services !== SERVICES && chance(0.8)) || (awsNamed.length === 0 && prepared) || chance(0.15)) {
    const context: Record<string, string> = {};
    if (likely(0.6)) context['aws:SourceAccount'] = likely(0.7) ? ROLE_ACCOUNT : STRANGER;
    if (likely(0.5))
      context['aws:SourceArn'] =
        `arn:aws:lambda:eu-west-1:${likely(0.7) ? ROLE_ACCOUNT : STRANGER}:function:f`;
    return { principal: pick(random, services), context };
  }
  const caller = pick(random, prepared && awsNamed.length ? awsNamed : AWS_CALLERS);
  const context: Record<string, string> = {
    'aws:PrincipalArn': caller.principalArn,
    'aws:PrincipalAccount': /::(\d{12}):/.exec(caller.arn)?.[1] ?? '',
  };
  if (likely(0.5)) {
    context['aws:MultiFactorAuthPresent'] = 'true';
    context['aws:MultiFactorAuthAge'] = String(prepared ? 30 : pick(random, [30, 1200, 5000]));
  }
  if (likely(0.6)) context['sts:ExternalId'] = likely(0.6) ? EXTERNAL_ID : 'someone-elses-id';
  if (likely(0.5)) context['aws:PrincipalOrgID'] = likely(0.6) ? ORG_ID : 'o-zzzzzzzzzz';
  return { principal: caller.arn, context };
}

/**
 * What a person filling the form means, worked out from the draft's fields alone (not from the
 * document): a third opinion, so a document that both evaluators read alike but that says
 * something else than the form (a condition on the wrong statement, a lost principal) is caught.
 * `context` holds only the keys AssumeRole carries.
 */
export function whatTheDraftMeans(
  draft: TrustDraft,
  caller: Caller,
  context: Record<string, string>,
): string {
  const has = (key: string, value: string) => context[key] === value;
  const filled = (text: string) => text.trim() !== '';
  let allowed: boolean;
  if (!caller.principal.startsWith('arn:')) {
    const named = draft.principals.some(
      (p) => p.kind === 'service' && servicePrincipalName(p.service) === caller.principal,
    );
    const arnPattern = new RegExp(`^${draft.sourceArn.split('*').map(escapeRegExp).join('.*')}$`);
    allowed =
      named &&
      (!filled(draft.sourceAccount) || has('aws:SourceAccount', draft.sourceAccount)) &&
      (!filled(draft.sourceArn) || arnPattern.test(context['aws:SourceArn'] ?? '\0'));
  } else {
    const account = /::(\d{12}):/.exec(caller.principal)?.[1];
    const named = draft.principals.some(
      (p) =>
        (p.kind === 'account' && p.id === account) ||
        (p.kind === 'arn' && (p.arn === caller.principal || p.arn === context['aws:PrincipalArn'])),
    );
    const maxAge = draft.mfaMaxAge ? MFA_AGES[draft.mfaMaxAge] : undefined;
    const age = context['aws:MultiFactorAuthAge'];
    allowed =
      named &&
      (!draft.requireMfa || has('aws:MultiFactorAuthPresent', 'true')) &&
      (maxAge === undefined || (age !== undefined && Number(age) < maxAge)) &&
      (!filled(draft.externalId) || has('sts:ExternalId', draft.externalId)) &&
      (!filled(draft.principalOrgId) || has('aws:PrincipalOrgID', draft.principalOrgId)) &&
      // rolecall's callers never set a source identity, which such a draft requires.
      !filled(draft.sourceIdentity);
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

const MFA_AGES: Record<string, number> = { '15m': 900, '1h': 3600, '3600': 3600 };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
