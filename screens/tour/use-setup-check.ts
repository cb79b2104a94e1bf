// The walkthrough's check of this terminal's setup, run through the core when its page is first
// shown and again on request (after the AWS files are read again: the person may have just fixed
// them). Its answer is kept in the UI store, so paging away and back does not run it again.
import { useCallback, useEffect } from 'react';
import type { DoctorFinding } from '../../src/doctor/finding';
import { checkSetup } from '../../src/tour/setup-check';
import { useCore } from '../app/stores/core-context';
import { useUiActions, useUiState } from '../app/stores/ui-store';

export type SetupCheck =
  | { state: 'running'; round: number }
  | { state: 'done'; round: number; findings: DoctorFinding[] }
  | { state: 'failed'; round: number; message: string };

const FORM = 'tour:check';

export function useSetupCheck(
  /** Whether its page is shown: the check first runs then. */
  shown: boolean,
): { check: SetupCheck | undefined; runAgain(): void } {
  const core = useCore();
  const { updateForm } = useUiActions();
  const check = useUiState((s) => s.forms[FORM] as SetupCheck | undefined);
  const run = useCallback(
    (again: boolean) => {
      const { round } = updateForm<SetupCheck | undefined>(FORM, (s) => ({
        state: 'running',
        round: (s?.round ?? 0) + 1,
      })) as SetupCheck;
      if (again) core.reload();
      // Only the latest run's answer is shown: an older one that comes late is dropped.
      const settle = (next: SetupCheck) =>
        updateForm<SetupCheck | undefined>(FORM, (s) => (s?.round === round ? next : s));
      checkSetup({
        env: core.env,
        profiles: core.profiles,
        clients: core.clients,
        clock: core.clock,
        rules: core.assuming.rules,
      }).then(
        (findings) => settle({ state: 'done', round, findings }),
        (error: unknown) =>
          settle({
            state: 'failed',
            round,
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    },
    [core, updateForm],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once, when the page is first shown
  useEffect(() => {
    if (shown && !check) run(false);
  }, [shown]);
  return { check, runAgain: () => run(true) };
}
