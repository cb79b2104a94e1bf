// One of several (an MFA device, a kind of principal): which is picked, as a pure reducer. The
// ends stop the cursor rather than go round, as lists do everywhere in rolecall.

export type ChoiceAction = { type: 'move'; by: number } | { type: 'pick'; index: number };

/** The option picked after an action, among `count` options. */
export function reduceChoice(picked: number, action: ChoiceAction, count: number): number {
  const wanted = action.type === 'move' ? picked + action.by : action.index;
  return Math.min(Math.max(0, wanted), Math.max(0, count - 1));
}

/** The option picked, or undefined when there are none; a stale index falls on the last. */
export function pickedOption<T>(options: readonly T[], picked: number): T | undefined {
  return options[Math.min(Math.max(0, picked), options.length - 1)];
}
