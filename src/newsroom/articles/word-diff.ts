import { diffArrays } from 'diff';

/** One run of a word diff: -1 removed, 0 the same in both, 1 added. */
export type DiffOp = [-1 | 0 | 1, string];

/**
 * How long the diff may search before it shows the changed middle as one
 * replacement: two rewrites of a 10,000-word story must not hold the server
 * (Myers' algorithm is fast for the few edits revisions usually have, and
 * slow only for texts with little in common, where a replacement is what a
 * reader would see anyway).
 */
const SEARCH_MS = 150;

/** Words and the whitespace after them, so joining the pieces gives back the text exactly. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * A word-level diff of two texts (Myers' algorithm from the `diff` package),
 * with neighbouring runs of one kind merged. Common prefix and suffix are cut
 * off first, so a one-word change in a long story costs almost nothing.
 *
 * @example wordDiff('the council met', 'the council voted') // [[0,'the council '],[-1,'met'],[1,'voted']]
 */
export function wordDiff(before: string, after: string): DiffOp[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  const push = (op: -1 | 0 | 1, text: string) => {
    if (text === '') return;
    const last = ops[ops.length - 1];
    if (last && last[0] === op) last[1] += text;
    else ops.push([op, text]);
  };
  push(0, a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const changes = midA.length > 0 && midB.length > 0 ? diffArrays(midA, midB, { timeout: SEARCH_MS }) : undefined;
  if (changes) {
    // Removals first within a changed run, as readers expect "was … now …".
    for (const change of changes) push(change.removed ? -1 : change.added ? 1 : 0, change.value.join(''));
  } else {
    push(-1, midA.join(''));
    push(1, midB.join(''));
  }
  push(0, a.slice(endA).join(''));
  return ops;
}
