// What IAM would refuse in a new role, found before any call, each on its field with what to type.
import { describe, expect, it } from 'vitest';
import { emptyRoleSpec, type RoleSpec } from '../../../src/role-making/role-spec';
import { roleSpecProblems } from '../../../src/role-making/role-spec-problems';
import { checkIdentityPolicy } from '../../../src/sandbox/policy-checks';

const spec = (over: Partial<RoleSpec>): RoleSpec => ({ ...emptyRoleSpec(), name: 'Deployer', ...over });
const problemsOf = (over: Partial<RoleSpec>) => roleSpecProblems(spec(over));
const fields = (over: Partial<RoleSpec>) => problemsOf(over).map((p) => p.field);

describe('a role spec IAM would take', () => {
  it('has no problems when filled in as IAM allows, or left at its defaults', () => {
    expect(problemsOf({})).toEqual([]);
    expect(
      problemsOf({
        name: 'ci+deploy=prod,eu.@x_1-2',
        path: '/teams/ci/',
        description: 'Déploie le service – en prod'.replace('–', '-'),
        maxSession: '12h',
        tags: [
          { key: 'team', value: 'platform' },
          { key: 'cost:centre', value: '' },
        ],
        managedPolicies: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          'arn:aws:iam::222222222222:policy/teams/deploy',
        ],
        inlinePolicy:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
        inlinePolicyName: 'read-artifacts',
        permissionsBoundary: 'arn:aws-us-gov:iam::222222222222:policy/boundary',
      }),
    ).toEqual([]);
  });
});

