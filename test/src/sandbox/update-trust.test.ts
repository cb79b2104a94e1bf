// The sandbox's UpdateAssumeRolePolicy, as the builder's edit mode calls it, through the real
// SDK: it refuses what IAM refuses (not JSON, over the quota, a principal that does not exist),
// leaving the document as it was, and GetRole gives the new document back once one is taken. The
// builder's own checks (src/trust-policy/checks.ts) call each refused document an error too.
import { GetRoleCommand, type IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, IDENTITY } from '../../../src/sandbox/seed';
import { checkTrustPolicy, hasErrors } from '../../../src/trust-policy/checks';
import { adjustableClock, failure, startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

let sandbox: TestSandbox;
let devAdmin: IAMClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: adjustableClock() });
  const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${DEV}:role/Admin`,
      RoleSessionName: 'editor',
      SerialNumber: `arn:aws:iam::${IDENTITY}:mfa/alice`,
      TokenCode: await sandbox.aliceCode(),
    }),
  );
  devAdmin = sandbox.iam({
    accessKeyId: out.Credentials?.AccessKeyId ?? '',
    secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
    sessionToken: out.Credentials?.SessionToken ?? '',
  });
});
afterAll(() => sandbox.close());

const trusting = (...principals: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }],
  });
const update = (document: string) =>
  devAdmin.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Deployer', PolicyDocument: document }));
const current = async () =>
  decodeURIComponent(
    (await devAdmin.send(new GetRoleCommand({ RoleName: 'Deployer' }))).Role?.AssumeRolePolicyDocument ?? '',
  );

describe('UpdateAssumeRolePolicy in the sandbox', () => {
  it('refuses what IAM refuses, keeping the document; the builder’s checks call each an error', async () => {
    const before = await current();
    // Over 2,048 characters without whitespace: about 60 principals.
    const long = trusting(
      ...Array.from({ length: 60 }, (_, n) => `arn:aws:iam::${String(n).padStart(12, '1')}:root`),
    );
    const refused: Array<[string, object]> = [
      [
        '{"Version": "2012-10-17",',
        { name: 'MalformedPolicyDocumentException', message: 'This policy contains invalid Json' },
      ],
      [long, { name: 'LimitExceededException', message: 'Cannot exceed quota for ACLSizePerRole: 2048' }],
      [
        trusting(`arn:aws:iam::${IDENTITY}:user/nobody`),
        {
          name: 'MalformedPolicyDocumentException',
          message: `Invalid principal in policy: "AWS":"arn:aws:iam::${IDENTITY}:user/nobody"`,
        },
      ],
    ];
    for (const [document, error] of refused) {
      expect(await failure(update(document))).toMatchObject(error);
      expect(await current()).toBe(before);
    }
    expect(hasErrors(checkTrustPolicy(refused[0]?.[0] ?? ''))).toBe(true);
    expect(hasErrors(checkTrustPolicy(long))).toBe(true);
  });

  it('takes a good document, which GetRole then gives back', async () => {
    const document = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${IDENTITY}:user/ci-bot` },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'rotated-2026' } },
          },
          {
            Sid: 'NoBob',
            Effect: 'Deny',
            Principal: { AWS: `arn:aws:iam::${IDENTITY}:user/bob` },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      null,
      2,
    );
    await update(document);
    expect(JSON.parse(await current())).toEqual(JSON.parse(document));
  });
});
