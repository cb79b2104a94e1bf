// The walkthrough's check of this terminal's setup, run through the core when its page is first
// shown and again on request (after the AWS files are read again: the person may have just fixed
// them), with `doctor --fix`'s plan for the config file: shown as a diff on request, written only
// when confirmed. Kept in the UI store, so paging away and back does not run it again.
import { useCallback, useEffect } from 'react';
import type { ConfigFixPlan } from '../../src/doctor/config-fixes';
import type { DoctorFinding } from '../../src/doctor/finding';
import { errorText } from '../../src/error-text';

/**
 * The check and the fixes, loaded when first asked for: they bring the IAM client, which the
 * interface's first frame does without.
 */
const setupCheck = () => import('../../src/tour/setup-check');

import { useCore } from '../app/stores/core-context';
import { useUiActions, useUiState } from '../app/stores/ui-store';

/** Where the fixes are: offered, their diff shown, being written, or refused with why. */
export type FixStep = 'offered' | 'shown' | 'writing' | { failed: string };

export type SetupCheck =
  | { state: 'running'; round: number }
  | { state: 'done'; round: number; findings: DoctorFinding[]; plan: ConfigFixPlan; fix: FixStep }
  | { state: 'failed'; round: number; message: string };

const FORM = 'tour:check';
/** What the last fixes wrote, and where the file as it was is: kept on the page until r. */
const WRITTEN = 'tour:fixes-written';

export interface SetupCheckActions {
  check: SetupCheck | undefined;
  /** "Wrote 1 fix to …; the file as it was is at …", after y, until the next r. */
  written: string | undefined;
  runAgain(): void;
  /** Shows the fixes' diff, or hides it (nothing written). */
  showFixes(shown: boolean): void;
  /** Writes the fixes shown, then checks again. */
  writeFixes(): void;
}

export function useSetupCheck(
  /** Whether its page is shown: the check first runs then. */
  shown: boolean,
): SetupCheckActions {
  const core = useCore();
  const { updateForm, say } = useUiActions();
  const check = useUiState((s) => s.forms[FORM] as SetupCheck | undefined);
  const written = useUiState((s) => s.forms[WRITTEN] as string | undefined);
  const update = useCallback(
    (change: (now: SetupCheck | undefined) => SetupCheck | undefined) =>
      updateForm<SetupCheck | undefined>(FORM, change),
    [updateForm],
  );
  const run = useCallback(
    (again: boolean) => {
      const started = update((s) => ({ state: 'running', round: (s?.round ?? 0) + 1 }));
      const round = started?.round ?? 0;
      if (again) core.reload();
      // Only the latest run's answer is shown: an older one that comes late is dropped.
      const settle = (next: SetupCheck) => update((s) => (s?.round === round ? next : s));
      setupCheck()
        .then(async ({ checkSetup, planSetupFixes }) => {
          const findings = await checkSetup({
            env: core.env,
            profiles: core.profiles,
            clients: core.clients,
            clock: core.clock,
            rules: core.assuming.rules,
          });
          return { findings, plan: await planSetupFixes(core.env) };
        })
        .then(
          ({ findings, plan }) => settle({ state: 'done', round, findings, plan, fix: 'offered' }),
          (error: unknown) =>
            settle({
              state: 'failed',
              round,
              message: errorText(error),
            }),
        );
    },
    [core, update],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once, when the page is first shown
  useEffect(() => {
    if (shown && !check) run(false);
  }, [shown]);

  const withFix = (fix: FixStep) => update((s) => (s?.state === 'done' ? { ...s, fix } : s));
  return {
    check,
    written,
    runAgain: () => {
      updateForm<string | undefined>(WRITTEN, () => undefined);
      run(true);
    },
    showFixes: (show) => withFix(show ? 'shown' : 'offered'),
    writeFixes: () => {
      // From the store, not this render: y can come twice before a redraw.
      const current = update((s) => s);
      const now = current?.state === 'done' ? current : undefined;
      if (!now?.plan.edit || now.fix !== 'shown') return;
      withFix('writing');
      const { plan } = now;
      void setupCheck()
        .then(({ writeSetupFixes }) => writeSetupFixes(plan, core.clock))
        .then((written) => {
          if (!written.ok) {
            withFix({ failed: written.message });
            return;
          }
          const count = `${plan.fixed.length} fix${plan.fixed.length === 1 ? '' : 'es'}`;
          const text = `Wrote ${count} to ${written.path}${written.backup ? `; the file as it was is at ${written.backup}` : ''}.`;
          // On the page too: the status line is the next retry's or message's.
          updateForm<string | undefined>(WRITTEN, () => text);
          say({ tone: 'info', text });
          // The check again, on the file as it is now.
          run(true);
        })
        .catch((error: unknown) => withFix({ failed: errorText(error) }));
    },
  };
}