describe('what IAM refuses', () => {
  it('a name empty, over 64 characters, or with characters outside [\\w+=,.@-]', () => {
    expect(problemsOf({ name: '' })).toEqual([
      { field: 'name', problem: 'Type the role’s name (up to 64 letters, digits and +=,.@_-).' },
    ]);
    expect(problemsOf({ name: 'a'.repeat(65) })[0]?.problem).toBe(
      'The name is 65 characters; IAM allows at most 64.',
    );
    expect(fields({ name: 'a'.repeat(64) })).toEqual([]);
    expect(problemsOf({ name: 'my role' })[0]?.problem).toContain('the space is not allowed');
    expect(problemsOf({ name: 'role/x' })[0]?.problem).toContain('"/" is not allowed');
  });

  it('a path that is not "/" or /…/, or past 512 characters', () => {
    expect(fields({ path: 'teams' })).toEqual(['path']);
    expect(fields({ path: '/teams' })).toEqual(['path']);
    expect(fields({ path: '/te ams/' })).toEqual(['path']);
    expect(fields({ path: '/' })).toEqual([]);
    expect(fields({ path: `/${'a'.repeat(510)}/` })).toEqual([]);
    expect(problemsOf({ path: `/${'a'.repeat(511)}/` })[0]?.problem).toBe(
      'The path is 513 characters; IAM allows at most 512.',
    );
  });

  it('a description past 1,000 characters or outside Latin-1', () => {
    expect(fields({ description: 'x'.repeat(1000) })).toEqual([]);
    expect(problemsOf({ description: 'x'.repeat(1001) })[0]?.problem).toBe(
      'The description is 1001 characters; IAM allows at most 1,000.',
    );
    expect(problemsOf({ description: 'deploys 🚀' })[0]?.problem).toContain('"🚀" is not allowed');
  });

  it('a maximum session outside 1–12 hours, or not a duration', () => {
    expect(fields({ maxSession: '1h' })).toEqual([]);
    expect(fields({ maxSession: '90m' })).toEqual([]);
    expect(fields({ maxSession: '3600' })).toEqual([]);
    expect(fields({ maxSession: '43200' })).toEqual([]);
    expect(problemsOf({ maxSession: '30m' })).toEqual([
      { field: 'maxSession', problem: 'The maximum session must be from 1h to 12h (3600 to 43200 seconds).' },
    ]);
    expect(fields({ maxSession: '12h1s' })).toEqual(['maxSession']);
    expect(problemsOf({ maxSession: 'a day' })[0]?.problem).toBe(
      '"a day" is not a duration: type hours or minutes (1h, 90m, 12h) or seconds (3600).',
    );
  });

  it('tags: over 50, keys empty, long, aws:-prefixed or repeated ignoring case; values over 256', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(problemsOf({ tags: many })).toEqual([
      { field: 'tags', problem: '51 tags; IAM allows at most 50 on a role.' },
    ]);
    expect(
      problemsOf({
        tags: [
          { key: 'Team', value: 'a' },
          { key: '', value: 'b' },
          { key: 'k'.repeat(129), value: 'c' },
          { key: 'aws:owner', value: 'd' },
          { key: 'team', value: 'e' },
          { key: 'note', value: 'v'.repeat(257) },
          { key: 'why', value: 'because!' },
        ],
      }).map((p) => [p.index, p.problem]),
    ).toEqual([
      [1, 'Type the tag’s key, or remove the tag.'],
      [2, 'The tag key is 129 characters; IAM allows at most 128.'],
      [3, 'Tag keys starting with "aws:" are AWS’s own; choose another key than aws:owner.'],
      [4, 'The tag team is given twice (IAM ignores case in tag keys); keep one.'],
      [5, 'The value of note is 257 characters; IAM allows at most 256.'],
      [6, 'A tag value may hold letters, digits, spaces and _.:/=+-@; "!" is not allowed.'],
    ]);
  });

  it('managed policies: not a policy ARN, listed twice, or more than IAM’s default quota of 10', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::222222222222:policy/p${i}`);
    const [quota] = problemsOf({ managedPolicies: eleven });
    expect(quota?.field).toBe('managedPolicies');
    expect(quota?.problem).toMatch(/^11 managed policies; IAM attaches at most 10 to a role by default/);
    expect(quota?.problem).toContain('Service Quotas');
    expect(
      problemsOf({
        managedPolicies: [
          'ReadOnlyAccess',
          'arn:aws:iam::aws:role/ReadOnlyAccess',
          'arn:aws:iam::12345:policy/x',
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
        ],
      }).map((p) => p.index),
    ).toEqual([0, 1, 2, 4]);
  });

  it('an inline policy that is not JSON, names a Principal, lacks a Resource, or is over 10,240 characters', () => {
    expect(problemsOf({ inlinePolicy: '{"Version": ' })[0]?.problem).toMatch(
      /^The inline policy is not a JSON policy \(not JSON: .*\); edit it again\.$/,
    );
    const statement = (extra: object) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', ...extra }] });
    expect(problemsOf({ inlinePolicy: statement({ Resource: '*', Principal: '*' }) })).toEqual([
      {
        field: 'inlinePolicy',
        problem:
          'In the inline policy at $.Statement[0]: a permissions policy names no Principal (it is the role’s own); remove it.',
      },
    ]);
    expect(problemsOf({ inlinePolicy: statement({}) })[0]?.problem).toBe(
      'In the inline policy at $.Statement[0]: a statement needs a Resource ("*" for every one).',
    );
    expect(problemsOf({ inlinePolicy: statement({ Resource: '*', Effect: 'Permit' }) })[0]?.problem).toBe(
      'In the inline policy at $.Statement[0].Effect: Effect must be "Allow" or "Deny", not "Permit".',
    );
    // IAM counts without the whitespace that lays JSON out: indented, 300 resources pass; 400 do not.
    const sized = (count: number) =>
      JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: Array.from(
                { length: count },
                (_, i) => `arn:aws:s3:::bucket-${String(i).padStart(4, '0')}/*`,
              ),
            },
          ],
        },
        null,
        8,
      );
    expect(sized(300).length).toBeGreaterThan(10_240);
    expect(JSON.stringify(JSON.parse(sized(300))).length).toBeLessThan(10_240);
    expect(problemsOf({ inlinePolicy: sized(300) })).toEqual([]);
    const compact = JSON.stringify(JSON.parse(sized(400))).length;
    expect(problemsOf({ inlinePolicy: sized(400) }).map((p) => p.problem)).toEqual([
      `The inline policy is ${compact.toLocaleString('en')} characters without whitespace; IAM allows 10,240 for a role’s inline policies. Use managed policies for the rest.`,
    ]);
    expect(fields({ inlinePolicyName: 'has space' })).toEqual(['inlinePolicyName']);
  });

  it('a permissions boundary that is not a managed policy’s ARN', () => {
    expect(problemsOf({ permissionsBoundary: 'arn:aws:iam::222222222222:role/Admin' })[0]).toMatchObject({
      field: 'permissionsBoundary',
    });
    expect(fields({ permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' })).toEqual([]);
  });
});

describe('agreeing with the sandbox, which refuses as IAM does', () => {
  it('finds a problem in an inline policy exactly when PutRolePolicy would refuse it', () => {
    const documents = [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]}',
      '{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"s3:*","NotResource":"arn:aws:s3:::b"}}',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*"}]}',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"not an action","Resource":"*"}]}',
      '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"a:b":"c"}}}]}',
      'not json',
    ];
    for (const document of documents) {
      let refused = false;
      try {
        checkIdentityPolicy(document);
      } catch {
        refused = true;
      }
      expect({ document, refused: fields({ inlinePolicy: document }).includes('inlinePolicy') }).toEqual({
        document,
        refused,
      });
    }
  });
});
