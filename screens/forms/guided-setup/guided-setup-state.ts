// The guided setup as state: the step to do, what each step's last check said, the choices so
// far (kept in settings by the screen on every change), and the inputs of steps 1 and 2. A check
// that passes moves on to the next step; one that fails stays, or goes back to the step whose work
// is missing. Pure.
import type { KeyProfile } from '../../../src/guided-setup/guided-setup';
import { passed, SETUP_STEPS, type SetupChoices, type StepCheck } from '../../../src/guided-setup/setup-step';
import type { SetupProgress } from '../../../src/settings/schema';

/** Past the last step: all six ticked. */
export const ALL_DONE = SETUP_STEPS + 1;

export type StepMark =
  | { kind: 'not-yet' }
  /** A check, or the step's action (the assume), under way: `doing` says which, when not a check. */
  | { kind: 'checking'; doing?: string }
  | { kind: 'checked'; check: StepCheck };

export interface GuidedSetupState {
  /** Checking the saved steps again on opening, before anything can be done. */
  resuming: boolean;
  /** That check has been started (the screen may be drawn again meanwhile). */
  resumeStarted?: boolean;
  /** The step to do, 1 to 6; ALL_DONE when all six are ticked. */
  step: number;
  /** One per step: index 0 is step 1. */
  marks: readonly StepMark[];
  choices: SetupChoices;
  /** Step 1: the profiles with keys of their own, and the one under the cursor. */
  profiles?: readonly KeyProfile[];
  cursor: number;
  /** Step 2: as typed. */
  target: string;
  roleName: string;
  field: 'target' | 'roleName';
  /** Who step 1 found: the account the role must trust. */
  user?: { arn: string; account: string };
  /** Said above the steps: what resuming found (the sandbox started afresh, say). */
  notice?: string;
  /** What step 2's fields say is wrong with them, on Enter. */
  problem?: string;
  /**
   * A screen being made ready to open (the trusted side reads the role's trust first), in words:
   * Enter waits meanwhile. Not a check: the step's last check stays as it was.
   */
  opening?: string;
}

export type GuidedSetupAction =
  | { type: 'resume-started' }
  | { type: 'resumed'; step: number; checks: ReadonlyArray<[number, StepCheck]>; notice?: string }
  | { type: 'profiles'; profiles: readonly KeyProfile[]; suggested?: string }
  | { type: 'move'; by: number }
  | { type: 'typed'; field: 'target' | 'roleName'; text: string }
  | { type: 'switch-field' }
  | { type: 'problem'; problem?: string }
  | { type: 'choose'; choices: SetupChoices }
  | { type: 'checking'; step: number; doing?: string }
  | { type: 'opening'; words: string }
  | { type: 'opened' }
  | {
      type: 'checked';
      step: number;
      check: StepCheck;
      /** Step 4's profile found. */
      profile?: string;
      /** Step 1's user found. */
      user?: { arn: string; account: string };
    };

export function guidedSetup(
  saved: SetupProgress | undefined,
  defaults: { roleName: string },
): GuidedSetupState {
  const { step = 1, ...choices }: Partial<SetupProgress> = saved ?? {};
  return {
    resuming: step > 1,
    step: Math.min(Math.max(1, step), SETUP_STEPS),
    marks: Array.from({ length: SETUP_STEPS }, () => ({ kind: 'not-yet' }) as const),
    choices,
    cursor: 0,
    target: choices.target ?? '',
    roleName: choices.roleName ?? defaults.roleName,
    field: 'target',
  };
}

