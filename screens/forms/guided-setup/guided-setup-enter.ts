// What Enter does at each step of the guided setup, decided from its state alone, and said in the
// same words the screen shows before it is pressed: check (again), build the role (the builder,
// filled in), open the role's trusted side, assume the role, open the shell. Pure: the screen
// only carries the move out.

import { SETUP_STEPS, type SetupChoices, type StepCheck } from '../../../src/guided-setup/setup-step';
import type { TrustPolicyPrefill } from '../trust-policy/trust-policy-prefill';
import { currentCheck, type GuidedSetupState, targetProblem } from './guided-setup-state';

export type EnterMove =
  /** A check runs, or nothing can be chosen yet. */
  | { kind: 'wait' }
  /** Step 2's fields are not an account and a role name. */
  | { kind: 'problem'; problem: string }
  /** Check the step with these choices (chosen first when they are new). */
  | { kind: 'check'; step: number; choices: SetupChoices }
  | { kind: 'build'; account: string; prefill: TrustPolicyPrefill }
  | { kind: 'trusted-side'; step: 3 | 4 }
  | { kind: 'assume' }
  | { kind: 'shell' };

/**
 * A check runs (or is about to: steps 3 to 6 are checked on arrival), or the saved steps are, or
 * a screen is being made ready to open.
 */
export function isBusy(state: GuidedSetupState): boolean {
  const mark = state.marks[state.step - 1];
  return (
    state.resuming ||
    state.opening !== undefined ||
    mark?.kind === 'checking' ||
    (mark?.kind === 'not-yet' && state.step >= 3 && state.step <= SETUP_STEPS)
  );
}

export function enterMove(state: GuidedSetupState): EnterMove {
  if (isBusy(state)) return { kind: 'wait' };
  const check = currentCheck(state);
  const missing = check?.state === 'failed' && check.missing === true;
  switch (state.step) {
    case 1: {
      const chosen = state.profiles?.[state.cursor];
      if (!chosen) return { kind: 'wait' };
      return { kind: 'check', step: 1, choices: { ...state.choices, sourceProfile: chosen.name } };
    }
    case 2: {
      const problem = targetProblem(state.target, state.roleName);
      if (problem) return { kind: 'problem', problem };
      const choices = { ...state.choices, target: state.target.trim(), roleName: state.roleName.trim() };
      const same = choices.target === state.choices.target && choices.roleName === state.choices.roleName;
      if (same && missing && state.user)
        return {
          kind: 'build',
          account: choices.target,
          prefill: { trustAccounts: [state.user.account], requireMfa: true, roleName: choices.roleName },
        };
      return { kind: 'check', step: 2, choices };
    }
    case 3:
      // Failed as missing, or left unchecked (IAM would not simulate): checking again would only
      // say the same, so Enter puts the policy in place. A check that could not be made for
      // another reason (the network) is made again.
      if (missing || check?.state === 'unchecked') return { kind: 'trusted-side', step: 3 };
      return { kind: 'check', step: 3, choices: state.choices };
    case 4:
      if (missing) return { kind: 'trusted-side', step: 4 };
      return { kind: 'check', step: 4, choices: state.choices };
    case 5:
      if (missing) return { kind: 'assume' };
      return { kind: 'check', step: 5, choices: state.choices };
    case 6:
      return { kind: 'check', step: 6, choices: state.choices };
    default:
      return { kind: 'shell' };
  }
}

/**
 * Back from a screen opened here (the builder, the trusted side, the MFA form): the step to check
 * again, as that screen may have made its work; none while a check or the assume is under way,
 * or before steps 1 and 2 have a choice to check.
 */
export function stepToCheckOnReturn(state: GuidedSetupState): number | undefined {
  const { step, choices, marks } = state;
  if (state.resuming || state.opening || step > SETUP_STEPS || marks[step - 1]?.kind === 'checking')
    return undefined;
  if (step === 1 && !choices.sourceProfile) return undefined;
  if (step === 2 && !(choices.target && choices.roleName)) return undefined;
  return step;
}

/** What Enter does, in words after "Enter …", and in a word or two for the footer. */
export function enterWords(state: GuidedSetupState): { long: string; short: string } | undefined {
  const move = enterMove(state);
  switch (move.kind) {
    case 'wait':
      return undefined;
    case 'problem':
    case 'check':
      return { long: checkWords(state.step, currentCheck(state)), short: 'check' };
    case 'build':
      return {
        long: `builds the role: the trust-policy builder, filled in (Ctrl-Y there copies its JSON, for an admin of ${move.account})`,
        short: 'build role',
      };
    case 'trusted-side':
      return {
        long:
          move.step === 3
            ? 'opens the role’s trusted side, to put the policy on your user'
            : 'opens the role’s trusted side, to write the profile',
        short: 'trusted side',
      };
    case 'assume':
      return {
        long: 'assumes the role through your profile; the MFA form asks for the code',
        short: 'assume',
      };
    case 'shell':
      return { long: 'opens the shell (exit comes back here)', short: 'shell' };
  }
}

function checkWords(step: number, check: StepCheck | undefined): string {
  if (step === 1) return 'checks who the chosen profile is';
  if (step === 2) return 'looks for the role and judges its trust';
  return check ? 'checks again' : 'checks it';
}
