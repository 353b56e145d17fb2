/**
 * A maximum one-to-one matching between expected items (rows) and given items (columns) where
 * `fits[r][c]` says whether column c may stand for row r. Kuhn's augmenting paths: unlike a
 * greedy first-fit, it never misses a complete matching that exists.
 */
export function maximumMatching(fits: readonly boolean[][], columns: number): Array<number | undefined> {
  const owner: Array<number | undefined> = new Array(columns).fill(undefined);
  const tryRow = (row: number, seen: boolean[]): boolean => {
    for (let c = 0; c < columns; c += 1) {
      if (!fits[row]?.[c] || seen[c]) continue;
      seen[c] = true;
      const current = owner[c];
      if (current === undefined || tryRow(current, seen)) {
        owner[c] = row;
        return true;
      }
    }
    return false;
  };
  fits.forEach((_, row) => tryRow(row, new Array(columns).fill(false)));
  const matchOfRow: Array<number | undefined> = new Array(fits.length).fill(undefined);
  owner.forEach((row, column) => {
    if (row !== undefined) matchOfRow[row] = column;
  });
  return matchOfRow;
}

/**
 * The largest matching that keeps both orders (a longest common subsequence of expected and
 * given items), for agents whose calls must come in sequence: a missing or extra call then
 * leaves the rest aligned, rather than shifting every later pair.
 */
export function orderedMatching(fits: readonly boolean[][], columns: number): Array<number | undefined> {
  const rows = fits.length;
  const best: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  for (let r = rows - 1; r >= 0; r -= 1) {
    for (let c = columns - 1; c >= 0; c -= 1) {
      best[r]![c] = fits[r]?.[c] ? best[r + 1]![c + 1]! + 1 : Math.max(best[r + 1]![c]!, best[r]![c + 1]!);
    }
  }
  const matchOfRow: Array<number | undefined> = new Array(rows).fill(undefined);
  let r = 0;
  let c = 0;
  while (r < rows && c < columns) {
    if (fits[r]?.[c] && best[r]![c] === best[r + 1]![c + 1]! + 1) {
      matchOfRow[r] = c;
      r += 1;
      c += 1;
    } else if (best[r + 1]![c]! >= best[r]![c + 1]!) r += 1;
    else c += 1;
  }
  return matchOfRow;
}
