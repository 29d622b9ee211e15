/// <reference lib="webworker" />
/**
 * The training worker: tfjs runs here so the page's main thread only draws. ONE message
 * listener for the worker's whole life (a listener per click leaks: see GUIDE.md).
 */
import { configureWasm } from '../ml/register-backends';
import { createTrainingHandler } from './handler';
import { loadDatasetInWorker } from './dataset-source';
import type { WorkerEvent } from './protocol';
import { browserModelStore } from '../ml/model-store';

declare const self: DedicatedWorkerGlobalScope;

const handle = createTrainingHandler({
  post: (event: WorkerEvent) => self.postMessage(event),
  configure: configureWasm,
  loadDataset: loadDatasetInWorker,
  ...(browserModelStore() ? { modelStore: browserModelStore()! } : {}),
});

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  void handle(event.data);
});
