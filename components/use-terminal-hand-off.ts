// The terminal hand-off (src/terminal/hand-off.ts) bound to this ink app's terminal.
import { useApp, useStdin, useStdout } from 'ink';
import { useRef } from 'react';
import { createTerminalHandOff, type TerminalHandOff } from '../src/terminal/hand-off';

export function useTerminalHandOff(): TerminalHandOff {
  const { suspendTerminal } = useApp();
  const { stdin } = useStdin();
  const { stdout } = useStdout();
  // One hand-off per app, so its busy guard sees every request.
  const handOff = useRef<TerminalHandOff>(undefined);
  handOff.current ??= createTerminalHandOff((callback) => suspendTerminal(callback), { stdin, stdout });
  return handOff.current;
}
