// The walkthrough's guided setup: from who you are to a shell in a role of another account, in
// six steps, each checked by calling AWS and ticked only when it worked (src/guided-setup). The
// writes are made by the screens that already make them, each shown with its API calls first:
// the trust-policy builder (filled in) and its create page, the trusted side (the identity policy,
// the config profile), the MFA form, the shell. Progress is kept in settings on every change; on
// opening, the steps before the saved one are checked again and it resumes at the first that fails.
import { useEffect, useRef, useState } from 'react';
import { type KeyBinding, useKeys } from '../components/keymap';
import { TEXT_FIELD_KEYS } from '../components/text-field/text-field';
import { unexpectedFailure } from '../src/guided-setup/call-failure';
import type { GuidedSetup } from '../src/guided-setup/guided-setup';
import { SETUP_STEPS, type SetupChoices } from '../src/guided-setup/setup-step';
import { capital } from '../src/sentence';
import { useAsync } from './app/hooks/use-async';
import { useFormState } from './app/hooks/use-form-state';
import { useSessionShell } from './app/hooks/use-session-actions';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';
import { enterMove, enterWords, isBusy, stepToCheckOnReturn } from './forms/guided-setup/guided-setup-enter';
import { setupLayout } from './forms/guided-setup/guided-setup-layout';
import {
  ALL_DONE,
  checkedAction,
  currentCheck,
  type GuidedSetupAction,
  type GuidedSetupState,
  guidedSetup,
  progressOf,
  reduceGuidedSetup,
} from './forms/guided-setup/guided-setup-state';
import { GuidedSetupView } from './forms/guided-setup/guided-setup-view';
import { prefilledFormKey } from './trust-policy-screen';

/** The role's name unless the person types another. */
const DEFAULT_ROLE_NAME = 'Onboarding';

