// How many terminal rows text takes once wrapped at a width, measured the way ink wraps it.
import wrapAnsi from 'wrap-ansi';

export function wrappedRows(text: string, width: number): number {
  if (!text) return 1;
  return wrapAnsi(text, Math.max(1, width), { hard: true, trim: false }).split('\n').length;
}
