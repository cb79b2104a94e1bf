// A form's state as its reducer keeps it, held in the UI store under the form's key, so it
// outlives the screen (see UiState.forms). Changes read the state as it is at that moment, not
// as it was drawn: keys can come faster than React redraws.
import { useUiActions, useUiState } from '../stores/ui-store';

export function useFormState<S>(
  key: string,
): [state: S | undefined, update: (change: (state: S | undefined) => S) => S] {
  const state = useUiState((s) => s.forms[key]) as S | undefined;
  const { updateForm } = useUiActions();
  return [state, (change) => updateForm(key, change)];
}
