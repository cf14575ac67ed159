/**
 * Fugard & Potts (2015, doi:10.1080/13645579.2015.1005453): how many sources a study needs so that a
 * theme held by a proportion p of the population is seen at least k times with a given probability
 * (power). Power(n) = P(X ≥ k) with X ~ Binomial(n, p); the sample size is the smallest n reaching
 * the wanted power. METHODS SAT-6: power 0.8, k = 2, p = 0.10 gives n = 29.
 */
import { QuireError } from "@quire/core";

/**
 * P(X ≥ k) for X ~ Binomial(n, p), as 1 − P(X ≤ k − 1). The terms are built by the ratio
 * P(i+1)/P(i) = (n−i)/(i+1) · p/(1−p) from P(0) = (1−p)^n, so no factorial overflows.
 * @throws QuireError `invalid_input` when n or k is not a whole number ≥ 0 or p is outside [0, 1].
 */
export function binomialAtLeast(n: number, k: number, p: number): number {
  if (!Number.isInteger(n) || n < 0)
    throw new QuireError("invalid_input", `n must be a whole number ≥ 0, not ${n}`);
  if (!Number.isInteger(k) || k < 0)
    throw new QuireError("invalid_input", `k must be a whole number ≥ 0, not ${k}`);
  if (!(p >= 0 && p <= 1)) throw new QuireError("invalid_input", `p must be in [0, 1], not ${p}`);
  if (k === 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  let term = (1 - p) ** n;
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, Math.min(1, 1 - below));
}

export interface PowerResult {
  /** The smallest sample size reaching the power. */
  n: number;
  /** The power actually reached at n (≥ the wanted power). */
  achieved: number;
  /** The power at n − 1 (below the wanted power), or null when n = k. */
  previous: number | null;
}

/**
 * The smallest n with P(X ≥ k) ≥ power, X ~ Binomial(n, p), searched upwards from n = k.
 * @throws QuireError `invalid_input` when k is not a whole number ≥ 1, p is not in (0, 1], power
 *   is not in (0, 1), or n would pass `maxN` (default 100,000).
 */
export function fugardPottsSampleSize(
  options: { k: number; p: number; power: number },
  maxN = 100_000,
): PowerResult {
  const { k, p, power } = options;
  if (!Number.isInteger(k) || k < 1)
    throw new QuireError("invalid_input", `k must be a whole number ≥ 1, not ${k}`);
  if (!(p > 0 && p <= 1)) throw new QuireError("invalid_input", `p must be in (0, 1], not ${p}`);
  if (!(power > 0 && power < 1))
    throw new QuireError("invalid_input", `power must be in (0, 1), not ${power}`);
  let previous: number | null = null;
  for (let n = k; n <= maxN; n++) {
    const achieved = binomialAtLeast(n, k, p);
    if (achieved >= power) return { n, achieved, previous };
    previous = achieved;
  }
  throw new QuireError("invalid_input", `no sample size up to ${maxN} reaches power ${power}`);
}
