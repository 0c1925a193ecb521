/**
 * Ranking metrics for one target per user under three protocols: sampled-100 (the target against
 * 100 items the user never interacted with, drawn uniformly), full ranking with the user's
 * earlier items removed, and full ranking over every item. Ties are broken at random (seeded):
 * each item scoring exactly the target's score is placed ahead of it with probability 1/2.
 */
import { SeededRandom } from '../../../src-main/core/sequential/random.ts';
import type { EvaluationCase } from './data.ts';

export const PROTOCOLS = ['sampled100', 'full', 'fullUnfiltered'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface MetricSums {
  users: number;
  hr10: Record<Protocol, number>;
  ndcg10: Record<Protocol, number>;
}

export function emptySums(): MetricSums {
  const zero = (): Record<Protocol, number> => ({ sampled100: 0, full: 0, fullUnfiltered: 0 });
  return { users: 0, hr10: zero(), ndcg10: zero() };
}

/** Adds one user's ranks to `sums`; `scores` covers every item. */
export function addCase(sums: MetricSums, scores: Float32Array, testCase: EvaluationCase, random: SeededRandom): void {
  const target = scores[testCase.target]!;
  const history = new Set(testCase.history);
  let above = 0;
  let tiesWon = 0;
  let aboveFiltered = 0;
  let tiesWonFiltered = 0;

  for (let item = 0; item < scores.length; item++) {
    if (item === testCase.target) continue;
    const s = scores[item]!;
    const beats = s > target || (s === target && random.next() < 0.5);
    if (!beats) continue;
    if (s > target) above++;
    else tiesWon++;
    if (!history.has(item)) {
      if (s > target) aboveFiltered++;
      else tiesWonFiltered++;
    }
  }
  record(sums, 'fullUnfiltered', above + tiesWon);
  record(sums, 'full', aboveFiltered + tiesWonFiltered);
  record(sums, 'sampled100', sampledRank(scores, target, testCase, random));
  sums.users++;
}

function sampledRank(scores: Float32Array, target: number, testCase: EvaluationCase, random: SeededRandom): number {
  let rank = 0;
  for (let drawn = 0; drawn < 100; ) {
    const item = random.nextInt(scores.length);
    if (testCase.seen.has(item)) continue;
    drawn++;
    const s = scores[item]!;
    if (s > target || (s === target && random.next() < 0.5)) rank++;
  }
  return rank;
}

function record(sums: MetricSums, protocol: Protocol, rank: number): void {
  if (rank >= 10) return;
  sums.hr10[protocol] += 1;
  sums.ndcg10[protocol] += 1 / Math.log2(rank + 2);
}

export function averages(sums: MetricSums): Record<string, number> {
  const out: Record<string, number> = {};
  for (const protocol of PROTOCOLS) {
    out[`${protocol}.hr10`] = sums.hr10[protocol] / sums.users;
    out[`${protocol}.ndcg10`] = sums.ndcg10[protocol] / sums.users;
  }
  return out;
}
