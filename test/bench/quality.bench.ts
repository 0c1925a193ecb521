/**
 * Recommendation quality on public Amazon data: popularity, item-kNN, EASE and the sequential
 * transformer, leave-one-out, HR@10 and NDCG@10 under sampled-100 and full ranking, beside
 * published figures. Usage:
 *   npm run bench -- quality [--data games|beauty|sports|toys|retail] [--epochs N] [--lr X] [--blocks N]
 *                            [--dropout X] [--negatives N] [--per-history | --per-batch] [--batch-weights]
 *                            [--full-softmax] [--patience N [--refit]] [--sequential-only]
 *                            [--quick] [--json] [--workspace DIR] [--months N]
 * --patience N keeps each user's second to last item out of training for validation (the
 * SASRec paper's protocol). That item is scored after every epoch for 3,000 users drawn with a
 * fixed seed. Training stops after N epochs without a better validation NDCG@10, and the test
 * uses the best epoch's weights, so --epochs becomes an upper bound.
 * --refit then trains once more from the start for the best epoch count on every item but the
 * test item (validation items included) and reports that model as `sequential-refit`.
 * --per-history draws the sampled negatives for each customer history instead of once per batch
 * (--per-batch forces one draw per batch for retail, whose product default draws per history).
 * --batch-weights weighs each batch the same in the loss instead of each target.
 * `--data retail` runs the product's own pipeline on the UCI Online Retail sample shop instead
 * (see quality/retail.ts); --workspace reuses a workspace that already holds it.
 * Defaults: Beauty, 5 epochs, EASE on the 2,000 most popular items. --quick evaluates 2,000
 * users and restricts EASE to 1,000 items. All models train on each
 * user's items minus the test item with fixed hyper-parameters (no tuning on validation).
 */
import { selectBackend } from '../../src-main/core/compute/backend.ts';
import { createSequentialScorer, trainSequentialModel, type SerializedWeights } from '../../src-main/core/sequential/index.ts';
import { SeededRandom } from '../../src-main/core/sequential/random.ts';
import { ease, itemKnn, popularity, type Scorer } from './quality/baselines.ts';
import { DATASETS, holdOutValidation, leaveLastOut, loadDataset, type DatasetName, type EvaluationCase } from './quality/data.ts';
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

/** Users whose validation item is scored after each epoch with --patience. */
const VALIDATION_USERS = 3000;

interface Options {
  data: DatasetName | 'retail';
  epochs: number;
  learningRate: number;
  blocks: number;
  dropout: number;
  negatives: number;
  /** Where negatives are drawn; null keeps the default (per batch here, the product's for retail). */
  negativeSharing: 'history' | 'batch' | null;
  batchWeights: boolean;
  fullSoftmax: boolean;
  patience: number | null;
  refit: boolean;
  sequentialOnly: boolean;
  workspace: string | null;
  months: number | null;
  quick: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    data: 'beauty', epochs: 5, learningRate: 1e-3, blocks: 2, dropout: 0.2, negatives: 256, negativeSharing: null, batchWeights: false, fullSoftmax: false, patience: null, refit: false, sequentialOnly: false,
    workspace: null, months: null, quick: false, json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--full-softmax') options.fullSoftmax = true;
    else if (arg === '--per-history') options.negativeSharing = 'history';
    else if (arg === '--per-batch') options.negativeSharing = 'batch';
    else if (arg === '--batch-weights') options.batchWeights = true;
    else if (arg === '--sequential-only') options.sequentialOnly = true;
    else if (arg === '--refit') options.refit = true;
    else if (arg === '--dropout' && Number(argv[i + 1]) >= 0 && Number(argv[i + 1]) < 1) options.dropout = Number(argv[++i]);
    else if (arg === '--negatives' && Number.isInteger(Number(argv[i + 1]))) options.negatives = Number(argv[++i]);
    else if (arg === '--patience' && Number.isInteger(Number(argv[i + 1]))) options.patience = Number(argv[++i]);
    else if (arg === '--data' && argv[i + 1] && (argv[i + 1]! in DATASETS || argv[i + 1] === 'retail')) options.data = argv[++i] as Options['data'];
    else if (arg === '--lr' && Number(argv[i + 1]) > 0) options.learningRate = Number(argv[++i]);
    else if (arg === '--blocks' && Number.isInteger(Number(argv[i + 1]))) options.blocks = Number(argv[++i]);
    else if (arg === '--workspace' && argv[i + 1]) options.workspace = argv[++i]!;
    else if (arg === '--months' && Number.isInteger(Number(argv[i + 1]))) options.months = Number(argv[++i]);
    else if (arg === '--epochs' && Number.isInteger(Number(argv[i + 1]))) options.epochs = Number(argv[++i]);
    else throw new Error(`invalid argument ${arg}; expected --data games|beauty|sports|toys|retail, --epochs N, --lr X, --blocks N, --dropout X, --negatives N, --per-history, --per-batch, --batch-weights, --full-softmax, --patience N, --refit, --sequential-only, --quick, --json, --workspace DIR, --months N`);
  }
  if (options.refit && options.patience === null) throw new Error('--refit needs --patience N, which chooses the epoch count');
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
    const sequential = { epochs: options.epochs, learningRate: options.learningRate, numBlocks: options.blocks, dropout: options.dropout, sampledNegatives: options.negatives,
      ...(options.negativeSharing ? { negativeSharing: options.negativeSharing } : {}), equalTargetWeights: !options.batchWeights };
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
    say(`  ${name.padEnd(16)} done in ${results[name]!.seconds!.toFixed(1)} s`);
  };

  if (!options.sequentialOnly) {
    await timed('popularity', () => evaluate(cases, perUser(popularity(split.train, numItems)), 11));
    await timed('itemknn', () => evaluate(cases, perUser(itemKnn(split.train, numItems)), 11));
    await timed(`ease`, () => evaluate(cases, perUser(ease(split.train, numItems, 50, easeItems)), 11));
  }
  let chosenEpochs = 0;
  await timed('sequential', async () => {
    const { weights, epochs } = await trainForBench(options, split.train, numItems, say);
    chosenEpochs = epochs;
    return { ...(await evaluateSequential(weights, numItems, cases, 11)), epochs };
  });
  if (options.refit) {
    await timed('sequential-refit', async () => {
      const { weights, epochs } = await trainForBench({ ...options, epochs: chosenEpochs, patience: null }, split.train, numItems, say);
      return { ...(await evaluateSequential(weights, numItems, cases, 11)), epochs };
    });
  }

  report(options, results, easeItems);
}

