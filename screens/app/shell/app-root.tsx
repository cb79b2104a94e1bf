// The app put together, as every runner (the TUI, tests, benches) starts it: the core and the UI
// store provided to the frame, and the core's live parts tied to the screens.
import { FieldKeysOwner } from '../../../components/field-keys';
import { KeyGateOwner } from '../../../components/key-gate';
import { SCREENS } from '../navigation/routes';
import type { ScreenRegistry } from '../navigation/screen-registry';
import type { Core } from '../stores/core-context';
import { CoreProvider } from '../stores/core-context';
import { type UiStore, UiStoreProvider } from '../stores/ui-store';
import { App } from './app';
import { keepMfaFormUp } from './keep-mfa-form-up';
import { keepSessionsLive } from './keep-sessions-live';
import { retryStatus } from './retry-status';

export function AppRoot({
  core,
  store,
  fullScreen,
  screens = SCREENS,
}: {
  core: Core;
  store: UiStore;
  fullScreen: boolean;
  screens?: ScreenRegistry;
}) {
  return (
    <CoreProvider value={core}>
      <UiStoreProvider value={store}>
        <KeyGateOwner focused={() => store.getState().stack.at(-1)?.id}>
          <FieldKeysOwner>
            <App screens={screens} fullScreen={fullScreen} />
          </FieldKeysOwner>
        </KeyGateOwner>
      </UiStoreProvider>
    </CoreProvider>
  );
}

/**
 * Ties the core to the screens for a run: sessions tick and their news reaches the status line;
 * the MFA form comes to the front whenever a code is wanted; a retried AWS call is said while
 * the SDK waits to try again. Returns the undo.
 */
export function connectCore(core: Core, store: UiStore): () => void {
  const stopSessions = keepSessionsLive(core, store);
  const stopMfaForm = keepMfaFormUp(core, store);
  const stopRetries = core.clients.onRetry(
    retryStatus(
      (status) => store.getState().actions.say(status),
      () => store.getState().status,
    ),
  );
  return () => {
    stopSessions();
    stopMfaForm();
    stopRetries();
  };
}