export function GuidedSetupScreen({ entry, height, width }: ScreenProps<'guided-setup'>) {
  const core = useCore();
  const { open, say, forgetForm } = useUiActions();
  const openShell = useSessionShell();
  // The sandbox's world starts afresh each start: its progress is kept apart from real accounts'.
  const field = core.inProcessSandbox ? 'sandboxSetup' : 'setup';
  // Held in the UI store, so it outlives this screen while the builder, the trusted side or the
  // MFA form is in front (and hears what an assume in flight says when it ends).
  const [kept, update] = useFormState<GuidedSetupState>(`guided-setup:${field}`);
  const saved = useRef(core.settings.read().tour[field]);
  const initial = () => guidedSetup(saved.current, { roleName: DEFAULT_ROLE_NAME });
  const state = kept ?? initial();
  const dispatch = (action: GuidedSetupAction) => update((s) => reduceGuidedSetup(s ?? initial(), action));
  /** Opened again on coming back from a screen opened here: the step is checked again. */
  const [cameBack, setCameBack] = useState(kept !== undefined && !kept.resuming);
  const loaded = useAsync(() => core.guidedSetup(), [core]);
  const setup = loaded.state === 'loaded' ? loaded.value : undefined;
  const accounts = useAsync(() => core.accounts.list(), [core]);
  const latest = useRef(state);
  latest.current = state;
  // What Enter starts may end after the person has left (Esc, or another screen on top): it then
  // opens nothing and says nothing; the reads it makes stop.
  const onTop = useRef(true);
  onTop.current = useUiState((s) => s.stack.at(-1)?.id) === entry.id;
  const here = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    const left = new AbortController();
    here.current = left;
    return () => left.abort();
  }, []);
  const stillHere = (signal: AbortSignal) => !signal.aborted && onTop.current;

  const run = (ready: GuidedSetup, step: number, choices: SetupChoices) => {
    dispatch({ type: 'checking', step });
    void ready.check(step, choices).then((check) => dispatch(checkedAction(step, check)));
  };

  // On opening: the steps before the saved one, checked again in order.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the checks are loaded
  useEffect(() => {
    if (!setup || !latest.current.resuming || latest.current.resumeStarted) return;
    dispatch({ type: 'resume-started' });
    const { step = 1, ...choices } = saved.current ?? {};
    setup
      .resume(step, choices, (at, check) => dispatch(checkedAction(at, check)))
      .then(
        (result) =>
          dispatch({
            type: 'resumed',
            step: result.step,
            checks: [],
            ...(result.step < step ? { notice: resumeNotice(core.inProcessSandbox, result.step, step) } : {}),
          }),
        (error: unknown) => dispatch({ type: 'resumed', step: 1, checks: [[1, unexpectedFailure(error)]] }),
      );
  }, [setup]);

  // Step 1's choice: the profiles with keys of their own.
  // biome-ignore lint/correctness/useExhaustiveDependencies: dispatch writes the store, whichever render made it
  useEffect(() => {
    if (!setup) return;
    let live = true;
    setup.keyProfiles().then(
      ({ profiles, suggested }) =>
        live && dispatch({ type: 'profiles', profiles, ...(suggested ? { suggested } : {}) }),
      (error: unknown) => live && say({ tone: 'error', text: unexpectedFailure(error).words }),
    );
    return () => {
      live = false;
    };
  }, [setup, say]);

  // Kept in settings on every change of step or choice.
  const progress = JSON.stringify(progressOf(state));
  useEffect(() => {
    if (state.resuming) return;
    try {
      const tour = core.settings.read().tour;
      core.settings.update({ tour: { ...tour, [field]: JSON.parse(progress) } });
    } catch (error) {
      say({
        tone: 'error',
        text: `The guided setup’s progress was not kept: ${unexpectedFailure(error).words}`,
      });
    }
  }, [progress, state.resuming, core, field, say]);

  // Steps 3 to 6 are checked as soon as they are the one to do; 1 and 2 wait for a choice.
  const mark = state.marks[state.step - 1];
  useEffect(() => {
    if (!setup || state.resuming || state.step < 3 || state.step > SETUP_STEPS) return;
    if (mark?.kind === 'not-yet') run(setup, state.step, state.choices);
  });

  // Back from the builder, the trusted side, the MFA form: the step is checked again, unless a
  // check (or the assume) is still under way.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the checks are loaded
  useEffect(() => {
    if (!setup || !cameBack) return;
    setCameBack(false);
    const step = stepToCheckOnReturn(latest.current);
    if (!step) return;
    // The role may have been renamed in the builder before it was created: step 2 follows it.
    const { choices } = latest.current;
    const made = step === 2 && choices.target ? core.roleMaking.lastCreated(choices.target) : undefined;
    if (made && made !== choices.roleName) {
      dispatch({ type: 'typed', field: 'roleName', text: made });
      dispatch({ type: 'choose', choices: { roleName: made } });
      run(setup, step, { ...choices, roleName: made });
      return;
    }
    run(setup, step, choices);
  }, [setup]);

  // Step 2's account: the first of the person's accounts that is not their own.
  const known = accounts.state === 'loaded' ? accounts.value.accounts : [];
  useEffect(() => {
    if (state.step !== 2 || state.target || !state.user) return;
    const other = known.find((a) => a.id !== state.user?.account);
    if (other) dispatch({ type: 'typed', field: 'target', text: other.id });
  });

  const check = currentCheck(state);
  // Until the checks are loaded, and back from a screen until the step's check has started again,
  // Enter would act on what may no longer be so: it waits, and says nothing of what it does.
  const ready = setup !== undefined && !cameBack;
  const busy = isBusy(state) || !ready;
  const enter = ready ? enterWords(state) : undefined;
  const scope = core.inProcessSandbox
    ? 'In the sandbox: you are alice, new here; lead and lead-prod stand in for the admins you would ask. Nothing here touches a real AWS account.'
    : 'On your real AWS accounts: every write is shown with the API calls it makes, and made only when you confirm it.';
  // The step's words scroll when taller than the room left; back at their top for new words.
  const words = `${state.step}:${JSON.stringify(state.marks[state.step - 1])}:${state.problem ?? ''}`;
  const [scroll, setScroll] = useState({ words, offset: 0 });
  const layout = setupLayout({
    state,
    scope,
    enter: enter?.long,
    accounts: known
      .filter((a) => a.id !== state.user?.account)
      .map((a) => (a.alias || a.label ? `${a.id} (${a.label ?? a.alias})` : a.id)),
    width,
    height,
    offset: scroll.words === words ? scroll.offset : 0,
  });
  const scrollBy = (by: number) => setScroll({ words, offset: Math.max(0, layout.offset + by) });
  const scrolls = layout.rows.length > layout.visible;

  const doEnter = () => {
    if (!setup || cameBack) return;
    // The state as it is now, not as last drawn: a second Enter can come before the redraw that
    // says the first is under way.
    const s = update((now) => now ?? initial());
    const move = enterMove(s);
    switch (move.kind) {
      case 'wait':
        return;
      case 'problem':
        return dispatch({ type: 'problem', problem: move.problem });
      case 'check':
        if (move.step <= 2) dispatch({ type: 'choose', choices: move.choices });
        return run(setup, move.step, move.choices);
      case 'build':
        // Filled in afresh on each opening, whatever was typed in the last (see prefilledFormKey).
        forgetForm(prefilledFormKey(move.account));
        return open('trust-policy', { account: move.account, prefill: move.prefill });
      case 'trusted-side': {
        // Reading the role's trust takes a moment (up to the timeouts): said meanwhile, and Enter
        // waits (isBusy).
        const signal = here.current?.signal ?? AbortSignal.abort();
        dispatch({
          type: 'opening',
          words: `Reading role ${s.choices.roleName}’s trust policy in ${s.choices.target} (GetRole), to open its trusted side…`,
        });
        void setup
          .trustedSideOpening(s.choices, signal)
          .catch((error: unknown) => ({ ok: false as const, check: unexpectedFailure(error) }))
          .then((found) => {
            dispatch({ type: 'opened' });
            if (!stillHere(signal)) return;
            if (!found.ok) return dispatch(checkedAction(move.step, found.check));
            if (found.note) say({ tone: 'info', text: found.note });
            open('trusted-side', { roleArn: found.roleArn, trustPolicy: found.trustPolicy });
          });
        return;
      }
      case 'assume':
        // Heard even from under the MFA form it opens: the outcome is the step's, kept in the store.
        dispatch({ type: 'checking', step: 5, doing: 'Assuming the role; the MFA form asks for your code…' });
        void setup
          .assume(s.choices)
          .catch(unexpectedFailure)
          .then((result) => dispatch(checkedAction(5, result)));
        return;
      case 'shell': {
        const session = setup.session(s.choices);
        return session ? openShell(session) : run(setup, SETUP_STEPS, s.choices);
      }
    }
  };

  const bindings: KeyBinding[] = [];
  if (state.step === 1)
    bindings.push(
      {
        keys: ['up'],
        hint: '↑↓',
        label: 'choose',
        description: 'Choose the profile with your own keys',
        run: () => dispatch({ type: 'move', by: -1 }),
      },
      {
        keys: ['down'],
        label: 'down',
        description: 'The next profile',
        footer: false,
        run: () => dispatch({ type: 'move', by: 1 }),
      },
    );
  if (state.step === 2)
    bindings.push(
      {
        keys: ['tab', 'up', 'down'],
        label: 'next field',
        description: 'Between the account and the role name',
        run: () => dispatch({ type: 'switch-field' }),
      },
      ...TEXT_FIELD_KEYS,
    );
  if (scrolls)
    bindings.push(
      ...(state.step > 2
        ? [
            {
              keys: ['up'],
              hint: '↑↓',
              label: 'scroll',
              description: 'Scroll the step’s words up',
              run: () => scrollBy(-1),
            },
            {
              keys: ['down'],
              label: 'scroll',
              description: 'Scroll the step’s words down',
              footer: false,
              run: () => scrollBy(1),
            },
          ]
        : []),
      {
        keys: ['pagedown'],
        hint: 'PgDn',
        label: 'more',
        description: 'Scroll the step’s words down a screenful',
        footer: state.step <= 2 && layout.more,
        run: () => scrollBy(layout.visible),
      },
      {
        keys: ['pageup'],
        label: 'page up',
        description: 'Scroll the step’s words up a screenful',
        footer: false,
        run: () => scrollBy(-layout.visible),
      },
    );
  bindings.push({
    keys: ['enter'],
    label: enter ? enter.short : 'wait',
    description: enter ? capital(enter.long) : 'Nothing while a check runs',
    footer: enter !== undefined,
    // In step 2's fields Enter is the field's, which submits.
    ...(state.step === 2 ? {} : { run: doEnter }),
  });
  if (!busy && state.step > 2 && state.step <= SETUP_STEPS && check)
    bindings.push({
      keys: ['c'],
      label: 'check again',
      description: 'Ask AWS again whether this step is done',
      run: () => setup && run(setup, latest.current.step, latest.current.choices),
    });
  bindings.push({
    keys: [],
    hint: state.step === ALL_DONE ? 'all 6' : `step ${state.step}`,
    label: state.step === ALL_DONE ? 'steps done' : `of ${SETUP_STEPS}`,
    description: 'Where you are in the guided setup',
  });
  useKeys(bindings, { capturesText: state.step === 2 && !busy });

  return (
    <GuidedSetupView
      state={state}
      layout={layout}
      scope={scope}
      height={height}
      onTyped={(f, text) => dispatch({ type: 'typed', field: f, text })}
      onSubmit={doEnter}
    />
  );
}

function resumeNotice(sandbox: boolean, at: number, saved: number): string {
  return sandbox
    ? `The sandbox starts afresh each time rolecall starts: what steps ${at} to ${saved - 1} made last time is gone, so the setup resumes at step ${at}.`
    : `You left at step ${saved}, but step ${at} no longer checks out: it resumes there.`;
}
