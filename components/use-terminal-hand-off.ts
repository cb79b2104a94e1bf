// The terminal hand-off (src/terminal/hand-off.ts) bound to this ink app's terminal.
import { useApp, useStdin, useStdout } from 'ink';
import { createTerminalHandOff, type TerminalHandOff } from '../src/terminal/hand-off';

// One hand-off per app, whichever screen asks, so its busy guard sees every request. Keyed by
// the app's suspendTerminal, which ink binds once per instance: a screen's own ref would give
// each screen its own guard.
const perApp = new WeakMap<object, TerminalHandOff>();

export function useTerminalHandOff(): TerminalHandOff {
  const { suspendTerminal } = useApp();
  const { stdin } = useStdin();
  const { stdout } = useStdout();
  let handOff = perApp.get(suspendTerminal);
  if (!handOff) {
    handOff = createTerminalHandOff((callback) => suspendTerminal(callback), { stdin, stdout });
    perApp.set(suspendTerminal, handOff);
  }
  return handOff;
}
