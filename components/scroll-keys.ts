// The keys that scroll a window of rows taller than the screen: ↑↓ a row, PgUp/PgDn a page. The
// footer shows only ↑↓; help lists all four.
import type { KeyBinding } from './keymap';

export function scrollKeys(scroll: (by: number) => void, height: number): KeyBinding[] {
  return [
    { keys: ['up'], hint: '↑↓', label: 'scroll', description: 'Scroll up', run: () => scroll(-1) },
    { keys: ['down'], label: 'scroll', description: 'Scroll down', run: () => scroll(1), footer: false },
    {
      keys: ['pageup'],
      label: 'page',
      description: 'Scroll a page up',
      run: () => scroll(-height),
      footer: false,
    },
    {
      keys: ['pagedown'],
      label: 'page',
      description: 'Scroll a page down',
      run: () => scroll(height),
      footer: false,
    },
  ];
}
