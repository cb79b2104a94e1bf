// The guided setup's six steps, and what a check of one says: done (ticked), failed (with what
// to check, and the step to go back to), or not checkable by the person here (a later step
// checks it). Types and words only: the checks are guided-setup.ts's.
import { roleArn } from '../aws-shapes/arn';
import { SETUP_STEPS, type SetupProgress } from '../settings/schema';

export { SETUP_STEPS };

/** What the earlier steps chose: the progress kept in settings, less the step. */
export type SetupChoices = Omit<SetupProgress, 'step'>;

export type StepCheck =
  | { state: 'ok'; words: string; notes?: string[] }
  | {
      state: 'failed';
      words: string;
      /** What to check or do, in words. */
      fix: string;
      /** The step whose work is missing, when it is not the step checked (a refused assume). */
      backTo?: number;
      /** What the step makes is not there yet: the step's own action (Enter) makes it. */
      missing?: boolean;
    }
  /** The person may not ask AWS this (IAM refuses them the read): a later step checks it. */
  | {
      state: 'unchecked';
      words: string;
      /** Why it could not be checked, short, to go inside another sentence (a refused assume's). */
      reason: string;
    };

/** Each step's title, as the list shows it (index 0 is step 1). */
export const STEP_TITLES = [
  'Who you are',
  'A role in the target account that trusts you, with MFA',
  'Your permission to assume it',
  'The profile in your config',
  'Assume it with your MFA code',
  'A shell as the role',
] as const;

/** A check that passed, or that the person could not make (it is left to a later step). */
export function passed(check: StepCheck): boolean {
  return check.state !== 'failed';
}

/** The role the choices name, or undefined until an account and a name are chosen. */
export function chosenRoleArn(choices: SetupChoices): string | undefined {
  if (!choices.target || !choices.roleName) return undefined;
  return roleArn(choices.target, '/', choices.roleName);
}
