// The keys of a question, declared once: the app dispatches them and the footer and help show
// them, while every other key waits (Ctrl-C still quits, handled before any keymap).
import type { KeyBinding } from '../keymap';
import type { Question } from './confirm-state';

export function confirmKeys(question: Question<unknown>, answer: (yes: boolean) => void): KeyBinding[] {
  return [
    {
      keys: ['y'],
      label: question.yes,
      description: `Yes: ${question.yes}`,
      run: () => answer(true),
    },
    {
      keys: ['n', 'escape'],
      hint: 'n/Esc',
      label: 'cancel',
      description: 'No: leave everything as it is',
      run: () => answer(false),
    },
  ];
}
