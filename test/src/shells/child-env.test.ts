import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { childEnvironment, nestingRefusal, sessionVariables } from '../../../src/shells/child-env';
import { credentialProcessJson, formatExports } from '../../../src/shells/exports';
import { startTestSandbox } from '../../helpers/sandbox';

const run = promisify(execFile);
const session = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'secret/with+odd=chars',
  sessionToken: 'token',
  expiration: new Date('2026-11-23T12:34:56.789Z'),
};
const identity = {
  profile: 'prod-admin',
  roleArn: 'arn:aws:iam::333333333333:role/Admin',
  account: '333333333333',
  region: 'eu-west-1',
};

describe('the child environment', () => {
  it('sets the session, both region variables and the prompt markers, and removes what would shadow it', () => {
    const env = childEnvironment(
      {
        PATH: '/usr/bin',
        AWS_PROFILE: 'stale',
        AWS_DEFAULT_PROFILE: 'stale',
        AWS_SECURITY_TOKEN: 'old',
        AWS_SDK_LOAD_CONFIG: '1',
      },
      session,
      identity,
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE01',
      AWS_SECRET_ACCESS_KEY: 'secret/with+odd=chars',
      AWS_SESSION_TOKEN: 'token',
      AWS_CREDENTIAL_EXPIRATION: '2026-11-23T12:34:56Z',
      AWS_SESSION_EXPIRATION: '2026-11-23T12:34:56Z',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      ROLECALL_PROFILE: 'prod-admin',
      ROLECALL_ROLE_ARN: 'arn:aws:iam::333333333333:role/Admin',
      ROLECALL_ACCOUNT: '333333333333',
      AWS_ACCOUNT_ID: '333333333333',
      ROLECALL_SHLVL: '1',
    });
  });

  it('counts nesting, and points at the sandbox when there is one', () => {
    const env = childEnvironment({ ROLECALL_SHLVL: '2' }, session, {
      ...identity,
      endpoint: 'http://127.0.0.1:9',
    });
    expect(env.ROLECALL_SHLVL).toBe('3');
    expect(env.AWS_ENDPOINT_URL).toBe('http://127.0.0.1:9');
  });

  it('exports evaluated into the same shell keep its level; a new process is one deeper', () => {
    expect(
      sessionVariables(session, identity, { ROLECALL_SHLVL: '2' }, { nested: false }).set.ROLECALL_SHLVL,
    ).toBe('2');
    expect(sessionVariables(session, identity, {}, { nested: false }).set.ROLECALL_SHLVL).toBe('1');
    expect(sessionVariables(session, identity, { ROLECALL_SHLVL: '2' }).set.ROLECALL_SHLVL).toBe('3');
  });

  it('refuses a shell for another identity inside a rolecall shell, unless forced', () => {
    const inside = { ROLECALL_SHLVL: '1', ROLECALL_ROLE_ARN: 'arn:aws:iam::222222222222:role/Developer' };
    expect(nestingRefusal(inside, identity, false)).toBe(
      'This shell already holds the credentials of arn:aws:iam::222222222222:role/Developer (a rolecall shell, or rolecall env); running as arn:aws:iam::333333333333:role/Admin from it would mix the two. Use another terminal, leave the rolecall shell, or pass --force.',
    );
    expect(nestingRefusal(inside, identity, true)).toBeUndefined();
    expect(
      nestingRefusal({ ...inside, ROLECALL_ROLE_ARN: identity.roleArn }, identity, false),
    ).toBeUndefined();
    expect(nestingRefusal({}, identity, false)).toBeUndefined();
  });

  it('offers no way to force it where the caller has none', () => {
    const inside = { ROLECALL_SHLVL: '1', ROLECALL_ROLE_ARN: 'arn:aws:iam::222222222222:role/Developer' };
    expect(nestingRefusal(inside, identity, false, false)).toMatch(
      / would mix the two\. Use another terminal, or leave the rolecall shell\.$/,
    );
  });
});

describe('exports', () => {
  const hostile = `it's $HOME \`id\` "quoted" \\ back\nnew line`;

  it('sh: a real bash gets back every value exactly, and the stale variables are gone', async () => {
    const variables = sessionVariables({ ...session, secretAccessKey: hostile }, identity, {});
    const script = `${formatExports(variables, 'sh')}printf '%s|%s' "$AWS_SECRET_ACCESS_KEY" "\${AWS_PROFILE-unset}"`;
    const { stdout } = await run('bash', ['-c', script], {
      env: { PATH: process.env.PATH, AWS_PROFILE: 'stale' },
    });
    expect(stdout).toBe(`${hostile}|unset`);
  });

  it('fish and PowerShell quote in their own ways', () => {
    const variables = { set: { AWS_SECRET_ACCESS_KEY: "a'b\\c" }, unset: ['AWS_PROFILE'] };
    expect(formatExports({ set: { ROLECALL_PROFILE: 'o\u2019brien' }, unset: [] }, 'powershell')).toBe(
      "$Env:ROLECALL_PROFILE = 'o\u2019\u2019brien'\n",
    );
    expect(formatExports(variables, 'fish')).toBe(
      "set -e AWS_PROFILE\nset -gx AWS_SECRET_ACCESS_KEY 'a\\'b\\\\c'\n",
    );
    expect(formatExports(variables, 'powershell')).toBe(
      "Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n$Env:AWS_SECRET_ACCESS_KEY = 'a''b\\c'\n",
    );
  });

  it('json is the credential_process shape', () => {
    expect(JSON.parse(credentialProcessJson(session))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLEEXAMPLE01',
      SecretAccessKey: 'secret/with+odd=chars',
      SessionToken: 'token',
      Expiration: '2026-11-23T12:34:56Z',
    });
  });

  it('an assumed session, exported into bash, is who the AWS CLI says it is', async () => {
    if (!existsSync('/usr/bin/aws'))
      throw new Error('/usr/bin/aws is missing: apt-get install awscli (.ci/run does).');
    const sandbox = await startTestSandbox();
    try {
      const out = await sandbox.sts(sandbox.seeded.keys.alice).send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::222222222222:role/Developer',
          RoleSessionName: 'exported',
        }),
      );
      const c = out.Credentials;
      const variables = sessionVariables(
        {
          accessKeyId: c?.AccessKeyId ?? '',
          secretAccessKey: c?.SecretAccessKey ?? '',
          sessionToken: c?.SessionToken ?? '',
          expiration: c?.Expiration,
        },
        {
          region: 'us-east-1',
          endpoint: sandbox.endpoint,
          roleArn: 'arn:aws:iam::222222222222:role/Developer',
        },
        {},
      );
      const script = `${formatExports(variables, 'sh')}/usr/bin/aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --query Arn --output text`;
      const { stdout } = await run('bash', ['-c', script], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_PROFILE: 'stale',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      });
      expect(stdout.trim()).toBe('arn:aws:sts::222222222222:assumed-role/Developer/exported');
    } finally {
      await sandbox.close();
    }
  });
});
