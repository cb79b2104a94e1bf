// Yes or no (a condition required or not): a pure reducer, for the form that holds it.

export type ToggleAction = { type: 'toggle' } | { type: 'set'; on: boolean };

export function reduceToggle(on: boolean, action: ToggleAction): boolean {
  return action.type === 'toggle' ? !on : action.on;
}
