// Which rows of a long list fit on screen, keeping the cursor in view.

export interface VisibleWindow {
  start: number;
  end: number;
}

/** Rows [start, end) to draw for `total` rows, `height` of them visible, the cursor kept centred-ish. */
export function visibleWindow(total: number, cursor: number, height: number): VisibleWindow {
  const size = Math.max(1, height);
  if (total <= size) return { start: 0, end: total };
  const start = Math.min(Math.max(0, cursor - Math.floor(size / 2)), total - size);
  return { start, end: start + size };
}
