import { describe, expect, it } from 'vitest';
import { pointEnvironmentAtSandbox, SHADOWING_VARIABLES } from '../../../src/sandbox/local';

describe('pointing an environment at the sandbox', () => {
  it('sets the sandbox’s files and endpoint, and removes what would send calls elsewhere', () => {
    const env: NodeJS.ProcessEnv = {
      HOME: '/home/someone',
      AWS_PROFILE: 'real-prod',
      AWS_ACCESS_KEY_ID: 'AKIAREALKEY',
      AWS_SECRET_ACCESS_KEY: 'real-secret',
      AWS_ENDPOINT_URL_STS: 'https://sts.us-east-1.amazonaws.com',
      AWS_ENDPOINT_URL: 'https://elsewhere.example',
    };
    pointEnvironmentAtSandbox(env, 'http://127.0.0.1:4000', {
      dir: '/tmp/s',
      configFile: '/tmp/s/config',
      credentialsFile: '/tmp/s/credentials',
      remove: () => {},
    });
    expect(env).toEqual({
      HOME: '/home/someone',
      AWS_CONFIG_FILE: '/tmp/s/config',
      AWS_SHARED_CREDENTIALS_FILE: '/tmp/s/credentials',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4000',
      AWS_REGION: 'us-east-1',
      ROLECALL_SIGNIN_ENDPOINT: 'http://127.0.0.1:4000/federation',
    });
    for (const name of SHADOWING_VARIABLES) expect(env).not.toHaveProperty(name);
  });
});