export function reduceGuidedSetup(state: GuidedSetupState, action: GuidedSetupAction): GuidedSetupState {
  switch (action.type) {
    case 'resume-started':
      return { ...state, resumeStarted: true };
    case 'resumed': {
      const marks = [...state.marks];
      for (const [step, check] of action.checks) marks[step - 1] = { kind: 'checked', check };
      // Resumed before the profile's step: the profile found then is looked for again.
      const choices =
        action.step < state.step && action.step <= 4
          ? withoutUndefined({ ...state.choices, profile: undefined })
          : state.choices;
      return {
        ...state,
        resuming: false,
        step: action.step,
        choices,
        marks,
        ...(action.notice ? { notice: action.notice } : {}),
      };
    }
    case 'profiles': {
      const chosen = state.choices.sourceProfile ?? action.suggested;
      const at = action.profiles.findIndex((p) => p.name === chosen);
      return { ...state, profiles: action.profiles, cursor: Math.max(0, at) };
    }
    case 'move': {
      const count = state.profiles?.length ?? 0;
      if (count === 0) return state;
      return { ...state, cursor: (state.cursor + action.by + count) % count };
    }
    case 'typed':
      return { ...state, [action.field]: action.text, problem: undefined };
    case 'switch-field':
      return { ...state, field: state.field === 'target' ? 'roleName' : 'target' };
    case 'problem':
      return { ...state, problem: action.problem };
    case 'choose': {
      const choices = { ...state.choices, ...action.choices };
      // A new person, account or role makes every later step's tick stale.
      const from = changedFrom(state.choices, choices);
      if (from === undefined) return { ...state, choices };
      const marks = state.marks.map((mark, i) => (i + 1 >= from ? ({ kind: 'not-yet' } as const) : mark));
      const kept = from <= 2 ? { ...choices, profile: undefined } : choices;
      return { ...state, choices: withoutUndefined(kept), marks, step: Math.min(state.step, from) };
    }
    case 'checking':
      return {
        ...state,
        marks: markAt(state.marks, action.step, {
          kind: 'checking',
          ...(action.doing ? { doing: action.doing } : {}),
        }),
      };
    case 'opening':
      return { ...state, opening: action.words };
    case 'opened': {
      const { opening: _done, ...rest } = state;
      return rest;
    }
    case 'checked': {
      let marks = markAt(state.marks, action.step, { kind: 'checked', check: action.check });
      const choices = action.profile ? { ...state.choices, profile: action.profile } : state.choices;
      const found = action.user ? { ...state, user: action.user } : state;
      // A check of an earlier step (made again) moves nothing on; the current step's does. Once
      // all are done, step 6's check made again (the session gone?) counts as the current one.
      const current = state.step === ALL_DONE ? SETUP_STEPS : state.step;
      if (action.step !== current) return { ...found, marks, choices };
      if (passed(action.check)) return { ...found, marks, choices, step: action.step + 1 };
      const back = action.check.state === 'failed' ? action.check.backTo : undefined;
      if (back && back < action.step) {
        // The step whose work is missing carries the words, and the steps after it wait.
        marks = marks.map((mark, i) =>
          i + 1 === back
            ? { kind: 'checked', check: action.check }
            : i + 1 > back
              ? { kind: 'not-yet' }
              : mark,
        );
        return { ...found, marks, choices, step: back };
      }
      return { ...found, marks, choices };
    }
  }
}

/** A check's outcome as an action, with what it found besides its verdict: step 1's user, step 4's profile. */
export function checkedAction(
  step: number,
  check: StepCheck & { identity?: { arn: string; account: string }; profile?: string },
): GuidedSetupAction {
  const { identity, profile } = check;
  return {
    type: 'checked',
    step,
    check,
    ...(identity ? { user: { arn: identity.arn, account: identity.account } } : {}),
    ...(profile ? { profile } : {}),
  };
}

/** What to keep in settings: the step to do (the last, once all are done) and the choices. */
export function progressOf(state: GuidedSetupState): SetupProgress {
  return { step: Math.min(state.step, SETUP_STEPS), ...withoutUndefined(state.choices) };
}

/** The current step's last check, when it has one. */
export function currentCheck(state: GuidedSetupState): StepCheck | undefined {
  const mark = state.marks[state.step - 1];
  return mark?.kind === 'checked' ? mark.check : undefined;
}

/** 12 digits and a role name IAM takes (roleNameType: 1–64 of [\w+=,.@-]). */
export function targetProblem(target: string, roleName: string): string | undefined {
  if (!/^\d{12}$/.test(target.trim())) return 'An account ID is 12 digits.';
  if (!/^[\w+=,.@-]{1,64}$/.test(roleName.trim()))
    return 'A role name is 1 to 64 letters, digits or + = , . @ _ - characters.';
  return undefined;
}

function changedFrom(before: SetupChoices, after: SetupChoices): number | undefined {
  if (before.sourceProfile !== after.sourceProfile) return 1;
  if (before.target !== after.target || before.roleName !== after.roleName) return 2;
  return undefined;
}

function markAt(marks: readonly StepMark[], step: number, mark: StepMark): StepMark[] {
  return marks.map((m, i) => (i + 1 === step ? mark : m));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
