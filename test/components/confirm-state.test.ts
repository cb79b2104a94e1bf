// The yes/no question before something is lost, as a state machine.
import { describe, expect, it } from 'vitest';
import { confirmStep, type Question } from '../../components/confirm/confirm-state';

const drop: Question<string> = { text: 'Drop prod-admin? …', yes: 'drop', action: 'drop prod-admin' };
const quit: Question<string> = { text: 'Quit? …', yes: 'quit', action: 'quit' };

describe('a yes/no question', () => {
  it('is asked, and yes hands back its action once', () => {
    const asked = confirmStep(undefined, { type: 'ask', question: drop });
    expect(asked).toEqual({ state: drop });
    const yes = confirmStep(asked.state, { type: 'answer', yes: true });
    expect(yes).toEqual({ state: undefined, confirmed: 'drop prod-admin' });
    // A second yes (a key repeated before the redraw) does nothing more.
    expect(confirmStep(yes.state, { type: 'answer', yes: true })).toEqual({ state: undefined });
  });

  it('is put away by no, with nothing to do', () => {
    const asked = confirmStep(undefined, { type: 'ask', question: quit }).state;
    expect(confirmStep(asked, { type: 'answer', yes: false })).toEqual({ state: undefined });
  });

  it('keeps the question on screen when another is asked: a y answers what the person read', () => {
    const asked = confirmStep(undefined, { type: 'ask', question: drop }).state;
    const again = confirmStep(asked, { type: 'ask', question: quit });
    expect(again.state).toBe(drop);
    expect(confirmStep(again.state, { type: 'answer', yes: true }).confirmed).toBe('drop prod-admin');
  });

  it('takes no answer when nothing was asked', () => {
    expect(confirmStep<string>(undefined, { type: 'answer', yes: true })).toEqual({ state: undefined });
  });
});
