// The checks on a trust policy, on a corpus of documents: one per finding, each asserting its code,
// severity and path, and good documents that draw none. The errors are what IAM refuses; where the
// sandbox makes the same check, it must refuse exactly those documents and accept the good ones.
import { CreateRoleCommand, DeleteRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, IDENTITY, PROD } from '../../../src/sandbox/seed';
import { checkTrustPolicy, hasErrors, type TrustCheckOptions } from '../../../src/trust-policy/checks';
import { adjustableClock, failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const policy = (statement: unknown, version: string | undefined = '2012-10-17') =>
  JSON.stringify({ ...(version ? { Version: version } : {}), Statement: [statement] });
const allow = (principal: unknown, more: Record<string, unknown> = {}) =>
  policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...more });
const ALICE = `arn:aws:iam::${IDENTITY}:user/alice`;
const GITHUB_OIDC = `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`;
const SAML = `arn:aws:iam::${PROD}:saml-provider/Okta`;
const EKS_OIDC = `arn:aws:iam::${PROD}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E`;

/** The findings as [severity, code, path], for exact comparison. */
function found(text: string, options: TrustCheckOptions = {}) {
  return checkTrustPolicy(text, options).map((f) => [f.severity, f.code, f.path]);
}

/** A document whose compact length is over the quota: principals enough to pass 2,048 characters. */
const overQuota = allow({
  AWS: Array.from({ length: 60 }, (_, n) => `arn:aws:iam::${IDENTITY}:root`.replace('root', `role/r${n}`)),
});

