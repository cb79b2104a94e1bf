// A trust policy read back into the builder: generated drafts come back as they were, nothing
// kept; real-world documents (the AWS docs' own examples) come back as a draft plus the
// statements it cannot hold, whose merged document rolecall's engine judges exactly as the
// original on a set of requests.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/document';
import { evaluatePolicy } from '../../../src/policy/evaluate';
import type { PolicyRequest } from '../../../src/policy/request';
import { trustPolicyOf } from '../../../src/trust-policy/draft';
import {
  documentWithKept,
  draftFromDocument,
  versionClash,
} from '../../../src/trust-policy/draft-from-document';
import { mulberry32 } from '../policy/random-trust-cases';
import { randomDraft } from './random-drafts';

const ROLE = 'arn:aws:iam::222222222222:role/Edited';
const GITHUB = 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com';
const EKS =
  'arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const SAML = 'arn:aws:iam::222222222222:saml-provider/Okta';
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, as a policy writes it.
const USERNAME_VARIABLE = '${aws:username}';

function read(text: string) {
  const read = draftFromDocument(text);
  if (!read.ok) throw new Error(read.problem);
  return read;
}

describe('draftFromDocument on the documents the form makes', () => {
  it('gives back the same document with nothing kept, for 500 generated drafts', () => {
    const random = mulberry32(11_2026);
    for (let n = 0; n < 500; n += 1) {
      const draft = randomDraft(random);
      const document = JSON.stringify(trustPolicyOf(draft));
      const back = read(document);
      expect({ n, kept: back.kept }).toEqual({ n, kept: [] });
      expect(JSON.parse(documentWithKept(back.draft, back.kept))).toEqual(trustPolicyOf(draft));
    }
  });
});

const corpus: Record<string, { document: object; kept: number }> = {
  'GitHub Actions OIDC (the IAM User Guide’s)': {
    kept: 0,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: GITHUB },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
          },
        },
      ],
    },
  },
  'EKS IRSA (StringEquals on sub, which the form writes as StringLike)': {
    kept: 1,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: EKS },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub':
                'system:serviceaccount:default:my-service-account',
              'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud': 'sts.amazonaws.com',
            },
          },
        },
      ],
    },
  },
  'SAML federation': {
    kept: 0,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: SAML },
          Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    },
  },
  'cross-account with MFA and a max age, and a third party with an external ID': {
    kept: 1,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
          },
        },
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'Unique-ID-4455' } },
        },
      ],
    },
  },
  'a service with the confused-deputy guard': {
    kept: 0,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '222222222222' },
            ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:eu-west-1:222222222222:function:*' },
          },
        },
      ],
    },
  },
  'a Deny beside an Allow': {
    kept: 1,
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
        {
          Effect: 'Deny',
          Principal: { AWS: 'arn:aws:iam::111111111111:user/mallory' },
          Action: 'sts:AssumeRole',
        },
      ],
    },
  },
  'a Sid and a condition the form has no field for': {
    kept: 2,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustOps',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::111111111111:role/Ops', 'arn:aws:iam::111111111111:user/alice'] },
          Action: 'sts:AssumeRole',
        },
        {
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    },
  },
};

