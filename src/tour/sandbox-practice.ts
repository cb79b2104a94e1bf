// Practising the guided setup in the sandbox from a rolecall that works on real accounts: the
// terminal is handed to a child rolecall (`rolecall tour --sandbox --at guided-setup`), which
// starts its own sandbox, points itself at it and clears the variables that would shadow it
// (sandbox/local.ts). A child, not this process re-pointed: this run's clients, sessions and
// files stay on the person's accounts, and the sandbox goes when the child ends. When it ends,
// what happened is said in words, with the step reached there as the child kept it in the
// sandbox's settings (apart from the person's: settings-path.ts).
import { SETUP_STEPS, STEP_TITLES } from '../guided-setup/setup-step';
import { readSandboxTourProgress } from '../settings/sandbox-tour-progress';
import type { SetupProgress } from '../settings/schema';
import type { SelfCommand } from '../shells/self-command';
import type { ChildOutcome, TerminalHandOff } from '../terminal/hand-off';

// Kept here for src/core.ts, which imports it from this file until it imports src/shells'.

/** The child's arguments after the script: the walkthrough, on the sandbox, at the guided setup. */
export const PRACTICE_ARGS = ['tour', '--sandbox', '--at', 'guided-setup'] as const;

export interface PracticeOutcome {
  tone: 'info' | 'error';
  text: string;
}

export async function practiseInSandbox(options: {
  handOff: TerminalHandOff;
  self: SelfCommand | undefined;
  /**
   * The interface's environment, as it is: the child's --sandbox re-points its own copy, and
   * finds its settings from it, where they are read back once it has ended.
   */
  env: NodeJS.ProcessEnv;
}): Promise<PracticeOutcome> {
  const { handOff, self, env } = options;
  if (!self)
    return {
      tone: 'error',
      text: 'The sandbox could not be started from here: run rolecall tour --sandbox to practise there.',
    };
  let outcome: ChildOutcome;
  try {
    outcome = await handOff.run({
      command: self.command,
      args: [...self.args, ...PRACTICE_ARGS],
      env,
      banner:
        'Starting rolecall on the sandbox; quitting it (q, or Ctrl-C in a field) brings you back to the walkthrough.',
    });
  } catch (error) {
    return {
      tone: 'error',
      text: `The sandbox could not be started: ${error instanceof Error ? error.message : String(error)}.`,
    };
  }
  const reached = reachedWords(readSandboxTourProgress(env)?.sandboxSetup);
  if (outcome.signal)
    return { tone: 'error', text: `The sandbox's rolecall was ended by ${outcome.signal}${reached}.` };
  if (outcome.code !== 0)
    return {
      tone: 'error',
      text: `The sandbox's rolecall exited with code ${outcome.code}${reached}; rolecall tour --sandbox runs it on its own, to see why.`,
    };
  return { tone: 'info', text: `Back from the sandbox${reached}.` };
}

/** ": you reached step 4 of 6 there (The profile in your config)", or nothing when none is kept. */
function reachedWords(progress: SetupProgress | undefined): string {
  const step = progress?.step;
  if (!step || step < 1 || step > SETUP_STEPS) return '';
  return `: you reached step ${step} of ${SETUP_STEPS} there (${STEP_TITLES[step - 1]})`;
}
