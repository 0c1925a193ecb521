/**
 * Worker-thread entry that parses one order export and posts its batches, packed, to the thread
 * that stores them, so that parsing runs alongside the SQLite writes. At most
 * `PARSE_WORKER_AHEAD` batches are in flight: the worker waits for a `more` message before it
 * parses further, which bounds memory when storing is the slower side.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { toErrorData } from '../errors.ts';
import { packBatch } from './batch-transfer.ts';
import { openOrderExport } from './open-order-export.ts';
import { PARSE_WORKER_AHEAD, type FromParseWorker, type ParseWorkerSetup } from './parse-worker-messages.ts';

if (!parentPort) throw new Error('parse-worker.ts must run in a worker thread');
const port = parentPort;
const setup = workerData as ParseWorkerSetup;

let credits = PARSE_WORKER_AHEAD;
let wake: (() => void) | null = null;
function onMore(): void {
  credits += 1;
  wake?.();
  wake = null;
}
port.on('message', onMore);

function send(message: FromParseWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

async function waitForCredit(): Promise<void> {
  while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credits -= 1;
}

try {
  const reader = await openOrderExport(setup.filePath, { batchSize: setup.batchSize, ...(setup.encoding ? { encoding: setup.encoding } : {}) });
  for await (const batch of reader.batches()) {
    await waitForCredit();
    const { packed, transfer } = packBatch(batch);
    send({ type: 'batch', batch: packed }, transfer);
  }
  send({ type: 'done' });
} catch (error) {
  send({ type: 'error', error: toErrorData(error) });
} finally {
  // The listener is what keeps this thread alive; without it the thread ends once idle.
  port.off('message', onMore);
}
