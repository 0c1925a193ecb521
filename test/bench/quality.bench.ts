/**
 * Recommendation quality on public Amazon data: popularity, item-kNN, EASE and the sequential
 * transformer, leave-one-out, HR@10 and NDCG@10 under sampled-100 and full ranking, beside
 * published figures. Usage:
 *   npm run bench -- quality [--data games|beauty|sports|toys|retail] [--epochs N] [--lr X] [--blocks N]
 *                            [--quick] [--json] [--workspace DIR] [--months N]
 * `--data retail` runs the product's own pipeline on the UCI Online Retail sample shop instead
 * (see quality/retail.ts); --workspace reuses a workspace that already holds it.
 * Defaults: Beauty, 5 epochs, EASE on the 2,000 most popular items. --quick evaluates 2,000
 * users and restricts EASE to 1,000 items. All models train on each
 * user's items minus the test item with fixed hyper-parameters (no tuning on validation).
 */
import { selectBackend } from '../../src-main/core/compute/backend.ts';
import { createSequentialScorer, trainSequentialModel } from '../../src-main/core/sequential/index.ts';
import { SeededRandom } from '../../src-main/core/sequential/random.ts';
import { ease, itemKnn, popularity, type Scorer } from './quality/baselines.ts';
import { DATASETS, leaveLastOut, loadDataset, type DatasetName, type EvaluationCase } from './quality/data.ts';
import { addCase, averages, emptySums } from './quality/metrics.ts';
import { printRetail, runRetail } from './quality/retail.ts';

/** Published figures for comparison (see the comment on each source). */
const PUBLISHED: Record<string, string> = {
  // Kang & McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018, Table III.
  'games.sampled100': 'SASRec 0.7410 / 0.5360 (Kang & McAuley 2018)',
  // eSASRec reproducibility README, S3-Rec 5-core splits, full ranking with history filtered.
  'beauty.full': 'SASRec+sampled softmax 0.0921 / 0.0531; BCE SASRec 0.0605 / 0.0318 (eSASRec README)',
  'sports.full': 'SASRec+sampled softmax 0.0569 / 0.0314 (eSASRec README)',
  'toys.full': 'SASRec+sampled softmax 0.0970 / 0.0580 (eSASRec README)',
};

interface Options {
  data: DatasetName | 'retail';
  epochs: number;
  learningRate: number;
  blocks: number;
  workspace: string | null;
  months: number | null;
  quick: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { data: 'beauty', epochs: 5, learningRate: 1e-3, blocks: 2, workspace: null, months: null, quick: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--data' && argv[i + 1] && (argv[i + 1]! in DATASETS || argv[i + 1] === 'retail')) options.data = argv[++i] as Options['data'];
    else if (arg === '--lr' && Number(argv[i + 1]) > 0) options.learningRate = Number(argv[++i]);
    else if (arg === '--blocks' && Number.isInteger(Number(argv[i + 1]))) options.blocks = Number(argv[++i]);
    else if (arg === '--workspace' && argv[i + 1]) options.workspace = argv[++i]!;
    else if (arg === '--months' && Number.isInteger(Number(argv[i + 1]))) options.months = Number(argv[++i]);
    else if (arg === '--epochs' && Number.isInteger(Number(argv[i + 1]))) options.epochs = Number(argv[++i]);
    else throw new Error(`invalid argument ${arg}; expected --data games|beauty|sports|toys|retail, --epochs N, --lr X, --blocks N, --quick, --json, --workspace DIR, --months N`);
  }
  return options;
}

function evaluate(cases: readonly EvaluationCase[], scoreAll: (batch: EvaluationCase[]) => Float32Array[], seed: number): Record<string, number> {
  const sums = emptySums();
  const random = new SeededRandom(seed);
  for (let start = 0; start < cases.length; start += 256) {
    const batch = cases.slice(start, start + 256);
    scoreAll(batch).forEach((scores, i) => addCase(sums, scores, batch[i]!, random));
  }
  return averages(sums);
}