/** Each document IAM refuses, with the one finding it draws. */
const refused: Record<string, { text: string; code: string; path: string; options?: TrustCheckOptions }> = {
  'not JSON': { text: '{"Version": "2012-10-17",', code: 'not-json', path: '$' },
  'a Version IAM does not know': {
    text: allow({ AWS: IDENTITY }).replace('2012-10-17', '2012-10-18'),
    code: 'bad-version',
    path: '$.Version',
  },
  NotPrincipal: {
    text: policy({ Effect: 'Allow', NotPrincipal: { AWS: ALICE }, Action: 'sts:AssumeRole' }),
    code: 'not-principal',
    path: '$.Statement[0].NotPrincipal',
  },
  'a Resource': {
    text: allow({ AWS: IDENTITY }, { Resource: '*' }),
    code: 'resource-in-trust-policy',
    path: '$.Statement[0].Resource',
  },
  'no Principal': {
    text: policy({ Effect: 'Allow', Action: 'sts:AssumeRole' }),
    code: 'missing-principal',
    path: '$.Statement[0].Principal',
  },
  'an unknown condition operator': {
    text: allow({ AWS: IDENTITY }, { Condition: { StringEqualz: { 'sts:ExternalId': 'x1' } } }),
    code: 'unknown-condition-operator',
    path: '$.Statement[0].Condition.StringEqualz',
  },
  'an ARN of the wrong shape': {
    text: allow({ AWS: [ALICE, 'arn:aws:iam::1111:user/alice'] }),
    code: 'bad-principal',
    path: '$.Statement[0].Principal.AWS[1]',
  },
  'a partial wildcard in a principal': {
    text: allow({ AWS: `arn:aws:iam::${IDENTITY}:user/*` }),
    code: 'bad-principal',
    path: '$.Statement[0].Principal.AWS',
  },
  'a unique ID': {
    text: allow({ AWS: 'AROAEXAMPLEDELETED123' }),
    code: 'unique-id-principal',
    path: '$.Statement[0].Principal.AWS',
  },
  'a principal that does not exist': {
    text: allow({ AWS: [ALICE, `arn:aws:iam::${IDENTITY}:user/nobody`] }),
    code: 'principal-not-found',
    path: '$.Statement[0].Principal.AWS[1]',
    options: { knownPrincipal: (arn) => arn === ALICE },
  },
  'a service principal without its domain': {
    // No confused-deputy warning as well: the principal is wrong before it is unguarded.
    text: allow({ Service: 'ec2' }),
    code: 'bad-service-principal',
    path: '$.Statement[0].Principal.Service',
  },
  'a federated principal that is neither a provider ARN nor a domain': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${PROD}:saml/Okta` },
      Action: 'sts:AssumeRoleWithSAML',
    }),
    code: 'bad-federated-principal',
    path: '$.Statement[0].Principal.Federated',
  },
  'an action that is not an AssumeRole action': {
    text: allow({ AWS: IDENTITY }, { Action: ['sts:AssumeRole', 's3:GetObject'] }),
    code: 'action-not-allowed',
    path: '$.Statement[0].Action[1]',
  },
  'a wildcard action that matches no AssumeRole action': {
    text: allow({ AWS: IDENTITY }, { Action: 'sts:Get*' }),
    code: 'action-not-allowed',
    path: '$.Statement[0].Action',
  },
  'more than 2,048 characters without whitespace': { text: overQuota, code: 'over-quota', path: '$' },
};

/** Each document IAM saves but Access Analyzer (or rolecall) warns about, with its one finding. */
const warned: Record<string, { text: string; code: string; path: string; options?: TrustCheckOptions }> = {
  'a wildcard principal with no condition': {
    text: allow('*'),
    code: 'wildcard-principal',
    path: '$.Statement[0].Principal',
  },
  'a SAML provider with sts:AssumeRole': {
    text: policy({ Effect: 'Allow', Principal: { Federated: SAML }, Action: 'sts:AssumeRole' }),
    code: 'action-does-not-match-principal',
    path: '$.Statement[0].Action',
  },
  'an OIDC provider with sts:AssumeRoleWithSAML': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: EKS_OIDC },
      Action: ['sts:AssumeRoleWithSAML'],
      Condition: {
        StringEquals: { [`${EKS_OIDC.split('oidc-provider/')[1]}:sub`]: 'system:serviceaccount:a:b' },
      },
    }),
    code: 'action-does-not-match-principal',
    path: '$.Statement[0].Action[0]',
  },
  'an OIDC provider with no audience or subject condition': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: EKS_OIDC },
      Action: 'sts:AssumeRoleWithWebIdentity',
    }),
    code: 'oidc-without-conditions',
    path: '$.Statement[0].Principal.Federated',
  },
  'GitHub Actions with an audience but no subject': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: GITHUB_OIDC },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }),
    code: 'github-without-subject',
    path: '$.Statement[0].Principal.Federated',
  },
  'GitHub Actions with a subject that lets in any repository': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: GITHUB_OIDC },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
      },
    }),
    code: 'github-subject-too-wide',
    path: '$.Statement[0].Condition.StringLike.token.actions.githubusercontent.com:sub',
  },
  'a service principal without aws:SourceArn or aws:SourceAccount': {
    text: allow({ Service: ['lambda.amazonaws.com'] }),
    code: 'service-without-source',
    path: '$.Statement[0].Principal.Service[0]',
  },
  'StringLike on an ARN key': {
    text: allow(
      { Service: 'sns.amazonaws.com' },
      { Condition: { StringLike: { 'aws:SourceArn': `arn:aws:sns:eu-west-1:${PROD}:*` } } },
    ),
    code: 'string-operator-on-arn-key',
    path: '$.Statement[0].Condition.StringLike.aws:SourceArn',
  },
  'ArnEquals on a key that is not an ARN': {
    text: allow(
      { Service: 'sns.amazonaws.com' },
      { Condition: { ArnEquals: { 'aws:SourceAccount': PROD } } },
    ),
    code: 'arn-operator-on-string-key',
    path: '$.Statement[0].Condition.ArnEquals.aws:SourceAccount',
  },
  'another account with neither MFA nor an external ID': {
    text: allow({ AWS: [`arn:aws:iam::${PROD}:root`, `arn:aws:iam::${IDENTITY}:root`] }),
    code: 'other-account-without-mfa-or-external-id',
    path: '$.Statement[0].Principal.AWS[1]',
    options: { account: PROD },
  },
  'no Version': {
    text: allow({ AWS: IDENTITY }, {}).replace('"Version":"2012-10-17",', ''),
    code: 'missing-version',
    path: '$.Version',
  },
};

/** Documents that draw no finding, as the builder should make them. */
const good: Record<string, { text: string; options?: TrustCheckOptions }> = {
  'another account, with MFA': {
    text: allow(
      { AWS: `arn:aws:iam::${IDENTITY}:root` },
      { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
    ),
    options: { account: DEV },
  },
  "a third party's account, with an external ID": {
    text: allow({ AWS: '444455556666' }, { Condition: { StringEquals: { 'sts:ExternalId': 'Xk3-9f2a' } } }),
    options: { account: DEV },
  },
  'a user of this account, with session tags and a source identity': {
    text: allow({ AWS: ALICE }, { Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }),
    options: { account: IDENTITY, knownPrincipal: (arn) => arn === ALICE },
  },
  'GitHub Actions, as the preset makes it': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: GITHUB_OIDC },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
      },
    }),
  },
  'a SAML provider, with its audience': {
    text: policy({
      Effect: 'Allow',
      Principal: { Federated: SAML },
      Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }),
  },
  'a service, with the confused-deputy guard': {
    text: allow(
      { Service: 'lambda.amazonaws.com' },
      {
        Condition: {
          StringEquals: { 'aws:SourceAccount': DEV },
          ArnLike: { 'aws:SourceArn': `arn:aws:lambda:eu-west-1:${DEV}:function:*` },
        },
      },
    ),
  },
  'everyone in an organisation': {
    text: allow({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
  },
  'one statement as an object, laid out with whitespace past 2,048 characters': {
    // 2,048 characters and more as written, fewer without the layout: IAM counts the latter.
    text: JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: Array.from({ length: 30 }, (_, n) => `arn:aws:iam::444455556666:role/r${n}`) },
          Action: 'sts:AssumeRole',
        },
      },
      null,
      24,
    ),
  },
};

describe('the checks on a trust policy', () => {
  for (const [name, c] of Object.entries(refused)) {
    it(`refuses ${name}, as IAM does`, () => {
      expect(found(c.text, c.options)).toEqual([['error', c.code, c.path]]);
    });
  }
  for (const [name, c] of Object.entries(warned)) {
    it(`warns of ${name}`, () => {
      expect(found(c.text, c.options)).toEqual([['warning', c.code, c.path]]);
    });
  }
  for (const [name, c] of Object.entries(good)) {
    it(`finds nothing in ${name}`, () => {
      expect(checkTrustPolicy(c.text, c.options)).toEqual([]);
    });
  }

  it('counts the quota without the layout: 2,048 characters as written are not over it', () => {
    const text =
      good['one statement as an object, laid out with whitespace past 2,048 characters']?.text ?? '';
    expect(text.length).toBeGreaterThan(2048);
    expect(JSON.stringify(JSON.parse(text)).length).toBeLessThanOrEqual(2048);
    expect(JSON.stringify(JSON.parse(overQuota)).length).toBeGreaterThan(2048);
  });

  it('says what IAM says and what to do, in the message', () => {
    const [resource] = checkTrustPolicy(refused['a Resource']?.text ?? '');
    expect(resource?.message).toBe(
      'A trust policy applies to its own role and cannot name a Resource ("Has prohibited field Resource"); IAM refuses it (MalformedPolicyDocument). Remove Resource.',
    );
    const [action] = checkTrustPolicy(refused['an action that is not an AssumeRole action']?.text ?? '');
    expect(action?.message).toContain('s3:GetObject cannot be granted by a trust policy');
    expect(action?.message).toContain("grant other actions in the role's permissions policies");
    const [service] = checkTrustPolicy(refused['a service principal without its domain']?.text ?? '');
    expect(service?.message).toContain('such as ec2.amazonaws.com');
    const [quota] = checkTrustPolicy(overQuota);
    expect(quota?.message).toMatch(
      /^This trust policy is \d{4} characters without whitespace, over IAM's default quota of 2048/,
    );
  });

  it('reads a document URL-encoded, as IAM returns it, and points into a statement list by index', () => {
    const text = encodeURIComponent(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: IDENTITY }, Action: 'sts:AssumeRole' },
          {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Resource: '*',
          },
        ],
      }),
    );
    expect(found(text)).toEqual([
      ['error', 'resource-in-trust-policy', '$.Statement[1].Resource'],
      ['warning', 'service-without-source', '$.Statement[1].Principal.Service'],
    ]);
  });

  it('leaves a principal alone when whether it exists cannot be known', () => {
    const text = allow({ AWS: `arn:aws:iam::444455556666:role/Deploy` });
    expect(found(text, { knownPrincipal: () => undefined })).toEqual([]);
  });
});

describe('the sandbox refuses exactly what the checks call errors, where it makes the same check', () => {
  // The sandbox checks JSON, Version and the grammar, principals' shapes and existence, unique IDs,
  // Resource, a missing Principal and the quota; not NotPrincipal, service or federated principals'
  // forms, nor actions (those cases are left out here).
  const covered = [
    'not JSON',
    'a Version IAM does not know',
    'a Resource',
    'no Principal',
    'an unknown condition operator',
    'an ARN of the wrong shape',
    'a partial wildcard in a principal',
    'a unique ID',
    'a principal that does not exist',
    'more than 2,048 characters without whitespace',
  ];
  let sandbox: TestSandbox;
  let iam: IAMClient;
  const clock = adjustableClock();
  const knownPrincipal = (arn: string) => {
    const account = /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1] ?? '';
    return sandbox.seeded.world.accounts.has(account)
      ? sandbox.seeded.world.entityByArn(arn) !== undefined
      : undefined;
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox({ clock });
    const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${DEV}:role/Admin`,
        RoleSessionName: 'checks',
        SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`,
        TokenCode: await sandbox.aliceCode(),
      }),
    );
    iam = sandbox.iam({
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
    });
  });
  afterAll(() => sandbox.close());

  it('covers only cases in the corpus', () => {
    for (const name of covered) expect(Object.keys(refused)).toContain(name);
  });

  for (const name of covered) {
    it(`refuses ${name}`, async () => {
      const text = refused[name]?.text ?? '';
      expect(hasErrors(checkTrustPolicy(text, { knownPrincipal }))).toBe(true);
      const refusal = await failure(
        iam.send(new CreateRoleCommand({ RoleName: 'Checked', AssumeRolePolicyDocument: text })),
      );
      expect(refusal.name).toBe(
        name.startsWith('more than') ? 'LimitExceededException' : 'MalformedPolicyDocumentException',
      );
    });
  }

  // IAM holds the quota against the document without its layout, and so does the sandbox.
  const accepted = Object.entries(good);
  for (const [name, c] of accepted) {
    it(`accepts ${name}`, async () => {
      expect(hasErrors(checkTrustPolicy(c.text, { knownPrincipal }))).toBe(false);
      await iam.send(new CreateRoleCommand({ RoleName: 'Checked', AssumeRolePolicyDocument: c.text }));
      await iam.send(new DeleteRoleCommand({ RoleName: 'Checked' }));
    });
  }
});
