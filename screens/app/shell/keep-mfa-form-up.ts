// Keeps the MFA screen in front while the core waits for a code, whichever screen was open (an
// auto-refresh can need one at any time, and must never fail silently), and takes it away when
// the code has done its job or the person pressed Esc.
import { MFA_SCREEN } from '../navigation/route-params';
import type { Core } from '../stores/core-context';
import type { UiStore } from '../stores/ui-store';

export function keepMfaFormUp({ mfa }: Pick<Core, 'mfa'>, store: UiStore): () => void {
  const align = () => {
    const { stack, actions } = store.getState();
    const showing = stack.at(-1)?.screen === MFA_SCREEN;
    if (mfa.state.phase === 'asking' && !showing) actions.open(MFA_SCREEN);
    if (mfa.state.phase === 'idle' && showing) actions.back();
  };
  const stopPrompt = mfa.on(align);
  // Screens move too (an assume that ends goes back to the dashboard): a code still being asked
  // for brings its form back in front.
  const stopStore = store.subscribe(() => queueMicrotask(align));
  return () => {
    stopPrompt();
    stopStore();
  };
}