/**
 * Trains the sequential model for the benchmark. With --patience the validation item is held out
 * as well and the weights of the epoch with the best validation NDCG@10 (full ranking, history
 * filtered) are returned.
 */
async function trainForBench(options: Options, train: Int32Array[], numItems: number, say: (line: string) => void): Promise<{ weights: SerializedWeights; epochs: number }> {
  const params = {
    epochs: options.epochs, dropout: options.dropout, maxLength: 50, learningRate: options.learningRate, numBlocks: options.blocks,
    sampledNegatives: options.negatives, negativeSharing: options.negativeSharing ?? 'batch', equalTargetWeights: !options.batchWeights,
    ...(options.fullSoftmax ? { fullSoftmaxMaxItems: Number.MAX_SAFE_INTEGER } : {}),
  };
  const describe = `lr ${options.learningRate}, ${options.blocks} blocks, dropout ${options.dropout}, ${options.fullSoftmax || numItems <= 5000 ? 'full softmax' : `${options.negatives} sampled negatives per ${options.negativeSharing ?? 'batch'}`}`;
  const patience = options.patience;
  if (patience === null) {
    const { weights, history } = await trainSequentialModel({ sequences: train, numItems }, params);
    say(`  sequential: ${history.length} epochs (${describe}), last loss ${history.at(-1)?.loss.toFixed(3)}, ${history.reduce((s, h) => s + h.seconds, 0).toFixed(0)} s training`);
    return { weights, epochs: history.length };
  }

  const held = holdOutValidation({ train, test: [] });
  // Scoring every user after every epoch would cost as much as the epoch; a fixed sample decides.
  const validation = new SeededRandom(5).shuffle([...held.validation]).slice(0, VALIDATION_USERS);
  let best = { ndcg: -1, epoch: 0, weights: null as SerializedWeights | null };
  let trainingSeconds = 0;
  await trainSequentialModel({ sequences: held.train, numItems }, params, {
    onEpoch: async (epoch, loss, weights) => {
      const started = performance.now();
      const metrics = await evaluateSequential(weights, numItems, validation, 13);
      const ndcg = metrics['full.ndcg10']!;
      if (ndcg > best.ndcg) best = { ndcg, epoch, weights };
      say(`  sequential epoch ${String(epoch).padStart(3)}  loss ${loss.toFixed(3)}  validation HR@10 ${metrics['full.hr10']!.toFixed(4)} NDCG@10 ${ndcg.toFixed(4)}  (${((performance.now() - started) / 1000).toFixed(0)} s scoring)`);
      return epoch - best.epoch >= patience ? 'stop' : undefined;
    },
    onProgress: () => undefined,
  }).then(({ history }) => { trainingSeconds = history.reduce((s, h) => s + h.seconds, 0); });
  say(`  sequential: best validation epoch ${best.epoch} of ${options.epochs} at most (${describe}, patience ${patience}), ${trainingSeconds.toFixed(0)} s training`);
  return { weights: best.weights!, epochs: best.epoch };
}

/** Evaluates `weights` on `cases` with a scorer that lives only for this evaluation. */
async function evaluateSequential(weights: SerializedWeights, numItems: number, cases: readonly EvaluationCase[], seed: number): Promise<Record<string, number>> {
  const scorer = await createSequentialScorer(weights);
  try {
    return evaluate(cases, (batch) => split2rows(scorer.scoreBatch(batch.map((c) => c.history)), batch.length, numItems), seed);
  } finally {
    scorer.dispose();
  }
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
  process.stdout.write(`\nHR@10 / NDCG@10 (${options.data}, leave-one-out test, random tie-breaking; EASE lambda 50 on top ${easeItems} items; sequential ${results.sequential?.epochs} epochs, lr ${options.learningRate}, ${options.blocks} blocks, dropout ${options.dropout})\n`);
  process.stdout.write(`${'model'.padEnd(17)}${'sampled-100'.padEnd(18)}${'full, filtered'.padEnd(18)}full, unfiltered\n`);
  for (const [model, m] of Object.entries(results)) {
    const cell = (p: string): string => `${m[`${p}.hr10`]!.toFixed(4)} / ${m[`${p}.ndcg10`]!.toFixed(4)}`.padEnd(18);
    process.stdout.write(`${model.padEnd(17)}${cell('sampled100')}${cell('full')}${cell('fullUnfiltered')}\n`);
  }
  for (const [key, text] of Object.entries(PUBLISHED)) {
    if (key.startsWith(`${options.data}.`)) process.stdout.write(`published ${key}: ${text}\n`);
  }
}

await main();
