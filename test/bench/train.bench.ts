/**
 * Training speed of the sequential transformer: sequences per second per tfjs backend available
 * here, against the PyTorch twin in torch_sasrec.py (same network, batches and loss, CPU) on the
 * same Beauty users. Usage: npm run bench -- train [--users N] [--epochs N] [--threads T] [--json]
 * The plain-JS cpu backend trains on a fifth of the users because it is far slower.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { selectBackend, type BackendName } from '../../src-main/core/compute/backend.ts';
import { trainSequentialModel } from '../../src-main/core/sequential/index.ts';
import { loadDataset } from './quality/data.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BEAUTY = path.resolve(here, '../../../shared/datasets/s3rec-amazon/Beauty.txt');
const PARAMS = { hiddenSize: 64, numBlocks: 2, numHeads: 1, feedForwardSize: 64, maxLength: 50, dropout: 0.2, batchSize: 128, sampledNegatives: 256, fullSoftmaxMaxItems: 5000 };

interface Options {
  users: number;
  epochs: number;
  threads: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { users: 3000, epochs: 1, threads: 1, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (['--users', '--epochs', '--threads'].includes(arg) && Number.isInteger(Number(argv[i + 1]))) {
      options[arg.slice(2) as 'users' | 'epochs' | 'threads'] = Number(argv[++i]);
    } else throw new Error(`invalid argument ${arg}; expected --users N, --epochs N, --threads T, --json`);
  }
  return options;
}

interface Speed {
  sequences: number;
  secondsPerEpoch: number;
  sequencesPerSecond: number;
}

async function ours(backend: BackendName, users: number, epochs: number): Promise<Speed | string> {
  try {
    await selectBackend([backend]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const dataset = loadDataset('beauty');
  const sequences = dataset.sequences.slice(0, users);
  process.stderr.write(`training on ${backend}: ${sequences.length} users\n`);
  const { history } = await trainSequentialModel({ sequences, numItems: dataset.numItems }, { ...PARAMS, epochs });
  return speed(sequences.filter((s) => s.length >= 2).length, history.map((h) => h.seconds));
}

function pytorch(options: Options): Speed | string {
  const run = spawnSync('/usr/bin/python3', [
    path.join(here, 'torch_sasrec.py'), BEAUTY, '--users', String(options.users), '--epochs', String(options.epochs),
    '--threads', String(options.threads), '--negatives', String(PARAMS.sampledNegatives), '--dropout', String(PARAMS.dropout),
  ], { encoding: 'utf8' });
  if (run.status !== 0) return `PyTorch run failed: ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1)}`;
  const epochs = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { seconds: number; sequences: number });
  return speed(epochs[0]!.sequences, epochs.map((e) => e.seconds));
}

function speed(sequences: number, seconds: number[]): Speed {
  const secondsPerEpoch = seconds.reduce((a, b) => a + b, 0) / seconds.length;
  return { sequences, secondsPerEpoch, sequencesPerSecond: sequences / secondsPerEpoch };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const results: Record<string, Speed | string> = {
    pytorch: pytorch(options),
    wasm: await ours('wasm', options.users, options.epochs),
    cpu: await ours('cpu', Math.ceil(options.users / 5), options.epochs),
  };
  for (const backend of ['tensorflow-gpu', 'webgpu', 'tensorflow'] as const) {
    results[backend] = await ours(backend, options.users, options.epochs);
  }

  if (options.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const torch = results.pytorch!;
  process.stdout.write(`Beauty, first ${options.users} users, ${options.epochs} epoch(s), d=64, 2 blocks, batch 128, 256 sampled negatives; PyTorch ${options.threads} thread(s)\n`);
  for (const [name, result] of Object.entries(results)) {
    if (typeof result === 'string') {
      process.stdout.write(`${name.padEnd(15)} not run: ${result.split('\n')[0]}\n`);
      continue;
    }
    const ratio = typeof torch === 'string' ? '' : `  ours/PyTorch speed ${(result.sequencesPerSecond / torch.sequencesPerSecond).toFixed(2)}x`;
    process.stdout.write(`${name.padEnd(15)} ${result.sequences} sequences, ${result.secondsPerEpoch.toFixed(2)} s/epoch, ${result.sequencesPerSecond.toFixed(0)} sequences/s${ratio}\n`);
  }
}

await main();
