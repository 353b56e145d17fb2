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
