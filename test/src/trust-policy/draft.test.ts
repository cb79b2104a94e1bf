// The trust-policy builder's documents, against the AWS docs' own examples (IAM User Guide pages
// named in each test), and its checks of what was typed.
import { describe, expect, it } from 'vitest';
import { EXTERNAL_ID } from '../../../src/aws-shapes/request-fields';
import { emptyTrustDraft, type TrustDraft, trustPolicyOf } from '../../../src/trust-policy/draft';
import {
  COMMON_SERVICES,
  generateExternalId,
  githubActionsPrincipal,
} from '../../../src/trust-policy/draft-principals';
import { trustDraftProblems } from '../../../src/trust-policy/draft-problems';

const draft = (changes: Partial<TrustDraft>): TrustDraft => ({ ...emptyTrustDraft(), ...changes });
const account = (id: string) => ({ kind: 'account', id }) as const;
/** A policy variable, written as IAM reads it (not a template string). */
const USERNAME = '$' + '{aws:username}';

describe('the document a draft makes', () => {
  it('trusts another account with MFA, as "Configuring MFA-protected API access" writes it', () => {
    // iam-ug id_credentials_mfa_configure-api-require.md, "Scenario: MFA protection for cross-account delegation"
    expect(trustPolicyOf(draft({ principals: [account('111122223333')], requireMfa: true }))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('limits the MFA code’s age with NumericLessThan aws:MultiFactorAuthAge, in seconds', () => {
    // iam-ug reference_policies_condition-keys.md, aws:MultiFactorAuthAge; id_credentials_mfa_configure-api-require.md
    const document = trustPolicyOf(
      draft({ principals: [account('111122223333')], requireMfa: true, mfaMaxAge: '1h' }),
    );
    expect(document.Statement[0]?.Condition).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    });
  });

  it('asks a third party for its external ID, as "Access to AWS accounts owned by third parties" writes it', () => {
    // iam-ug id_roles_common-scenarios_third-party.md / id_roles_create_for-user_externalid.md
    expect(
      trustPolicyOf(draft({ principals: [account('111122223333')], externalId: '12345' })).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': '12345' } },
      },
    ]);
  });

  it('lists several accounts, users and roles in one AWS principal, and one value stays a string', () => {
    const document = trustPolicyOf(
      draft({
        principals: [
          account('111122223333'),
          { kind: 'arn', arn: 'arn:aws:iam::444455556666:user/alice' },
          { kind: 'arn', arn: 'arn:aws:iam::444455556666:role/team/Deployer' },
          account('111122223333'),
        ],
        principalOrgId: 'o-abcdefghij',
      }),
    );
    expect(document.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: {
          AWS: [
            'arn:aws:iam::111122223333:root',
            'arn:aws:iam::444455556666:user/alice',
            'arn:aws:iam::444455556666:role/team/Deployer',
          ],
        },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
      },
    ]);
  });

  it('trusts a service as "Creating a role for an AWS service" writes it; "ec2" is short for ec2.amazonaws.com', () => {
    // iam-ug id_roles_create_for-service.md, and reference_policies_elements_principal.md (AWS service principals)
    expect(trustPolicyOf(draft({ principals: [{ kind: 'service', service: 'ec2' }] }))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('guards a service against the confused deputy with aws:SourceAccount and aws:SourceArn', () => {
    // iam-ug confused-deputy.md, "Cross-service confused deputy prevention"
    const document = trustPolicyOf(
      draft({
        principals: [
          { kind: 'service', service: 'lambda.amazonaws.com' },
          { kind: 'service', service: 'edgelambda.amazonaws.com' },
          account('111122223333'),
        ],
        requireMfa: true,
        sourceAccount: '123456789012',
        sourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:*',
      }),
    );
    // The MFA condition stays on the accounts' statement; the source conditions on the services'.
    expect(document.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      {
        Effect: 'Allow',
        Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:*' },
        },
      },
    ]);
  });

  it('trusts a SAML provider as "Creating a role for SAML 2.0 federation" writes it', () => {
    // iam-ug id_roles_create_for-idp_saml.md
    expect(
      trustPolicyOf(
        draft({
          principals: [{ kind: 'saml', providerArn: 'arn:aws:iam::111122223333:saml-provider/Okta' }],
        }),
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
    ]);
  });

  it('trusts GitHub Actions as "Configuring a role for GitHub OIDC identity provider" writes it', () => {
    // iam-ug id_roles_create_for-idp_oidc.md#idp_oidc_Create_GitHub
    expect(
      trustPolicyOf(draft({ principals: [githubActionsPrincipal('123456789012', 'octo-org/octo-repo')] })),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
          },
        },
      ],
    });
  });

  it('gives each OIDC provider its own statement, its subjects a list when there are several', () => {
    const document = trustPolicyOf(
      draft({
        principals: [
          {
            kind: 'oidc',
            provider: 'arn:aws:iam::123456789012:oidc-provider/oidc.example.com',
            audience: 'my-app',
            subjects: ['user-1', 'user-2'],
          },
          githubActionsPrincipal('123456789012', 'octo-org/octo-repo'),
        ],
      }),
    );
    expect(document.Statement.map((s) => s.Condition)).toEqual([
      {
        StringEquals: { 'oidc.example.com:aud': 'my-app' },
        StringLike: { 'oidc.example.com:sub': ['user-1', 'user-2'] },
      },
      {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
      },
    ]);
  });

  it('lets callers set a source identity, as "Monitor and control actions taken with assumed roles" writes it', () => {
    // iam-ug id_credentials_temp_control-access_monitor.md, "Permissions required to set source identity"
    const document = trustPolicyOf(
      draft({
        principals: [{ kind: 'arn', arn: 'arn:aws:iam::111122223333:role/CriticalRole' }],
        sourceIdentity: USERNAME,
      }),
    );
    expect(document.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/CriticalRole' },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        Condition: { StringLike: { 'sts:SourceIdentity': USERNAME } },
      },
    ]);
  });

  it('allows session tags with sts:TagSession, on callers and providers but not on services', () => {
    // iam-ug id_session-tags.md, "Permissions required to add session tags"
    const document = trustPolicyOf(
      draft({
        principals: [
          account('111122223333'),
          { kind: 'service', service: 'ec2' },
          { kind: 'saml', providerArn: 'arn:aws:iam::111122223333:saml-provider/Okta' },
        ],
        allowSessionTags: true,
      }),
    );
    expect(document.Statement.map((s) => s.Action)).toEqual([
      ['sts:AssumeRole', 'sts:TagSession'],
      'sts:AssumeRole',
      ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
    ]);
  });

  it('leaves out entries and conditions not yet typed in, so the preview follows the form', () => {
    const document = trustPolicyOf(
      draft({
        principals: [account('111122223333'), account('  '), { kind: 'service', service: '' }],
        externalId: ' ',
      }),
    );
    expect(document.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' },
    ]);
  });
});