const perUser = (scorer: Scorer) => (batch: EvaluationCase[]) => batch.map((c) => scorer(c.history));

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const backend = await selectBackend();
  if (options.data === 'retail') {
    const say = (line: string): void => void process.stderr.write(`${line}\n`);
    const sequential = { epochs: options.epochs, learningRate: options.learningRate, numBlocks: options.blocks };
    const run = await runRetail({ workspace: options.workspace, months: options.months, sequential, say });
    if (options.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    else printRetail(run, (text) => process.stdout.write(text));
    return;
  }
  const data = options.data;
  const { sequences, numItems, interactions } = loadDataset(data);
  const split = leaveLastOut(sequences);
  const cases = options.quick ? new SeededRandom(3).shuffle([...split.test]).slice(0, 2000) : split.test;
  const easeItems = options.quick ? 1000 : 2000;
  const say = (line: string): void => void (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  say(`${options.data}: ${sequences.length} users, ${numItems} items, ${interactions} interactions; evaluating ${cases.length} users; backend ${backend.name}`);

  const results: Record<string, Record<string, number>> = {};
  const timed = async (name: string, run: () => Promise<Record<string, number>> | Record<string, number>): Promise<void> => {
    const started = performance.now();
    results[name] = { ...(await run()), seconds: (performance.now() - started) / 1000 };
    say(`  ${name.padEnd(11)} done in ${results[name]!.seconds!.toFixed(1)} s`);
  };

  await timed('popularity', () => evaluate(cases, perUser(popularity(split.train, numItems)), 11));
  await timed('itemknn', () => evaluate(cases, perUser(itemKnn(split.train, numItems)), 11));
  await timed(`ease`, () => evaluate(cases, perUser(ease(split.train, numItems, 50, easeItems)), 11));
  await timed('sequential', async () => {
    const { weights, history } = await trainSequentialModel({ sequences: split.train, numItems }, { epochs: options.epochs, dropout: 0.2, maxLength: 50, learningRate: options.learningRate, numBlocks: options.blocks });
    say(`  sequential: ${options.epochs} epochs, last loss ${history.at(-1)?.loss.toFixed(3)}, ${history.reduce((s, h) => s + h.seconds, 0).toFixed(0)} s training`);
    const scorer = await createSequentialScorer(weights);
    try {
      return evaluate(cases, (batch) => split2rows(scorer.scoreBatch(batch.map((c) => c.history)), batch.length, numItems), 11);
    } finally {
      scorer.dispose();
    }
  });

  report(options, results, easeItems);
}

function split2rows(flat: Float32Array, rows: number, width: number): Float32Array[] {
  return Array.from({ length: rows }, (_, r) => flat.subarray(r * width, (r + 1) * width));
}

function report(options: Options, results: Record<string, Record<string, number>>, easeItems: number): void {
  if (options.json) {
    const flat: Record<string, number> = {};
    for (const [model, metrics] of Object.entries(results)) {
      for (const [key, value] of Object.entries(metrics)) flat[`${options.data}.${key}`.replace(`${options.data}.`, `${options.data}.${model}.`)] = value;
    }
    process.stdout.write(`${JSON.stringify({ epochs: options.epochs, quick: options.quick, easeItems, metrics: flat }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`\nHR@10 / NDCG@10 (${options.data}, leave-one-out test, random tie-breaking; EASE lambda 50 on top ${easeItems} items; sequential ${options.epochs} epochs, lr ${options.learningRate}, ${options.blocks} blocks)\n`);
  process.stdout.write(`${'model'.padEnd(12)}${'sampled-100'.padEnd(18)}${'full, filtered'.padEnd(18)}full, unfiltered\n`);
  for (const [model, m] of Object.entries(results)) {
    const cell = (p: string): string => `${m[`${p}.hr10`]!.toFixed(4)} / ${m[`${p}.ndcg10`]!.toFixed(4)}`.padEnd(18);
    process.stdout.write(`${model.padEnd(12)}${cell('sampled100')}${cell('full')}${cell('fullUnfiltered')}\n`);
  }
  for (const [key, text] of Object.entries(PUBLISHED)) {
    if (key.startsWith(`${options.data}.`)) process.stdout.write(`published ${key}: ${text}\n`);
  }
}

await main();
