/**
 * The k-th smallest (1-based) of `values[0..count)`, by Hoare's selection on `scratch` (a copy;
 * `values` is left as it is). Expected O(count).
 */
export function kthSmallest(
  values: Float64Array,
  count: number,
  k: number,
  scratch: Float64Array,
): number {
  scratch.set(values.subarray(0, count));
  let left = 0;
  let right = count - 1;
  const target = k - 1;
  while (left < right) {
    const pivot = scratch[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (scratch[i] < pivot) i++;
      while (scratch[j] > pivot) j--;
      if (i <= j) {
        const t = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else break;
  }
  return scratch[target];
}
