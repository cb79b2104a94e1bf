// Each screen declares what it is opened with. The `@ts-expect-error` lines are checked by
// `npm run typecheck`: should a wrong opening start to typecheck, that line fails the check.
import { describe, expect, it } from 'vitest';
import { HOME_SCREEN } from '../../../screens/app/navigation/route-params';
import { SCREENS } from '../../../screens/app/navigation/routes';
import { definitionOf } from '../../../screens/app/navigation/screen-registry';
import { createUiStore } from '../../../screens/app/stores/ui-store';

const ARN = 'arn:aws:iam::111111111111:role/dev/Developer';

function opened() {
  const store = createUiStore(HOME_SCREEN);
  const { open } = store.getState().actions;
  const top = () => store.getState().stack.at(-1);
  return { store, open, top };
}

describe('opening a screen', () => {
  it('puts the screen on top with the parameters it was given, and its title reads them', () => {
    const { open, top } = opened();
    open('roles', { account: '111111111111', name: 'dev' });
    expect(top()).toMatchObject({ screen: 'roles', params: { account: '111111111111', name: 'dev' } });
    open('assume', { account: '111111111111', arn: ARN, andThen: 'shell' });
    const entry = top();
    expect(entry?.screen).toBe('assume');
    if (entry?.screen === 'assume') expect(entry.params.andThen).toBe('shell');
    if (entry) expect(definitionOf(SCREENS, entry).title(entry)).toBe('Assume Developer');
  });

  it('gives a screen opened with nothing an empty set of parameters', () => {
    const { open, top } = opened();
    open('accounts');
    expect(top()).toMatchObject({ screen: 'accounts', params: {} });
  });

  it('does not typecheck with the wrong parameters, or without those a screen needs', () => {
    const { open, store } = opened();
    const wrongOpenings = [
      // @ts-expect-error the roles screen needs its account
      () => open('roles'),
      // @ts-expect-error an account ID is a string
      () => open('roles', { account: 111111111111 }),
      // @ts-expect-error the role screens need the role's ARN
      () => open('role-detail', { account: '111111111111' }),
      // @ts-expect-error after an assume, only a shell can follow
      () => open('assume', { account: '111111111111', arn: ARN, andThen: 'console' }),
      // @ts-expect-error a setting is named by one of the editable settings' keys
      () => open('edit-setting', { key: 'colour' }),
      // @ts-expect-error the accounts screen takes no parameters
      () => open('accounts', { account: '111111111111' }),
      // @ts-expect-error there is no such screen
      () => open('broken'),
      // @ts-expect-error a stack starts from a screen that needs nothing
      () => createUiStore('roles'),
    ];
    // The lines above are for the type checker; none of them is run.
    expect(wrongOpenings).toHaveLength(8);
    expect(store.getState().stack).toHaveLength(1);
  });

  it('hands each screen its own route’s parameters', () => {
    const { open, top } = opened();
    open('session-detail', { id: 'dev-developer' });
    const entry = top();
    if (entry?.screen !== 'session-detail') throw new Error('the session screen is not on top');
    const id: string = entry.params.id;
    expect(id).toBe('dev-developer');
    // @ts-expect-error a session's screen has no ARN to read
    expect(entry.params.arn).toBeUndefined();
  });
});
