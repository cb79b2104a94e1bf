// Moving between a form's fields, as every form does it: Tab and ↓ to the next, ↑ to the
// previous, round at the ends, so the first field is one key from the last.

/** The field `by` steps from `focus` among `count`, going round at the ends. */
export function moveFocus(focus: number, by: number, count: number): number {
  if (count <= 0) return 0;
  return (((focus + by) % count) + count) % count;
}