describe('what the draft checks', () => {
  it('finds nothing wrong in a complete draft', () => {
    expect(
      trustDraftProblems(
        draft({
          principals: [account('111122223333'), { kind: 'service', service: 'ecs-tasks' }],
          requireMfa: true,
          mfaMaxAge: '1h',
          externalId: generateExternalId(),
          principalOrgId: 'o-a1b2c3d4e5',
          sourceAccount: '111122223333',
          sourceArn: 'arn:aws:ecs:eu-west-1:111122223333:*',
        }),
      ),
    ).toEqual([]);
  });

  it('says to name someone when no one may assume the role', () => {
    expect(trustDraftProblems(emptyTrustDraft())).toEqual([
      { field: 'principals', problem: expect.stringMatching(/^name who may assume the role/) },
    ]);
  });

  it('names the entry and the value that is wrong', () => {
    const problems = trustDraftProblems(
      draft({
        principals: [
          account('12345678901'),
          { kind: 'arn', arn: 'arn:aws:iam::111122223333:group/admins' },
          { kind: 'service', service: 'ec2.example.com' },
          { kind: 'saml', providerArn: 'Okta' },
          {
            kind: 'oidc',
            provider: 'token.actions.githubusercontent.com',
            audience: 'sts.amazonaws.com',
            subjects: [],
          },
        ],
      }),
    );
    expect(problems.map(({ entry, problem }) => [entry, problem.split(':')[0]])).toEqual([
      [0, '"12345678901" is not an account ID'],
      [1, '"arn'],
      [2, '"ec2.example.com" is not a service principal, such as ec2.amazonaws.com.'],
      [3, '"Okta" is not a SAML provider ARN, such as arn'],
      [4, '"token.actions.githubusercontent.com" is not an OIDC provider ARN, such as arn'],
    ]);
    expect(problems[1]?.problem).toContain('is not an IAM user or role ARN');
  });

  it('asks for what an empty entry is waiting for', () => {
    expect(
      trustDraftProblems(draft({ principals: [account('111122223333'), { kind: 'service', service: ' ' }] })),
    ).toEqual([
      {
        field: 'principals',
        entry: 1,
        problem: 'type the service, such as ec2.amazonaws.com, or remove this entry.',
      },
    ]);
  });

  it('asks GitHub Actions for its repositories and any OIDC provider for its audience', () => {
    const github = githubActionsPrincipal('123456789012', 'octo-org/octo-repo');
    expect(trustDraftProblems(draft({ principals: [{ ...github, subjects: [' '] }] }))).toEqual([
      {
        field: 'principals',
        entry: 0,
        problem: 'name the repositories that may assume it, such as repo:OWNER/REPO:*.',
      },
    ]);
    expect(trustDraftProblems(draft({ principals: [{ ...github, audience: '' }] }))[0]?.problem).toMatch(
      /^name the audience/,
    );
  });

  it('refuses conditions for principals the draft does not have, rather than dropping them', () => {
    const onlyService = draft({
      principals: [{ kind: 'service', service: 'ec2' }],
      requireMfa: true,
      externalId: 'abc',
      principalOrgId: 'o-abcdefghij',
      sourceIdentity: 'alice',
      allowSessionTags: true,
    });
    expect(trustDraftProblems(onlyService).map((p) => p.field)).toEqual([
      'requireMfa',
      'externalId',
      'principalOrgId',
      'sourceIdentity',
      'allowSessionTags',
    ]);
    const onlyAccount = draft({
      principals: [account('111122223333')],
      sourceAccount: '111122223333',
      sourceArn: 'arn:aws:s3:::b',
    });
    expect(trustDraftProblems(onlyAccount).map((p) => p.field)).toEqual(['sourceAccount', 'sourceArn']);
  });

  it('checks the shape of each condition’s value', () => {
    const problems = trustDraftProblems(
      draft({
        principals: [account('111122223333'), { kind: 'service', service: 'ec2' }],
        requireMfa: true,
        mfaMaxAge: 'an hour',
        externalId: 'has space',
        principalOrgId: 'org-1',
        sourceAccount: '1234',
        sourceArn: 'bucket',
      }),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'mfaMaxAge',
      'externalId',
      'principalOrgId',
      'sourceAccount',
      'sourceArn',
    ]);
    expect(trustDraftProblems(draft({ principals: [account('111122223333')], mfaMaxAge: '1h' }))).toEqual([
      { field: 'mfaMaxAge', problem: 'limits the age of an MFA code: require MFA too.' },
    ]);
  });

  it('generates external IDs AWS takes, a new one each time', () => {
    const ids = new Set(Array.from({ length: 50 }, generateExternalId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(EXTERNAL_ID);
  });

  it('offers common services that are all well-formed service principals', () => {
    expect(COMMON_SERVICES.map((s) => s.service)).toEqual(
      expect.arrayContaining(['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com']),
    );
    for (const { service } of COMMON_SERVICES)
      expect(trustDraftProblems(draft({ principals: [{ kind: 'service', service }] }))).toEqual([]);
  });
});
