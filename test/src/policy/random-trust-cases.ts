// Random trust policies and AssumeRole-family requests, drawn from pools that cover every
// principal form, the condition keys rolecall cares about, every operator family, deny
// statements and missing keys. Seeded, so a failure is reproducible from its case number.

export interface TrustCase {
  policy: { Version: string; Statement: Record<string, unknown>[] };
  request: {
    principal: string;
    action: string;
    resource: string;
    context: Record<string, string | string[]>;
  };
}

const A = '111111111111';
const B = '222222222222'; // the role's account
const C = '333333333333';
export const ROLE_ARN = `arn:aws:iam::${B}:role/Target`;

const CALLERS = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:user/bob`,
  `arn:aws:iam::${A}:user/dev/carol`,
  `arn:aws:sts::${A}:assumed-role/Ops/ops-session`,
  `arn:aws:sts::${B}:assumed-role/Deployer/ci-build-42`,
  `arn:aws:iam::${C}:root`,
  `arn:aws:iam::${B}:user/dave`,
];
const SERVICES = ['ec2.amazonaws.com', 'lambda.amazonaws.com'];
/** In policies only: a federated caller never calls AssumeRole (see EXCLUSIONS in the test). */
const FEDERATED = [
  `arn:aws:iam::${A}:saml-provider/Okta`,
  'accounts.google.com',
  'cognito-identity.amazonaws.com',
];

const AWS_PRINCIPALS = [
  '*',
  A,
  B,
  C,
  `arn:aws:iam::${A}:root`,
  `arn:aws:iam::${C}:root`,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:user/dev/carol`,
  `arn:aws:iam::${A}:user/carol`,
  `arn:aws:iam::${A}:role/Ops`,
  `arn:aws:iam::${A}:role/team/Ops`,
  `arn:aws:iam::${B}:role/Deployer`,
  `arn:aws:sts::${A}:assumed-role/Ops/ops-session`,
  `arn:aws:sts::${A}:assumed-role/Ops/other-session`,
  'AROA1234567890EXAMPLE',
  'AIDA1234567890EXAMPLE',
];

const ACTIONS = [
  'sts:AssumeRole',
  'sts:assumerole',
  'sts:*',
  'sts:Assume*',
  'sts:AssumeRole?',
  '*',
  'sts:TagSession',
  'sts:SetSourceIdentity',
];
const REQUEST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

type Pick = <T>(items: readonly T[]) => T;

/** A condition test and the values a request may carry for its key (some match, some do not). */
interface ConditionKind {
  key: string;
  multi?: boolean;
  tests: Array<[operator: string, value: string | string[]]>;
  values: string[];
}

