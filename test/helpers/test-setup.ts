// Setup file for every test file: an environment that cannot send an AWS call off loopback or
// pick up the machine's AWS settings, and no temporary directories left behind.
import { afterAll } from 'vitest';
import { settingsReady } from '../../src/settings/settings';
import { removeTempDirs, tempConfigDir } from './temp-dirs';

// A service-specific endpoint would win over the tests' AWS_ENDPOINT_URL (aws-reference.md §5).
for (const name of [
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
]) {
  delete process.env[name];
}

// A dashboard a test starts is an agent, listening under XDG_RUNTIME_DIR: each test file gets a
// directory of its own, so that two files' dashboards never share one. (What `rolecall env`
// asks is ROLECALL_AGENT_SOCK, which vitest.config.ts points at nothing unless a test says.)
process.env.XDG_RUNTIME_DIR = tempConfigDir();

// The interface loads conf just after its first frame (run-tui.tsx); a Settings a test makes is
// used at once, as the interface's is from then on. Tests of the time before it reset modules.
await settingsReady();

afterAll(removeTempDirs);
