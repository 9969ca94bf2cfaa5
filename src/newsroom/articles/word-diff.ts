/** One run of a word diff: -1 removed, 0 the same in both, 1 added. */
export type DiffOp = [-1 | 0 | 1, string];

/** Above this many words on each side the LCS table would be too big; the diff falls back to whole-text replace. */
const MAX_WORDS = 4000;

/** Words and the whitespace after them, so joining the pieces gives back the text exactly. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * A word-level diff of two texts by longest common subsequence, with
 * neighbouring runs of one kind merged. Common prefix and suffix are cut
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
  if (midA.length > MAX_WORDS || midB.length > MAX_WORDS) {
    push(-1, midA.join(''));
    push(1, midB.join(''));
  } else {
    for (const [op, word] of lcsOps(midA, midB)) push(op, word);
  }
  push(0, a.slice(endA).join(''));
  return ops;
}

function lcsOps(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] = a[i] === b[j] ? (lengths[at(i + 1, j + 1)] as number) + 1 : Math.max(lengths[at(i + 1, j)] as number, lengths[at(i, j + 1)] as number);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push([0, a[i] as string]);
      i++;
      j++;
    } else if ((lengths[at(i + 1, j)] as number) >= (lengths[at(i, j + 1)] as number)) {
      ops.push([-1, a[i++] as string]);
    } else {
      ops.push([1, b[j++] as string]);
    }
  }
  while (i < n) ops.push([-1, a[i++] as string]);
  while (j < m) ops.push([1, b[j++] as string]);
  return ops;
}