const CONDITIONS: ConditionKind[] = [
  {
    key: 'aws:MultiFactorAuthPresent',
    tests: [
      ['Bool', 'true'],
      ['Bool', 'false'],
      ['BoolIfExists', 'false'],
      ['BoolIfExists', 'true'],
      ['Null', 'true'],
      ['Null', 'false'],
    ],
    values: ['true', 'false'],
  },
  {
    key: 'aws:MultiFactorAuthAge',
    tests: [
      ['NumericLessThan', '3600'],
      ['NumericLessThanEquals', '600'],
      ['NumericGreaterThan', '100'],
      ['NumericGreaterThanEquals', '3600'],
      ['NumericEquals', '600'],
      ['NumericNotEquals', '600'],
      ['NumericLessThanIfExists', '3600'],
    ],
    values: ['0', '599', '600', '3599', '3600', '7200'],
  },
  {
    key: 'sts:ExternalId',
    tests: [
      ['StringEquals', 'dev-deploy-1b2c'],
      ['StringEquals', ['dev-deploy-1b2c', 'other-id']],
      ['StringNotEquals', 'dev-deploy-1b2c'],
      ['StringLike', 'dev-*'],
      ['StringNotLike', 'dev-?eploy*'],
      ['StringEqualsIgnoreCase', 'DEV-DEPLOY-1B2C'],
      ['StringNotEqualsIgnoreCase', 'Dev-Deploy-1b2c'],
      ['StringEqualsIfExists', 'dev-deploy-1b2c'],
      ['Null', 'true'],
    ],
    values: ['dev-deploy-1b2c', 'DEV-deploy-1B2C', 'dev-x', 'wrong'],
  },
  {
    key: 'aws:PrincipalArn',
    tests: [
      ['ArnLike', `arn:aws:iam::${A}:user/*`],
      ['ArnEquals', `arn:aws:iam::${A}:user/alice`],
      ['ArnNotLike', `arn:aws:iam::${A}:role/*`],
      ['ArnNotEquals', `arn:aws:iam::${A}:user/bob`],
      ['ArnLike', `arn:aws:iam::*:role/Ops`],
      ['StringLike', `arn:aws:iam::${A}:*`],
    ],
    values: [
      `arn:aws:iam::${A}:user/alice`,
      `arn:aws:iam::${A}:user/bob`,
      `arn:aws:iam::${A}:role/Ops`,
      `arn:aws:iam::${B}:role/Deployer`,
    ],
  },
  {
    key: 'aws:PrincipalAccount',
    tests: [
      ['StringEquals', A],
      ['StringNotEquals', B],
      ['StringLike', '1111*'],
    ],
    values: [A, B, C],
  },
  {
    key: 'aws:PrincipalOrgID',
    tests: [
      ['StringEquals', 'o-abc123'],
      ['StringNotEquals', 'o-abc123'],
      ['StringLike', 'o-*'],
    ],
    values: ['o-abc123', 'o-zzz999'],
  },
  {
    key: 'sts:RoleSessionName',
    tests: [
      ['StringLike', 'ci-*'],
      ['StringEquals', 'alice'],
      ['StringNotLike', 'ci-*'],
    ],
    values: ['ci-build-42', 'alice', 'bob'],
  },
  {
    key: 'sts:SourceIdentity',
    tests: [
      ['StringEquals', 'alice'],
      ['StringLike', '*@example.com'],
      ['Null', 'false'],
    ],
    values: ['alice', 'bob@example.com'],
  },
  {
    key: 'aws:CurrentTime',
    tests: [
      ['DateLessThan', '2030-01-01T00:00:00Z'],
      ['DateGreaterThan', '2026-01-01T00:00:00Z'],
      ['DateGreaterThanEquals', '2026-11-23T00:00:00Z'],
      ['DateLessThanEquals', '2020-01-01T00:00:00Z'],
      ['DateEquals', '2026-11-23T12:00:00Z'],
      ['DateNotEquals', '2026-11-23T12:00:00Z'],
    ],
    values: ['2026-11-23T12:00:00Z', '2031-06-01T00:00:00Z', '2019-05-05T05:05:05Z'],
  },
  {
    key: 'aws:SourceIp',
    tests: [
      ['IpAddress', '203.0.113.0/24'],
      ['IpAddress', ['10.0.0.0/8', '192.0.2.7/32']],
      ['NotIpAddress', '203.0.113.0/24'],
      ['IpAddressIfExists', '198.51.100.0/24'],
    ],
    values: ['203.0.113.9', '10.1.2.3', '192.0.2.7', '8.8.8.8'],
  },
  {
    key: 'aws:TagKeys',
    multi: true,
    tests: [
      ['ForAnyValue:StringEquals', ['team', 'project']],
      ['ForAllValues:StringEquals', ['team', 'project']],
      ['ForAnyValue:StringLike', 'cost-*'],
      ['ForAllValues:StringLike', ['team', 'cost-*']],
    ],
    values: ['team', 'project', 'cost-centre', 'owner'],
  },
];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomTrustCase(random: () => number): TrustCase {
  const pick: Pick = (items) => items[Math.floor(random() * items.length)] as (typeof items)[number];
  const chance = (p: number) => random() < p;

  const isService = chance(0.1);
  const principal = isService ? pick(SERVICES) : pick(CALLERS);
  // Half the AWS principals are drawn from those that could name this caller, so that matches
  // are common enough for conditions and denies to matter.
  const callerAccount = /::(\d{12}):/.exec(principal)?.[1] ?? A;
  const near = AWS_PRINCIPALS.filter((p) => p === principal || p.includes(callerAccount) || p === '*');
  const awsPrincipal = () => (chance(0.5) && near.length ? pick(near) : pick(AWS_PRINCIPALS));

  const principalElement = (): unknown => {
    const roll = random();
    if (roll < 0.06) return '*';
    if (roll < 0.12) return { Service: chance(0.5) ? pick(SERVICES) : [...SERVICES] };
    if (roll < 0.15) return { Federated: pick(FEDERATED) };
    if (roll < 0.17) return { AWS: awsPrincipal(), Federated: pick(FEDERATED) };
    if (roll < 0.16) return { AWS: awsPrincipal(), Service: pick(SERVICES) };
    if (roll < 0.4) return { AWS: [awsPrincipal(), awsPrincipal()] };
    return { AWS: awsPrincipal() };
  };

  const condition = (): Record<string, Record<string, string | string[]>> => {
    const block: Record<string, Record<string, string | string[]>> = {};
    const count = chance(0.45) ? 0 : chance(0.7) ? 1 : 2;
    for (let i = 0; i < count; i++) {
      const kind = pick(CONDITIONS);
      const [operator, value] = pick(kind.tests);
      block[operator] = { ...block[operator], [kind.key]: value };
    }
    return block;
  };

  const statements = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const deny = chance(0.22);
    const statement: Record<string, unknown> = { Effect: deny ? 'Deny' : 'Allow' };
    if (deny && chance(0.25)) statement.NotPrincipal = { AWS: pick(AWS_PRINCIPALS.filter((p) => p !== '*')) };
    else statement.Principal = principalElement();
    if (chance(0.1)) statement.NotAction = pick(['sts:TagSession', 'sts:SetSourceIdentity', 'iam:*']);
    else statement.Action = chance(0.2) ? [pick(ACTIONS), pick(ACTIONS)] : pick(ACTIONS);
    const block = condition();
    if (Object.keys(block).length) statement.Condition = block;
    return statement;
  });

  const context: Record<string, string | string[]> = {};
  for (const kind of CONDITIONS) {
    if (!chance(0.55)) continue; // absent keys are a case of their own
    context[kind.key] = kind.multi ? kind.values.filter(() => chance(0.4)) : pick(kind.values);
  }
  return {
    policy: { Version: '2012-10-17', Statement: statements },
    request: { principal, action: pick(REQUEST_ACTIONS), resource: ROLE_ARN, context },
  };
}
