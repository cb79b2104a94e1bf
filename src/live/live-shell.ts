// The shell `s` opens when rolecall serves it live: the person's $SHELL, bound to a client the
// agent opened, whose credentials follow the session's refreshes and `rolecall use`.
// - exported: the keys are in the environment as today; bash, zsh and fish get a prompt hook
//   (prompt-hook.ts) that re-exports them when they change. Any other shell (sh, dash, tcsh) has
//   no hook rolecall knows: it gets today's keys, and the banner says they stay as they are.
// - endpoint: no keys; the SDKs and the CLI read AWS_CONTAINER_CREDENTIALS_FULL_URI and refresh by
//   themselves, in any shell. The hook (where there is one) keeps the prompt variables current.
import { clockTime } from '../clock-time';
import { formatDuration } from '../duration';
import { shellLevel } from '../shells/child-env';
import { hookShellOf, writePromptHook } from '../shells/prompt-hook';
import type { SelfCommand } from '../shells/self-command';
import { FALLBACK_SHELL } from '../shells/session-shell';
import type { ChildCommand } from '../terminal/hand-off';
import type { DefaultShadow } from './default-shadow';
import { liveClientEnvironment } from './endpoint-env';
import type { AgentAnswer } from './protocol';

export type OpenAnswer = Extract<AgentAnswer, { ok: true; op: 'open' }>;

export interface LiveShellOptions {
  /** The agent's answer to op 'open' (or 'open-session') for this shell. */
  opened: OpenAnswer;
  /** The agent's socket: `rolecall use` and the hook ask it. */
  socket: string;
  /** This rolecall, as the hook runs it again: cli.ts's selfCommand (node and script). */
  self: SelfCommand;
  /** The interface's environment, as it is. */
  parent: NodeJS.ProcessEnv;
  /** The agent's own directory (0700): the shells' start-up files are written there, 0600. */
  dir: string;
  now?: number;
  /** For an endpoint shell whose [default] profile would win over the endpoint (default-shadow.ts). */
  shadow?: DefaultShadow;
}

/** Whether a live shell in exported mode can follow refreshes with this $SHELL (else it is static). */
export function shellFollowsRefreshes(parent: NodeJS.ProcessEnv): boolean {
  return hookShellOf(parent.SHELL) !== undefined;
}

export function liveShell(options: LiveShellOptions): ChildCommand {
  const { opened, socket, self, parent, dir } = options;
  const { exports, client } = opened;
  const command = parent.SHELL || FALLBACK_SHELL;
  const shell = hookShellOf(command);
  const shadow = client.mode === 'endpoint' ? options.shadow : undefined;
  const env = liveClientEnvironment(parent, opened, shadow?.kind === 'hidden' ? shadow.set : {});
  // One level deeper, as every shell rolecall opens: what the nesting check reads.
  env.ROLECALL_SHLVL = String(shellLevel(parent) + 1);
  const live = client.mode === 'endpoint' || shell !== undefined;
  if (live) {
    env.ROLECALL_AGENT_SOCK = socket;
    env.ROLECALL_CLIENT = client.id;
    env.ROLECALL_GENERATION_FILE = opened.generationFile;
  }
  let args: string[] = [];
  if (shell) {
    const launch = writePromptHook(dir, shell, self, parent, exports.generation);
    for (const name of launch.unset) delete env[name];
    Object.assign(env, launch.env);
    args = launch.args;
  }
  return {
    command,
    ...(args.length ? { args } : {}),
    env,
    banner: `${liveShellBanner(opened, shell !== undefined, command, options.now ?? Date.now())}${shadow ? ` Note: ${shadow.note}` : ''}`,
    ...(command === FALLBACK_SHELL ? {} : { fallback: FALLBACK_SHELL }),
  };
}

/** Said as the shell starts: who, until when, and whether the credentials follow refreshes. */
export function liveShellBanner(opened: OpenAnswer, hooked: boolean, command: string, now: number): string {
  const { set } = opened.exports;
  const name =
    opened.exports.session ?? set.ROLECALL_PROFILE ?? set.ROLECALL_ROLE_ARN ?? 'a rolecall session';
  const who = set.ROLECALL_ROLE_ARN && set.ROLECALL_ROLE_ARN !== name ? ` (${set.ROLECALL_ROLE_ARN})` : '';
  const shellName = command.split('/').pop() || command;
  let how: string;
  if (opened.client.mode === 'endpoint') {
    how = hooked
      ? ' Credentials come from rolecall (AWS_CONTAINER_CREDENTIALS_FULL_URI) and follow its refreshes; `rolecall use PROFILE` switches the role.'
      : ` Credentials come from rolecall (AWS_CONTAINER_CREDENTIALS_FULL_URI) and follow its refreshes; ${shellName} has no prompt hook rolecall knows, so ROLECALL_PROFILE and the prompt do not follow \`rolecall use\`.`;
  } else if (hooked) {
    how = ' Credentials follow refreshes and `rolecall use PROFILE`, at each prompt.';
  } else {
    const expiration = set.AWS_CREDENTIAL_EXPIRATION ? Date.parse(set.AWS_CREDENTIAL_EXPIRATION) : Number.NaN;
    const until = Number.isNaN(expiration)
      ? ''
      : ` (until ${clockTime(new Date(expiration))}, ${formatDuration((expiration - now) / 1000)})`;
    how = ` ${shellName} has no prompt hook rolecall knows (bash, zsh, fish have): credentials here stay as they are now${until} and do not follow refreshes; exit and open it again after one.`;
  }
  const away = set.AWS_ENDPOINT_URL
    ? ` Calls go to ${set.AWS_ENDPOINT_URL} (AWS_ENDPOINT_URL); an AWS CLI older than 2.13 needs --endpoint-url "$AWS_ENDPOINT_URL".`
    : '';
  return `rolecall: live shell as ${name}${who}.${how} exit to go back.${away}`;
}
