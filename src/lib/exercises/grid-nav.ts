/** Arrow-key movement in a grid of text inputs: up/down always move; left/right only at the text's edge. */
export interface CaretInfo {
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

export function nextCell(index: number, key: string, rows: number, cols: number, caret: CaretInfo): number | null {
  const r = Math.floor(index / cols);
  const c = index % cols;
  switch (key) {
    case 'ArrowUp': return r > 0 ? index - cols : null;
    case 'ArrowDown': return r < rows - 1 ? index + cols : null;
    case 'ArrowLeft': return caret.atStart && c > 0 ? index - 1 : null;
    case 'ArrowRight': return caret.atEnd && c < cols - 1 ? index + 1 : null;
    default: return null;
  }
}
