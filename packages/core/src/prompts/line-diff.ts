/** One line of a diff; `oldLine`/`newLine` are 1-based numbers on the side(s) the line exists on. */
export interface DiffLine {
  type: 'equal' | 'added' | 'removed';
  text: string;
  oldLine: number | null;
  newLine: number | null;
}

/** Above this many cells the middle of a diff is shown as replaced whole instead of aligned line by line. */
const maxTableCells = 4_000_000;

/**
 * Line diff of two texts (longest common subsequence after trimming the common start and end).
 * @example diffLines('a\nb', 'a\nc').map((line) => line.type) // ['equal', 'removed', 'added']
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const old = before === '' ? [] : before.split('\n');
  const next = after === '' ? [] : after.split('\n');
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start += 1;
  let endOld = old.length;
  let endNew = next.length;
  while (endOld > start && endNew > start && old[endOld - 1] === next[endNew - 1]) {
    endOld -= 1;
    endNew -= 1;
  }
  const result: DiffLine[] = [];
  const equal = (oldIndex: number, newIndex: number) =>
    result.push({ type: 'equal', text: old[oldIndex] ?? '', oldLine: oldIndex + 1, newLine: newIndex + 1 });
  for (let index = 0; index < start; index++) equal(index, index);
  alignMiddle(old.slice(start, endOld), next.slice(start, endNew), start, result);
  for (let offset = 0; endOld + offset < old.length; offset++) equal(endOld + offset, endNew + offset);
  return result;
}

function alignMiddle(old: string[], next: string[], base: number, result: DiffLine[]): void {
  const removed = (index: number) =>
    result.push({ type: 'removed', text: old[index] ?? '', oldLine: base + index + 1, newLine: null });
  const added = (index: number) =>
    result.push({ type: 'added', text: next[index] ?? '', oldLine: null, newLine: base + index + 1 });
  const rows = old.length;
  const columns = next.length;
  if (rows * columns > maxTableCells || rows === 0 || columns === 0) {
    for (let index = 0; index < rows; index++) removed(index);
    for (let index = 0; index < columns; index++) added(index);
    return;
  }
  // lengths[i * (columns + 1) + j]: LCS length of old[i..] and next[j..]
  const width = columns + 1;
  const lengths = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      lengths[i * width + j] =
        old[i] === next[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < rows && j < columns) {
    if (old[i] === next[j]) {
      result.push({ type: 'equal', text: old[i] ?? '', oldLine: base + i + 1, newLine: base + j + 1 });
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      removed(i++);
    } else {
      added(j++);
    }
  }
  while (i < rows) removed(i++);
  while (j < columns) added(j++);
}

/**
 * A unified diff (`@@ -1,3 +1,4 @@` hunks with `context` unchanged lines around changes), as `git diff`
 * prints it; empty when nothing changed.
 */
export function formatUnifiedDiff(lines: readonly DiffLine[], context = 3): string {
  const changed = lines.flatMap((line, index) => (line.type === 'equal' ? [] : [index]));
  if (changed.length === 0) return '';
  const hunks: [number, number][] = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(lines.length - 1, index + context);
    const last = hunks.at(-1);
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const output: string[] = [];
  for (const [from, to] of hunks) {
    const slice = lines.slice(from, to + 1);
    const oldLines = slice.filter((line) => line.type !== 'added');
    const newLines = slice.filter((line) => line.type !== 'removed');
    const oldStart = oldLines[0]?.oldLine ?? startBefore(lines, from, 'oldLine');
    const newStart = newLines[0]?.newLine ?? startBefore(lines, from, 'newLine');
    output.push(`@@ -${oldStart},${oldLines.length} +${newStart},${newLines.length} @@`);
    for (const line of slice) {
      output.push(`${line.type === 'added' ? '+' : line.type === 'removed' ? '-' : ' '}${line.text}`);
    }
  }
  return output.join('\n');
}

/** For a hunk with no lines on one side, git numbers it by the line before it. */
function startBefore(lines: readonly DiffLine[], from: number, side: 'oldLine' | 'newLine'): number {
  for (let index = from - 1; index >= 0; index--) {
    const number = lines[index]?.[side];
    if (number) return number;
  }
  return 0;
}
