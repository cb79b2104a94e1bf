// The start-up files that make a live shell: the person's shell (bash, zsh or fish) with their own
// rc files loaded as the shell itself would load them (none of theirs is touched), and then a hook
// run before each prompt that re-exports the shell's credentials when rolecall says they changed.
//
// Whether they changed is a number: the generation the agent keeps for the shell in a file with
// no secret (ROLECALL_GENERATION_FILE). The hook reads it with the shell's own `read`, so a prompt
// where nothing changed starts no process; only when the number differs from the one the shell
// last took (__rolecall_gen) does it run `rolecall hook-exports` and evaluate what it prints.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SelfCommand } from './self-command';

export type HookShell = 'bash' | 'zsh' | 'fish';

/** The shells a prompt hook exists for, by the name of $SHELL; undefined for any other (sh, dash, tcsh). */
export function hookShellOf(shell: string | undefined): HookShell | undefined {
  const name = shell ? basename(shell) : '';
  return name === 'bash' || name === 'zsh' || name === 'fish' ? name : undefined;
}

/** Said when the hook could not run rolecall at all (the node or the script moved away). */
export const HOOK_FAILED =
  'rolecall: this shell could not ask rolecall for its new credentials; it keeps its last ones.';

/** The variable the starting generation is passed in: the shell takes it, un-exported. */
export const GENERATION_VARIABLE = '__rolecall_gen';

/** zsh's own ZDOTDIR, if the person set one, passed through our ZDOTDIR to our .zshenv. */
export const USER_ZDOTDIR_VARIABLE = 'ROLECALL_USER_ZDOTDIR';

export interface HookFile {
  /** Relative to the hook directory. */
  path: string;
  text: string;
}

/** The files a shell needs, as text: written by writePromptHook, read by tests. */
export function promptHookFiles(shell: HookShell, self: SelfCommand, dir: string): HookFile[] {
  switch (shell) {
    case 'bash':
      return [{ path: 'rolecall.bash', text: bashRc(self) }];
    case 'zsh':
      return [
        { path: 'zsh/.zshenv', text: zshEnv(join(dir, 'zsh')) },
        { path: 'zsh/.zshrc', text: zshRc(self) },
      ];
    case 'fish':
      return [{ path: 'rolecall.fish', text: fishRc(self) }];
  }
}

/** How to start the shell with its hook: arguments, and the variables its start-up files read. */
export interface HookLaunch {
  args: string[];
  env: Record<string, string>;
  /** Variables to remove from the shell's environment. */
  unset: string[];
}

/**
 * Writes the shell's start-up files under `dir` (the agent's directory, 0700: the files are 0600
 * and hold no secret) and says how to start it. `generation` is the one the shell starts with.
 */
export function writePromptHook(
  dir: string,
  shell: HookShell,
  self: SelfCommand,
  parent: NodeJS.ProcessEnv,
  generation: number,
): HookLaunch {
  const hookDir = join(dir, 'shell-hook');
  for (const file of promptHookFiles(shell, self, hookDir)) writePrivate(join(hookDir, file.path), file.text);
  return hookLaunch(shell, hookDir, parent, generation);
}

export function hookLaunch(
  shell: HookShell,
  hookDir: string,
  parent: NodeJS.ProcessEnv,
  generation: number,
): HookLaunch {
  const env: Record<string, string> = { [GENERATION_VARIABLE]: String(generation) };
  const unset: string[] = [];
  switch (shell) {
    case 'bash':
      // --rcfile replaces ~/.bashrc only: Debian's /etc/bash.bashrc (compiled in) is still read.
      return { args: ['--rcfile', join(hookDir, 'rolecall.bash'), '-i'], env, unset };
    case 'zsh':
      env.ZDOTDIR = join(hookDir, 'zsh');
      if (parent.ZDOTDIR) env[USER_ZDOTDIR_VARIABLE] = parent.ZDOTDIR;
      else unset.push(USER_ZDOTDIR_VARIABLE);
      return { args: ['-i'], env, unset };
    case 'fish':
      // Run after fish has read its own config files (config.fish, conf.d), before the first prompt.
      return {
        args: ['--interactive', '--init-command', `source ${fishQuote(join(hookDir, 'rolecall.fish'))}`],
        env,
        unset,
      };
  }
}

function writePrivate(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  // Renamed into place: a shell starting meanwhile reads the old file or the new one, never half.
  // Made new ('wx': a file or a link already at the name fails, never followed), under a name
  // nobody could have guessed to plant; rename() replaces a link at `path`, not what it points to.
  // The global Web Crypto, not node:crypto imported: that would load ~20 of Node's modules before
  // the dashboard's first frame, which only a shell's start needs.
  const unguessable = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(6))).toString('hex');
  const temporary = `${path}.${process.pid}.${unguessable}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
}

function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function selfLine(self: SelfCommand, quote: (text: string) => string, shell: HookShell): string {
  return `${[self.command, ...self.args].map(quote).join(' ')} hook-exports --shell ${shell}`;
}

// $? is kept: a prompt that shows the last command's status (starship, a PS1) runs after the hook.
function bashRc(self: SelfCommand): string {
  return `# Written by rolecall for its live shells; rewritten each time one starts.
