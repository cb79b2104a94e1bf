// The settings an AWS client would parse the AWS files for, given to it from the profiles
// rolecall has already read: every client the factory makes leaves the files alone (a config of
// 44,059 profiles cost 4.2 s a client otherwise), and resolves its endpoint and the rest exactly
// as the SDK would on its own, which each case here checks against the SDK itself. The factory
// reads the environment it is given, never process.env: only the SDK's own clients here (what
// ours are compared with) and the check that process.env is left alone set process.env.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { externalDataInterceptor } from '@smithy/core/config';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callFactsOf } from '../../../src/aws/call-facts';
import { type AwsClientsOptions, awsClients } from '../../../src/aws/clients';
import { accountAlias, iamClientFor, mfaDevices } from '../../../src/aws/iam-browse';
import { callerIdentity } from '../../../src/credentials/caller-identity';
import { staticProvider } from '../../../src/credentials/provider';
import { loadProfiles } from '../../../src/profiles/load';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../../src/sandbox/aws-files';
import { NOWHERE } from '../../helpers/nowhere';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { tempConfigDir } from '../../helpers/temp-dirs';

const TIMEOUTS = { connectSeconds: 3, requestSeconds: 15 };

let sandbox: TestSandbox;
let files: SandboxAwsFiles;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
});
afterAll(async () => {
  files?.remove();
  await sandbox?.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A config and credentials file of the test's own, and the variables that name them. */
function awsFiles(config: string, credentials = '') {
  const dir = tempConfigDir();
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

/** Makes process.env `env` and nothing else of AWS's, for the SDK's own clients to read. */
function sdkReads(env: NodeJS.ProcessEnv) {
  // The tests' own AWS_ENDPOINT_URL (nowhere) would win over every file.
  vi.stubEnv('AWS_ENDPOINT_URL', '');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

/**
 * Counts every time the SDK takes the text of these files to parse it: its file reader looks in
 * this record first (@smithy/core readFile), and each of its loadSharedConfigFiles parses anew.
 */
function countParses(paths: string[]) {
  const record = externalDataInterceptor.getFileRecord();
  let parses = 0;
  for (const path of paths) {
    const text = Promise.resolve(readFileSync(path, 'utf8'));
    record[path] = {
      // biome-ignore lint/suspicious/noThenProperty: the SDK's reader is handed a promise-like.
      then: (resolve: (text: string) => unknown, reject: (error: unknown) => unknown) => {
        parses++;
        return text.then(resolve, reject);
      },
    } as Promise<string>;
  }
  return {
    parses: () => parses,
    stop: () => {
      for (const path of paths) delete record[path];
    },
  };
}

async function factory(env: NodeJS.ProcessEnv, options: Omit<AwsClientsOptions, 'env'> = {}) {
  const set = await loadProfiles({ env });
  return awsClients({ timeouts: TIMEOUTS, profiles: () => set, env, ...options });
}

describe('AWS clients from the factory', () => {
  it('never parse the AWS files themselves: a call takes its endpoint from the profile rolecall read', async () => {
    // The sandbox's own files: the default profile's endpoint_url is the sandbox, and nothing
    // else says where STS is (process.env's AWS_ENDPOINT_URL, nowhere, is not read), so the call
    // reaching it proves the endpoint came from the profile.
    const clients = await factory({
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    });
    const counted = countParses([files.configFile, files.credentialsFile]);
    try {
      const alice = staticProvider('profile alice', sandbox.seeded.keys.alice);
      const who = await callerIdentity(alice, 'us-east-1', clients);
      await accountAlias(iamClientFor(alice, 'us-east-1', clients));
      expect(who.arn).toBe('arn:aws:iam::111111111111:user/alice');
      expect(counted.parses()).toBe(0);
    } finally {
      counted.stop();
    }
  });

  it('reach the endpoint named by the environment they are given, whatever process.env names', async () => {
    // Everything the SDK would read for itself names nowhere; only what the factory is given
    // names the sandbox. No profiles are read either: the SDK must not read the files instead.
    const nowhereFiles = awsFiles(`[default]\nendpoint_url = ${NOWHERE}\n`);
    sdkReads({ ...nowhereFiles, AWS_ENDPOINT_URL_STS: NOWHERE, AWS_ENDPOINT_URL_IAM: NOWHERE });
    const clients = awsClients({ env: { AWS_ENDPOINT_URL: sandbox.endpoint } });
    const alice = staticProvider('profile alice', sandbox.seeded.keys.alice);
    expect((await callerIdentity(alice, 'us-east-1', clients)).arn).toBe(
      'arn:aws:iam::111111111111:user/alice',
    );
    expect(await mfaDevices(iamClientFor(alice, 'us-east-1', clients))).toEqual([
      { serial: 'arn:aws:iam::111111111111:mfa/alice', user: 'alice' },
    ]);
  });

  it('take nothing from process.env when the environment they are given says nothing', async () => {
    sdkReads({
      ...awsFiles(`[default]\nendpoint_url = ${sandbox.endpoint}\nuse_fips_endpoint = true\n`),
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_ENDPOINT_URL_STS: sandbox.endpoint,
      AWS_USE_DUALSTACK_ENDPOINT: 'true',
      AWS_SDK_UA_APP_ID: 'from-process-env',
    });
    const keys = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'secret' };
    const client = awsClients({ env: {} }).make(STSClient, 'STS', staticProvider('keys', keys), 'us-east-1');
    // Where it would go, found out without sending anything (AWS itself is never called here).
    expect(await resolved(client)).toMatchObject({
      url: 'https://sts.us-east-1.amazonaws.com',
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      userAgentAppId: undefined,
    });
  });

  it('send a call to AWS_ENDPOINT_URL_STS before AWS_ENDPOINT_URL, to both before the profile’s, and to an explicit endpoint before all', async () => {
    const fileVariables = awsFiles(`[default]\nendpoint_url = ${NOWHERE}\n`);
    const alice = staticProvider('profile alice', sandbox.seeded.keys.alice);
    const endpointOf = async (variables: NodeJS.ProcessEnv, options: { endpoint?: string } = {}) => {
      try {
        await callerIdentity(alice, 'us-east-1', await factory({ ...fileVariables, ...variables }, options));
        return sandbox.endpoint;
      } catch (error) {
        // Where the refused call went.
        return callFactsOf(error)?.endpoint;
      }
    };
    expect(await endpointOf({})).toBe(NOWHERE);
    expect(await endpointOf({ AWS_ENDPOINT_URL: sandbox.endpoint })).toBe(sandbox.endpoint);
    expect(await endpointOf({ AWS_ENDPOINT_URL: NOWHERE, AWS_ENDPOINT_URL_STS: sandbox.endpoint })).toBe(
      sandbox.endpoint,
    );
    expect(
      await endpointOf(
        { AWS_ENDPOINT_URL: NOWHERE, AWS_ENDPOINT_URL_STS: NOWHERE },
        { endpoint: sandbox.endpoint },
      ),
    ).toBe(sandbox.endpoint);
  });

  it('take the endpoint from the profile’s [services] section', async () => {
    const env = awsFiles(
      `[default]\nservices = local\nendpoint_url = ${NOWHERE}\n\n[services local]\nsts =\n  endpoint_url = ${sandbox.endpoint}\n`,
    );
    const alice = staticProvider('profile alice', sandbox.seeded.keys.alice);
    expect((await callerIdentity(alice, 'us-east-1', await factory(env))).account).toBe('111111111111');
  });
});

/** Where a client would send a call, and the settings it resolved, found out without sending it. */
async function resolved(client: STSClient | IAMClient) {
  (client as STSClient).middlewareStack.add(
    () => async (args) => {
      const request = (args as { request: { protocol: string; hostname: string; port?: number } }).request;
      throw Object.assign(new Error('not sent'), {
        url: `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`,
      });
    },
    { step: 'build', name: 'notSent', priority: 'high' },
  );
  const sent =
    client instanceof STSClient
      ? client.send(new GetCallerIdentityCommand({}))
      : (client as IAMClient).send(new (await import('@aws-sdk/client-iam')).ListAccountAliasesCommand({}));
  const url = await sent.catch((error: { url?: string; message: string }) => error.url ?? error.message);
  const config = client.config as unknown as Record<string, () => Promise<unknown>>;
  const value = async (name: string) => (typeof config[name] === 'function' ? config[name]() : config[name]);
  return {
    url,
    useFipsEndpoint: await value('useFipsEndpoint'),
    useDualstackEndpoint: await value('useDualstackEndpoint'),
    userAgentAppId: await value('userAgentAppId'),
    authSchemePreference: await value('authSchemePreference'),
    sigv4aSigningRegionSet: await value('sigv4aSigningRegionSet'),
    disableClockSkewCorrection: await value('disableClockSkewCorrection'),
  };
}

describe('the settings given to a client', () => {
  const keys = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'secret' };
  const cases: Array<{
    name: string;
    config: string;
    credentials?: string;
    env?: Record<string, string>;
    service?: 'STS' | 'IAM';
  }> = [
    { name: 'nothing set', config: '[profile other]\nregion = eu-west-1\n' },
    { name: 'the profile’s endpoint_url', config: `[default]\nendpoint_url = ${NOWHERE}\n` },
    {
      name: 'AWS_ENDPOINT_URL over the profile',
      config: '[default]\nendpoint_url = http://127.0.0.1:1\n',
      env: { AWS_ENDPOINT_URL: NOWHERE },
    },
    {
      name: 'AWS_ENDPOINT_URL_STS over AWS_ENDPOINT_URL',
      config: '[default]\nregion = us-east-1\n',
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_STS: NOWHERE },
    },
    {
      name: 'an empty AWS_ENDPOINT_URL_STS is no value',
      config: '[default]\nregion = us-east-1\n',
      env: { AWS_ENDPOINT_URL: NOWHERE, AWS_ENDPOINT_URL_STS: '' },
    },
    {
      name: 'AWS_ENDPOINT_URL_IAM for IAM, not AWS_ENDPOINT_URL_STS',
      config: '[default]\nregion = us-east-1\n',
      env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_IAM: NOWHERE },
      service: 'IAM',
    },
    {
      name: 'a [services] section over endpoint_url',
      config: `[default]\nservices = s\nendpoint_url = http://127.0.0.1:1\n[services s]\nsts =\n  endpoint_url = ${NOWHERE}\n`,
    },
    {
      name: 'a [services] section without the service: endpoint_url',
      config: `[default]\nservices = s\nendpoint_url = ${NOWHERE}\n[services s]\niam =\n  endpoint_url = http://127.0.0.1:1\n`,
    },
    {
      name: 'a [services] section for IAM',
      config: `[default]\nservices = s\n[services s]\niam =\n  endpoint_url = ${NOWHERE}\n`,
      service: 'IAM',
    },
    {
      name: 'services naming a section that is not there: no endpoint from the file at all',
      config: `[default]\nservices = missing\nendpoint_url = ${NOWHERE}\n`,
    },
    {
      name: 'ignore_configured_endpoint_urls ignores the variables too',
      config: `[default]\nignore_configured_endpoint_urls = true\nendpoint_url = ${NOWHERE}\n`,
      env: { AWS_ENDPOINT_URL: NOWHERE },
    },
    {
      name: 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false over the profile’s true',
      config: `[default]\nignore_configured_endpoint_urls = true\nendpoint_url = ${NOWHERE}\n`,
      env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' },
    },
    {
      name: 'an ignore flag that is not true or false is skipped',
      config: `[default]\nignore_configured_endpoint_urls = yes\nendpoint_url = ${NOWHERE}\n`,
    },
    {
      name: 'FIPS and dual-stack from the profile, a bad variable skipped',
      config: '[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n',
      env: { AWS_USE_DUALSTACK_ENDPOINT: 'maybe' },
    },
    {
      name: 'FIPS from the variable over the profile',
      config: '[default]\nuse_fips_endpoint = true\n',
      env: { AWS_USE_FIPS_ENDPOINT: 'false' },
    },
    {
      name: 'the app ID, its old key, and an empty variable',
      config: '[default]\nsdk-ua-app-id = old-app\n',
      env: { AWS_SDK_UA_APP_ID: '' },
    },
    { name: 'the app ID’s old key', config: '[default]\nsdk-ua-app-id = old-app\n' },
    { name: 'the app ID', config: '[default]\nsdk_ua_app_id = new-app\nsdk-ua-app-id = old-app\n' },
    {
      name: 'auth scheme preference, sigv4a region set, clock skew',
      config:
        '[default]\nauth_scheme_preference = sigv4a, sigv4\nsigv4a_signing_region_set = us-east-1, eu-west-1\ndisable_clock_skew_correction = true\n',
    },
    {
      name: 'an empty auth scheme variable over the profile',
      config: '[default]\nauth_scheme_preference = sigv4a\nsigv4a_signing_region_set = us-east-1\n',
      env: { AWS_AUTH_SCHEME_PREFERENCE: '', AWS_SIGV4A_SIGNING_REGION_SET: '' },
    },
    {
      name: 'the profile AWS_PROFILE selects, not default',
      config: `[default]\nendpoint_url = http://127.0.0.1:1\n[profile chosen]\nendpoint_url = ${NOWHERE}\nuse_fips_endpoint = true\n`,
      env: { AWS_PROFILE: 'chosen' },
    },
    {
      name: 'the config file’s key over the credentials file’s',
      config: `[default]\nendpoint_url = ${NOWHERE}\n`,
      credentials: '[default]\nendpoint_url = http://127.0.0.1:1\nsdk_ua_app_id = from-credentials\n',
    },
    {
      name: '[profile default] over [default]',
      config: `[default]\nendpoint_url = http://127.0.0.1:1\n[profile default]\nendpoint_url = ${NOWHERE}\n`,
    },
  ];

  it.each(cases)(
    'are what the SDK would read itself: $name',
    async ({ config, credentials, env, service }) => {
      const variables = { ...awsFiles(config, credentials), ...env };
      sdkReads(variables);
      const Client = service === 'IAM' ? IAMClient : STSClient;
      const ours = (await factory(variables)).make(
        Client as never,
        service ?? 'STS',
        staticProvider('keys', keys),
        'us-east-1',
      ) as STSClient;
      const sdks = new Client({ region: 'us-east-1', credentials: keys });
      const [given, read] = [await resolved(ours), await resolved(sdks)];
      // The SDK reads disable_clock_skew_correction once a process (a memoized default), so in
      // this file it holds the first case's answer; it is compared on its own below.
      expect({ ...given, disableClockSkewCorrection: undefined }).toEqual({
        ...read,
        disableClockSkewCorrection: undefined,
      });
    },
  );

  it('turn off clock skew correction as the profile says', async () => {
    const env = awsFiles('[default]\ndisable_clock_skew_correction = true\n');
    const client = (await factory(env)).make(STSClient, 'STS', staticProvider('keys', keys), 'us-east-1');
    expect((await resolved(client)).disableClockSkewCorrection).toBe(true);
    const overridden = (await factory({ ...env, AWS_DISABLE_CLOCK_SKEW_CORRECTION: 'false' })).make(
      STSClient,
      'STS',
      staticProvider('keys', keys),
      'us-east-1',
    );
    expect((await resolved(overridden)).disableClockSkewCorrection).toBe(false);
  });
});
