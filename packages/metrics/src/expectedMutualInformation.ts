import { logFactorial } from '@mixkit/linalg';
import type { SparseContingency } from './contingency.js';

/**
 * Expected mutual information of two random labelings with the given class and cluster sizes
 * under the permutation (hypergeometric) model (Vinh, Epps & Bailey 2010, eq. 24a), as
 * scikit-learn's `expected_mutual_information`:
 *
 *   EMI = sum_i sum_j sum_{n_ij} (n_ij/N) log(N n_ij / (a_i b_j)) P(n_ij | a_i, b_j, N),
 *
 * where n_ij runs over max(1, a_i + b_j - N) .. min(a_i, b_j) and the hypergeometric probability
 * is evaluated in log space from a table of ln(k!) (k <= N), so nothing overflows.
 * Costs O(sum_ij min(a_i, b_j)) time and O(N) memory.
 */
export function expectedMutualInformationOf(table: SparseContingency): number {
  const a = table.classSizes;
  const b = table.clusterSizes;
  if (a.length === 1 || b.length === 1) return 0;
  const n = table.nSamples;
  const logFact = Float64Array.from({ length: n + 1 }, (_, k) => logFactorial(k));
  const logN = Math.log(n);
  const logNFact = logFact[n];
  let emi = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    const logAi = Math.log(ai);
    const fixedA = logFact[ai] + logFact[n - ai];
    for (let j = 0; j < b.length; j++) {
      const bj = b[j];
      const logAB = logAi + Math.log(bj);
      const fixed = fixedA + logFact[bj] + logFact[n - bj] - logNFact;
      const start = Math.max(1, ai - n + bj);
      const end = Math.min(ai, bj);
      for (let nij = start; nij <= end; nij++) {
        const logProbability =
          fixed - logFact[nij] - logFact[ai - nij] - logFact[bj - nij] - logFact[n - ai - bj + nij];
        emi += (nij / n) * (logN + Math.log(nij) - logAB) * Math.exp(logProbability);
      }
    }
  }
  return emi;
}