# Your own ~/.bashrc is read as bash reads it; then a hook before each prompt re-exports this
# shell's credentials when rolecall says they changed (a refresh, \`rolecall use\`).
if [[ -f ~/.bashrc && -r ~/.bashrc ]]; then . ~/.bashrc; fi
export -n ${GENERATION_VARIABLE} 2>/dev/null
__rolecall_hook() {
  local __rolecall_status=$? __rolecall_seen=
  if [[ -r \${ROLECALL_GENERATION_FILE-} ]]; then read -r __rolecall_seen <"$ROLECALL_GENERATION_FILE"; fi
  if [[ -n $__rolecall_seen && $__rolecall_seen != "\${${GENERATION_VARIABLE}-}" ]]; then
    unset ${GENERATION_VARIABLE}
    eval "$(${selfLine(self, shQuote, 'bash')})"
    if [[ -z \${${GENERATION_VARIABLE}-} ]]; then
      ${GENERATION_VARIABLE}=$__rolecall_seen
      printf '%s\\n' ${shQuote(HOOK_FAILED)} >&2
    fi
  fi
  return $__rolecall_status
}
# First, so that the person's own prompt commands see the new variables; an array since bash 5.1.
if [[ $(declare -p PROMPT_COMMAND 2>/dev/null) == 'declare -a'* ]]; then
  PROMPT_COMMAND=(__rolecall_hook "\${PROMPT_COMMAND[@]}")
else
  PROMPT_COMMAND="__rolecall_hook\${PROMPT_COMMAND:+$'\\n'$PROMPT_COMMAND}"
fi
`;
}

// zsh reads $ZDOTDIR/.zshenv and $ZDOTDIR/.zshrc (zsh(1), STARTUP/SHUTDOWN FILES); ZDOTDIR is ours
// until our .zshrc, which gives the person's back before reading theirs.
function zshEnv(ourDir: string): string {
  return `# Written by rolecall for its live shells; rewritten each time one starts.
# Your own .zshenv is read from your ZDOTDIR (else HOME) as zsh reads it; rolecall's .zshrc then
# reads your .zshrc there.
if [[ -n \${${USER_ZDOTDIR_VARIABLE}-} ]]; then ZDOTDIR=$${USER_ZDOTDIR_VARIABLE}; else unset ZDOTDIR; fi
unset ${USER_ZDOTDIR_VARIABLE}
if [[ -f \${ZDOTDIR:-$HOME}/.zshenv ]]; then source "\${ZDOTDIR:-$HOME}/.zshenv"; fi
typeset -g __rolecall_zdotdir_set=\${ZDOTDIR+1} __rolecall_zdotdir=\${ZDOTDIR-}
ZDOTDIR=${shQuote(ourDir)}
`;
}

function zshRc(self: SelfCommand): string {
  return `# Written by rolecall for its live shells; rewritten each time one starts.
if [[ -n $__rolecall_zdotdir_set ]]; then ZDOTDIR=$__rolecall_zdotdir; else unset ZDOTDIR; fi
unset __rolecall_zdotdir_set __rolecall_zdotdir
if [[ -f \${ZDOTDIR:-$HOME}/.zshrc ]]; then source "\${ZDOTDIR:-$HOME}/.zshrc"; fi
if (( \${+${GENERATION_VARIABLE}} )); then typeset +x ${GENERATION_VARIABLE}; fi
__rolecall_hook() {
  local __rolecall_status=$? __rolecall_seen=
  emulate -L zsh
  if [[ -r \${ROLECALL_GENERATION_FILE-} ]]; then read -r __rolecall_seen <"$ROLECALL_GENERATION_FILE"; fi
  if [[ -n $__rolecall_seen && $__rolecall_seen != "\${${GENERATION_VARIABLE}-}" ]]; then
    unset ${GENERATION_VARIABLE}
    eval "$(${selfLine(self, shQuote, 'zsh')})"
    if [[ -z \${${GENERATION_VARIABLE}-} ]]; then
      typeset -g ${GENERATION_VARIABLE}=$__rolecall_seen
      print -ru2 -- ${shQuote(HOOK_FAILED)}
    fi
  fi
  return $__rolecall_status
}
# First, so that the person's own precmd functions (a prompt) see the new variables.
typeset -ga precmd_functions
precmd_functions=(__rolecall_hook \${precmd_functions[@]})
`;
}

function fishRc(self: SelfCommand): string {
  return `# Written by rolecall for its live shells; rewritten each time one starts.
# Read after your own config.fish; a hook before each prompt re-exports this shell's credentials
# when rolecall says they changed (a refresh, \`rolecall use\`).
if set -q ${GENERATION_VARIABLE}
    set -gu ${GENERATION_VARIABLE} $${GENERATION_VARIABLE}
end
function __rolecall_hook --on-event fish_prompt
    set -l __rolecall_seen
    if set -q ROLECALL_GENERATION_FILE; and test -r "$ROLECALL_GENERATION_FILE"
        read __rolecall_seen <$ROLECALL_GENERATION_FILE
    end
    if test -n "$__rolecall_seen"; and test "$__rolecall_seen" != "$${GENERATION_VARIABLE}"
        set -e ${GENERATION_VARIABLE}
        ${selfLine(self, fishQuote, 'fish')} | source
        if not set -q ${GENERATION_VARIABLE}
            set -g ${GENERATION_VARIABLE} $__rolecall_seen
            echo ${fishQuote(HOOK_FAILED)} >&2
        end
    end
end
`;
}
