// The core as the interface builds it, for the tests of its capabilities: settings in a fresh
// temp dir, the environment given (the sandbox's variables), and the MFA prompt watched.
import { afterAll, beforeAll } from 'vitest';
import type { AwsClients } from '../../src/aws/clients';
import type { Clock } from '../../src/clock';
import { createCore } from '../../src/core';
import type { MfaPrompt, MfaPromptState } from '../../src/mfa/mfa-prompt';
import { type SandboxAwsFiles, writeSandboxAwsFiles } from '../../src/sandbox/aws-files';
import { sandboxVariables } from '../../src/sandbox/local';
import type { SecondTicker } from '../../src/sessions/second-ticker';
import { Settings } from '../../src/settings/settings';
import { startTestSandbox, type TestSandbox } from './sandbox';
import { tempConfigDir } from './temp-dirs';

export function coreUnderTest(
  env: NodeJS.ProcessEnv,
  options: { clock?: Clock; ticker?: SecondTicker; clients?: AwsClients; settings?: Settings } = {},
) {
  const settings = options.settings ?? new Settings({ dir: tempConfigDir() });
  const core = createCore({
    settings,
    env,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ticker ? { ticker: options.ticker } : {}),
    ...(options.clients ? { clients: options.clients } : {}),
  });
  const seen: MfaPromptState[] = [];
  core.mfa.on((state) => seen.push(state));
  return { core, settings, sessions: core.sessions, mfa: core.mfa, seen };
}

/** Answers each form the prompt puts up with the next code from `codes`; cancels when none is left. */
export function answerWith(mfa: MfaPrompt, codes: Array<() => Promise<string>>) {
  const problems: Array<string | undefined> = [];
  mfa.on((state) => {
    if (state.phase !== 'asking') return;
    problems.push(state.request.problem);
    const next = codes.shift();
    if (next) void next().then((code) => mfa.answer({ serial: state.request.serials[0] ?? '', code }));
    else mfa.cancel();
  });
  return problems;
}

/** A sandbox of the test's own: AWS takes each 30-second step's MFA code once, and some tests change its world. */
export async function withOwnSandbox(test: (own: TestSandbox, files: SandboxAwsFiles) => Promise<void>) {
  const own = await startTestSandbox();
  const ownFiles = writeSandboxAwsFiles(own.seeded, own.endpoint);
  try {
    await test(own, ownFiles);
  } finally {
    ownFiles.remove();
    await own.close();
  }
}

/**
 * One seeded sandbox with its own AWS files for the tests of a file, started before them and
 * stopped after: read its parts from the object returned (they exist once the tests run).
 */
export function sandboxForTheseTests() {
  let sandbox: TestSandbox | undefined;
  let files: SandboxAwsFiles | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    files = writeSandboxAwsFiles(sandbox.seeded, sandbox.endpoint);
  });
  afterAll(async () => {
    files?.remove();
    await sandbox?.close();
  });
  const started = () => {
    if (!sandbox || !files) throw new Error('the sandbox starts before the tests');
    return { sandbox, files };
  };
  return {
    get sandbox() {
      return started().sandbox;
    },
    get files() {
      return started().files;
    },
    /** The variables that point the core at the sandbox and its files. */
    get env(): NodeJS.ProcessEnv {
      const { sandbox, files } = started();
      return sandboxVariables(sandbox.endpoint, files);
    },
  };
}