/** Requests from every kind of caller, with and without what the conditions ask for. */
function requests(): PolicyRequest[] {
  const contexts: PolicyRequest['context'][] = [
    {},
    { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '60' },
    { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '7200' },
    { 'sts:ExternalId': 'Unique-ID-4455' },
    { 'sts:ExternalId': 'other' },
    {
      'aws:SourceAccount': '222222222222',
      'aws:SourceArn': 'arn:aws:lambda:eu-west-1:222222222222:function:f',
    },
    { 'aws:SourceAccount': '333333333333' },
    { 'aws:RequestedRegion': 'eu-west-1' },
    { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
    {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
    },
    {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:evil/octo-repo:ref:refs/heads/main',
    },
    {
      'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud': 'sts.amazonaws.com',
      'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub':
        'system:serviceaccount:default:my-service-account',
    },
  ];
  const callers: Array<[PolicyRequest['principal'], string]> = [
    [{ kind: 'aws', arn: 'arn:aws:iam::111111111111:user/alice' }, 'sts:AssumeRole'],
    [{ kind: 'aws', arn: 'arn:aws:iam::111111111111:user/mallory' }, 'sts:AssumeRole'],
    [{ kind: 'aws', arn: 'arn:aws:sts::111111111111:assumed-role/Ops/s' }, 'sts:AssumeRole'],
    [{ kind: 'aws', arn: 'arn:aws:iam::444455556666:user/vendor' }, 'sts:AssumeRole'],
    [{ kind: 'aws', arn: 'arn:aws:iam::555555555555:user/stranger' }, 'sts:AssumeRole'],
    [{ kind: 'service', service: 'lambda.amazonaws.com' }, 'sts:AssumeRole'],
    [{ kind: 'service', service: 'ec2.amazonaws.com' }, 'sts:AssumeRole'],
    [{ kind: 'service', service: 'ecs-tasks.amazonaws.com' }, 'sts:AssumeRole'],
    [{ kind: 'federated', provider: SAML }, 'sts:AssumeRoleWithSAML'],
    [{ kind: 'federated', provider: SAML }, 'sts:TagSession'],
    [{ kind: 'federated', provider: GITHUB }, 'sts:AssumeRoleWithWebIdentity'],
    [{ kind: 'federated', provider: EKS }, 'sts:AssumeRoleWithWebIdentity'],
  ];
  return callers.flatMap(([principal, action]) =>
    contexts.map((context) => {
      const arn = principal.kind === 'aws' ? principal.arn : undefined;
      const withPrincipal = arn
        ? {
            ...context,
            'aws:PrincipalArn': arn.replace(/:sts::(\d+):assumed-role\/([^/]+)\/.*/, ':iam::$1:role/$2'),
          }
        : context;
      return { principal, action, resource: ROLE, context: withPrincipal };
    }),
  );
}

async function oracle(document: object, request: PolicyRequest): Promise<string> {
  const isService = request.principal.kind === 'service';
  const principal =
    request.principal.kind === 'aws'
      ? request.principal.arn
      : request.principal.kind === 'service'
        ? request.principal.service
        : '';
  const result = await runSimulation(
    {
      identityPolicies: isService
        ? []
        : [
            {
              name: 'all',
              policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
            },
          ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: document,
      request: {
        action: request.action,
        principal,
        resource: { accountId: '222222222222', resource: ROLE },
        contextVariables: Object.fromEntries(
          Object.entries(request.context).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        ),
      },
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`the oracle refused ${JSON.stringify(document)}: ${JSON.stringify(result)}`);
  return result.overallResult;
}

function decisions(text: string): string[] {
  const { policy, problems } = parsePolicy(text);
  if (!policy || problems.length) throw new Error(`unreadable: ${JSON.stringify(problems)}`);
  return requests().map((request) => evaluatePolicy(policy, request).decision);
}

describe('draftFromDocument on real-world trust policies', () => {
  for (const [name, { document, kept }] of Object.entries(corpus)) {
    it(`${name}: the merged document decides every request as the original`, () => {
      const text = JSON.stringify(document);
      const back = read(text);
      expect(back.kept).toHaveLength(kept);
      expect(back.notes).toHaveLength(kept);
      const merged = documentWithKept(back.draft, back.kept);
      const before = decisions(text);
      expect(before).toContain('Allow');
      expect(decisions(merged)).toEqual(before);
    });
  }

  it('the merged documents are judged as the originals by an independent evaluator too (@cloud-copilot/iam-simulate), for users, roles and services', async () => {
    // The oracle takes only AssumeRole from users, role sessions and services (see
    // test/src/policy/differential.test.ts), and only the context keys IAM lists for it.
    const asked = requests().filter(
      (r) =>
        r.principal.kind !== 'federated' &&
        !Object.keys(r.context).some((k) => k.includes(':aud') || k.startsWith('SAML')),
    );
    const decisions: string[] = [];
    for (const { document } of Object.values(corpus)) {
      const back = read(JSON.stringify(document));
      const merged = JSON.parse(documentWithKept(back.draft, back.kept));
      for (const request of asked) {
        const [before, after] = await Promise.all([oracle(document, request), oracle(merged, request)]);
        expect({ request, after }).toEqual({ request, after: before });
        decisions.push(before);
      }
    }
    expect(decisions).toContain('Allowed');
    expect(decisions).toContain('ExplicitlyDenied');
  }, 60_000);

  it('keeps a Deny, a Sid and an extra condition word for word, and says why', () => {
    const deny = read(JSON.stringify(corpus['a Deny beside an Allow']?.document));
    expect(deny.kept).toEqual([
      {
        Effect: 'Deny',
        Principal: { AWS: 'arn:aws:iam::111111111111:user/mallory' },
        Action: 'sts:AssumeRole',
      },
    ]);
    expect(deny.notes[0]).toMatch(/Deny/);
    expect(deny.draft.principals).toEqual([{ kind: 'account', id: '111111111111' }]);
    const sid = read(JSON.stringify(corpus['a Sid and a condition the form has no field for']?.document));
    expect(sid.notes.join('\n')).toMatch(/Sid/);
    expect(sid.notes.join('\n')).toMatch(/aws:RequestedRegion/);
    expect(sid.draft.principals).toEqual([{ kind: 'service', service: 'ecs-tasks.amazonaws.com' }]);
  });

  it('keeps the second of two account statements with different conditions, so neither loses its own', () => {
    const back = read(
      JSON.stringify(
        corpus['cross-account with MFA and a max age, and a third party with an external ID']?.document,
      ),
    );
    expect(back.draft.requireMfa).toBe(true);
    expect(back.draft.externalId).toBe('');
    expect(back.kept[0]).toMatchObject({
      Condition: { StringEquals: { 'sts:ExternalId': 'Unique-ID-4455' } },
    });
  });

  it('names the line of broken JSON, and refuses a permissions policy', () => {
    const broken = draftFromDocument('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {,\n  ]\n}');
    expect(broken).toMatchObject({ ok: false, line: 4 });
    const permissions = draftFromDocument(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
      }),
    );
    expect(permissions).toMatchObject({ ok: false, problem: expect.stringMatching(/not a trust policy/) });
  });

  it('writes back the document’s Id and its Version, 2008-10-17 or none, when nothing typed needs 2012-10-17', () => {
    const account = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: 'sts:AssumeRole',
    };
    // A console role of old: ${aws:username} is literal text under 2008-10-17.
    const literal = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333333:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:RoleSessionName': USERNAME_VARIABLE } },
    };
    const old = { Version: '2008-10-17', Id: 'console-made', Statement: [account, literal] };
    const back = read(JSON.stringify(old));
    expect(back.kept).toEqual([literal]);
    expect(back.notes[0]).toMatch(/literal text/);
    expect(JSON.parse(documentWithKept(back.draft, back.kept, back.frame))).toEqual(old);
    // An account added in the form writes no ${…}: still 2008-10-17, the literal kept literal.
    const added = { ...back.draft, requireMfa: true };
    expect(JSON.parse(documentWithKept(added, back.kept, back.frame))).toMatchObject({
      Version: '2008-10-17',
      Id: 'console-made',
    });
    expect(versionClash(added, back.kept, back.frame)).toBeUndefined();
    const none = { Id: 'x', Statement: [account] };
    const noneBack = read(JSON.stringify(none));
    expect(JSON.parse(documentWithKept(noneBack.draft, noneBack.kept, noneBack.frame))).toEqual(none);
    // A new document (no frame) is the form's own: 2012-10-17.
    expect(JSON.parse(documentWithKept(noneBack.draft, [])).Version).toBe('2012-10-17');
  });

  it('writes 2012-10-17 for a policy variable typed in the form, and refuses to when one in a kept statement would change meaning', () => {
    const literal = {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:RoleSessionName': USERNAME_VARIABLE } },
    };
    const back = read(JSON.stringify({ Version: '2008-10-17', Statement: [literal] }));
    const variable = {
      ...back.draft,
      principals: [{ kind: 'account' as const, id: '111111111111' }],
      sourceIdentity: USERNAME_VARIABLE,
    };
    expect(JSON.parse(documentWithKept(variable, back.kept, back.frame)).Version).toBe('2012-10-17');
    expect(versionClash(variable, back.kept, back.frame)).toMatch(
      /Version is 2008-10-17.*kept statements become policy variables/,
    );
    // Nothing kept with ${…}: 2012-10-17 changes no kept statement's meaning.
    const plain = read(
      JSON.stringify({ Version: '2008-10-17', Statement: [{ ...literal, Condition: undefined }] }),
    );
    expect(versionClash(variable, plain.kept, plain.frame)).toBeUndefined();
  });

  it('reads "True" as MFA required, as IAM reads a Bool without regard to case, and writes "true"', () => {
    const back = read(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111111111111:root' },
            Action: 'sts:AssumeRole',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'True' } },
          },
        ],
      }),
    );
    expect(back.kept).toEqual([]);
    expect(back.draft.requireMfa).toBe(true);
    expect(documentWithKept(back.draft, back.kept, back.frame)).toContain(
      '"aws:MultiFactorAuthPresent": "true"',
    );
  });
});
