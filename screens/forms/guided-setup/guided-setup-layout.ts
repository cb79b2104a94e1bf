// How the guided setup fits the rows it has. Roomy: each step with its words under it and the
// step's explanation. Lines: a step a line. Compact, in a short window: the six steps as one line
// ("✓›···· step 2 of 6: …") and every other row for the current step's part. Whatever the mode,
// the step's inputs (step 1's profiles, step 2's fields) stay in view, and its words (what the
// check said, what to do, what Enter does) scroll when they are taller than what is left. Pure:
// rows are counted the way ink wraps them.

import { type VisibleWindow, visibleWindow } from '../../../components/visible-window';
import { wrappedRows } from '../../../components/wrapped-rows';
import { SETUP_STEPS, STEP_TITLES, type StepCheck } from '../../../src/guided-setup/setup-step';
import { clampOffset, type PageRow, type Paragraph, pageRows } from '../../tour/page-rows';
import { ALL_DONE, currentCheck, type GuidedSetupState } from './guided-setup-state';

export const SETUP_TITLE = 'From who you are to a shell in a role of another account, in six steps';

/** From this many rows, each step's words go on lines of their own, with the step's explanation. */
const ROOMY_ROWS = 32;
/** Below this many rows the steps take one line between them. */
const COMPACT_ROWS = 20;
/** A mode is taken only when it leaves the step's part at least this many rows. */
const MIN_PANEL_ROWS = 7;
/** Rows kept for the words under step 1's list of profiles. */
const MIN_TEXT_ROWS = 2;

export type SetupMode = 'roomy' | 'lines' | 'compact';

export interface SetupLayoutInput {
  state: GuidedSetupState;
  /** The sandbox, or real accounts. */
  scope: string;
  /** What Enter does now, in words. */
  enter: string | undefined;
  /** Known accounts for step 2, "333333333333 (prod)". */
  accounts: readonly string[];
  width: number;
  height: number;
  /** The first of the words' rows asked for (the screen's scroll). */
  offset: number;
}

export interface SetupLayout {
  mode: SetupMode;
  /** What is under way, shown with a turning mark above the step's inputs. */
  busy: string | undefined;
  /** Step 1's profiles in view. */
  profiles: VisibleWindow;
  /** The step's words, wrapped: what the check said, what to do, what Enter does. */
  rows: PageRow[];
  /** Rows of them in view, and the first. */
  visible: number;
  offset: number;
  /** Rows of the words below the window: a line says so. */
  more: boolean;
}

export function setupLayout(input: SetupLayoutInput): SetupLayout {
  const { state, height } = input;
  const text = Math.max(10, input.width - 2);
  const modes: SetupMode[] = [
    ...(height >= ROOMY_ROWS ? (['roomy'] as const) : []),
    ...(height >= COMPACT_ROWS ? (['lines'] as const) : []),
  ];
  const mode = modes.find((m) => height - headRows(input, m, text) >= MIN_PANEL_ROWS) ?? 'compact';
  let room = height - headRows(input, mode, text);
  const busy = busyWords(state);
  // The turning mark and a space, then the words, wrapped.
  if (busy) room -= wrappedRows(`⠋ ${busy}`, text);
  if (mode !== 'compact' && !state.resuming && state.step !== ALL_DONE)
    room -= wrappedRows(`Step ${state.step}: ${STEP_TITLES[state.step - 1]}`, text);
  const rows = pageRows(panelParagraphs(input, mode), text);
  let profiles: VisibleWindow = { start: 0, end: 0 };
  if (!state.resuming && state.step === 1 && state.profiles?.length) {
    // The words get what they need up to half the room: the cursor's profile is always in view.
    const words = Math.min(rows.length, Math.max(MIN_TEXT_ROWS, Math.ceil(room / 2)));
    const shown = Math.min(state.profiles.length, Math.max(1, room - words));
    profiles = visibleWindow(state.profiles.length, state.cursor, shown);
    room -= profiles.end - profiles.start;
  }
  if (!state.resuming && state.step === 2)
    room -=
      wrappedRows(`› Account ID ${state.target || '12 digits'}`, text) +
      wrappedRows(`› Role name  ${state.roleName || 'Onboarding'}`, text);
  const fits = rows.length <= Math.max(1, room);
  const visible = Math.max(1, fits ? room : room - 1);
  const offset = clampOffset(input.offset, rows.length, visible);
  return { mode, busy, profiles, rows, visible, offset, more: offset + visible < rows.length };
}

/** What runs now, in words, when something does. */
export function busyWords(state: GuidedSetupState): string | undefined {
  if (state.resuming) return 'Checking the steps done before, in order…';
  if (state.opening) return state.opening;
  const mark = state.marks[state.step - 1];
  if (mark?.kind !== 'checking') return undefined;
  return mark.doing ?? `Checking step ${state.step}: ${CHECKING[state.step - 1] ?? 'asking AWS'}…`;
}

