// `rolecall env PROFILE`: the session's variables as exports for a shell, or as JSON; and
// `rolecall credential-process PROFILE`, the JSON the AWS SDKs and CLI read from
// `credential_process = rolecall credential-process PROFILE`.
import { sessionVariables } from '../shells/child-env';
import { credentialProcessJson, type ExportFormat, formatExports } from '../shells/exports';
import { type AgentChoice, sessionFor } from './agent-session';
import type { ProfileSessionOptions } from './profile-session';

export async function runEnvCommand(
  options: ProfileSessionOptions & AgentChoice & { format: ExportFormat },
): Promise<void> {
  const { credentials, identity, notes } = await sessionFor(options, 'env');
  for (const note of notes) process.stderr.write(`rolecall: ${note}\n`);
  if (options.format === 'json') {
    process.stdout.write(credentialProcessJson(credentials));
    return;
  }
  // Exports go into the shell that evals them: no deeper level, unlike exec and shells.
  const variables = sessionVariables(credentials, identity, options.env, { nested: false });
  process.stdout.write(formatExports(variables, options.format));
}

export async function runCredentialProcessCommand(
  options: ProfileSessionOptions & AgentChoice,
): Promise<void> {
  const { credentials } = await sessionFor(options, 'credential-process');
  process.stdout.write(credentialProcessJson(credentials));
}