/** What each step's check asks AWS, while it does. */
const CHECKING = [
  'asking AWS who the profile is (GetCallerIdentity)',
  'looking for the role and reading its trust (GetRole)',
  'simulating your policies for sts:AssumeRole (SimulatePrincipalPolicy)',
  'reading your AWS config and your MFA devices',
  'looking for a live session of the role',
  'running aws sts get-caller-identity in the shell’s environment',
] as const;

function headRows(input: SetupLayoutInput, mode: SetupMode, text: number): number {
  const { state, scope } = input;
  if (mode === 'compact') return 1;
  const notice = state.notice ? wrappedRows(state.notice, text) : 0;
  const title = wrappedRows(SETUP_TITLE, text);
  if (mode === 'lines') return title + 1 + notice + SETUP_STEPS;
  let steps = 0;
  for (let i = 0; i < SETUP_STEPS; i++) {
    const mark = state.marks[i];
    steps += 1;
    if (mark?.kind !== 'checked' || state.step === i + 1) continue;
    steps += wrappedRows(mark.check.words, text - 5);
    if (mark.check.state === 'ok')
      for (const note of mark.check.notes ?? []) steps += wrappedRows(`! ${note}`, text - 5);
  }
  // A blank row above the steps and one above the step's part.
  return title + wrappedRows(scope, text) + notice + 1 + steps + 1;
}

function panelParagraphs(input: SetupLayoutInput, mode: SetupMode): Paragraph[] {
  const { state, enter, accounts } = input;
  const tight = mode !== 'roomy';
  const out: Paragraph[] = [];
  const add = (p: Paragraph) => out.push({ tight, ...p });
  if (state.step === ALL_DONE)
    add({
      text: `All ${SETUP_STEPS} steps done: profile ${state.choices.profile} assumes ${state.choices.roleName} in ${state.choices.target} with your MFA code, and its shell is the role.`,
      tone: 'ok',
    });
  else if (!state.resuming) {
    if (mode === 'roomy') add({ text: STEP_HELP[state.step - 1] ?? '' });
    if (state.step === 1 && !state.profiles)
      add({ text: 'Asking AWS whose keys each profile holds…', dim: true });
    if (state.step === 1 && state.profiles?.length === 0)
      add({
        text: 'No profile has keys of its own: put your access keys in your credentials file (aws configure), then come back.',
        tone: 'warning',
      });
    if (state.step === 2 && state.problem) add({ text: state.problem, tone: 'error' });
    const check = currentCheck(state);
    if (check) for (const p of checkParagraphs(check)) add(p);
  }
  if (enter && !state.resuming) add({ text: `Enter ${enter}.`, dim: true });
  if (!state.resuming && state.step === 2 && accounts.length > 0)
    add({ text: `Your accounts: ${accounts.join(', ')}`, dim: true });
  if (mode === 'compact') {
    if (state.notice) add({ text: state.notice, tone: 'warning' });
    add({ text: input.scope, dim: true });
  }
  // The first paragraph follows the inputs (or the step's title) directly.
  if (out[0]) out[0] = { ...out[0], tight: true };
  return out;
}

function checkParagraphs(check: StepCheck): Paragraph[] {
  if (check.state === 'ok')
    return [
      { text: `✓ ${check.words}`, tone: 'ok' },
      ...(check.notes ?? []).map((note): Paragraph => ({ text: `! ${note}`, tone: 'warning', tight: true })),
    ];
  if (check.state === 'unchecked') return [{ text: `? ${check.words}`, tone: 'warning' }];
  if (notMadeYet(check)) return [{ text: check.words }, { text: `Next: ${check.fix}`, tight: true }];
  return [
    { text: `✗ ${check.words}`, tone: 'error' },
    { text: `What to do: ${check.fix}`, tight: true },
  ];
}

/**
 * A step whose own check found its work not done yet (no role, no profile, no session): on a
 * first walk that is the next thing to do, not a failure, so it is not marked ✗ in red. A
 * refused assume sending the person back (backTo) is a failure, and is.
 */
export function notMadeYet(check: StepCheck): boolean {
  return check.state === 'failed' && check.missing === true && check.backTo === undefined;
}

/** What each step is, in plain words. */
const STEP_HELP = [
  'The profile with your own access keys: an IAM user in the account where your user lives. rolecall asks AWS who each one is (GetCallerIdentity).',
  'The account to work in, and a role there that trusts your account, with an MFA code required. rolecall looks for it (GetRole) and judges its trust policy; when there is none, Enter opens the trust-policy builder filled in, then shows every IAM call before it is made.',
  'In your own account, a policy that allows you sts:AssumeRole on the role: without it AWS refuses the assume whatever the role’s trust says. Checked with SimulatePrincipalPolicy; the role’s trusted side puts it on your user (PutUserPolicy), shown before it is made.',
  'A profile in your AWS config that assumes the role from your keys, with your MFA device (role_arn, source_profile, mfa_serial). The trusted side writes it, shown as a diff first, with a backup of the file.',
  'Assume the role through the new profile: the MFA form asks for your code. The session then counts down on the dashboard.',
  'A shell with the session’s credentials: rolecall runs aws sts get-caller-identity with exactly that shell’s environment, and it must answer the role.',
] as const;
