import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TASK_CELLS, recordSettings } from '../../../src/lib/tasks/cells';
import { TASK_NAMES, type TaskName } from '../../../src/lib/tasks/schema';
import type { ModelRecord } from '../../../src/lib/tasks/record';
import { cellTask, trainRequest } from '../../../src/widgets/training-cell/run-payload';
import { DEFAULT_SETTINGS, type CellSettings } from '../../../src/widgets/training-cell/settings';
import { parseRequest } from '../../../src/lib/workers/protocol';
import type { CellOptions } from '../../../src/widgets/training-cell/types';

// One cell of each task, as a lesson would declare it, with settings away from the defaults so a
// setting that is dropped on the way shows.
const CELLS: Record<TaskName, CellOptions> = {
  classifier: { model: 'dense-784-128-10', dataset: 'fashion-mnist', storeKey: 'cls', baseUrl: '' },
  autoencoder: { model: 'dense-autoencoder', dataset: 'mnist', storeKey: 'ae', baseUrl: '' },
  denoiser: { model: 'conv-autoencoder', dataset: 'mnist', storeKey: 'dn', baseUrl: '', corruption: { kind: 'gaussian', sigma: 0.5 } },
  anomaly: { model: 'dense-autoencoder', dataset: 'mnist', storeKey: 'an', baseUrl: '', anomalyTest: { normal: 100, foreign: 50, corrupted: 50, corruption: { kind: 'salt-pepper', rate: 0.1 } } },
  vae: { model: 'vae-dense', dataset: 'mnist', storeKey: 'vae', baseUrl: '' },
  features: { model: 'softmax-regression', dataset: 'fashion-mnist', storeKey: 'feat', baseUrl: '' },
  superres: { model: 'sr-upsample', dataset: 'mnist', storeKey: 'sr', baseUrl: '' },
};
const SETTINGS: CellSettings = { ...DEFAULT_SETTINGS, dataset: 'mnist', hiddenUnits: 32, bottleneck: 4, latent: 8, beta: 4, noiseKind: 'mask', noiseLevel: 0.3, features: 'cnn-flatten', labelsPerClass: 10, scale: 4 };

describe('training-cell descriptions of the tasks', () => {
  it('every task has one, and each cell above is of the task it stands for', () => {
    expect(Object.keys(TASK_CELLS).sort()).toEqual([...TASK_NAMES].sort());
    for (const task of TASK_NAMES) expect(cellTask(CELLS[task])).toBe(task);
  });

  it('builds requests the worker accepts, carrying the task\'s own settings', () => {
    for (const task of TASK_NAMES) {
      const request = trainRequest(CELLS[task], SETTINGS, 'cp', {}, 'auto');
      const parsed = parseRequest({ type: 'start', payload: { ...request, baseUrl: '' } });
      expect(parsed.ok, `${task}: ${parsed.ok ? '' : parsed.error}`).toBe(true);
      expect(request.task).toBe(task);
    }
    expect(trainRequest(CELLS.denoiser, SETTINGS, 'cp', {}, 'auto')).toMatchObject({ bottleneck: 4, corruption: { kind: 'mask', fraction: 0.3 } });
    expect(trainRequest(CELLS.vae, SETTINGS, 'cp', {}, 'auto')).toMatchObject({ latent: 8, beta: 4 });
  });

  it('reads back from a stored record the settings its run used (a checkpoint continues with them)', () => {
    for (const task of TASK_NAMES) {
      const request = trainRequest(CELLS[task], SETTINGS, 'cp', {}, 'auto');
      const restored = { ...DEFAULT_SETTINGS, ...recordSettings(request as unknown as ModelRecord) };
      for (const control of TASK_CELLS[task].controls(CELLS[task].model)) {
        const keys: (keyof CellSettings)[] = control === 'noise' ? ['noiseKind', 'noiseLevel'] : [control];
        for (const key of keys) expect(restored[key], `${task}: ${key}`).toEqual(SETTINGS[key]);
      }
    }
  });

  it('offers the controls and draws the curves of each task', () => {
    const controls = (task: TaskName) => TASK_CELLS[task].controls(CELLS[task].model);
    expect(controls('classifier')).toEqual(['hiddenUnits']);
    expect(TASK_CELLS.classifier.controls('cnn-64-64-128')).toEqual([]);
    expect(controls('denoiser')).toEqual(['noise', 'bottleneck']);
    expect(controls('vae')).toEqual(['latent', 'beta']);
    expect(controls('features')).toEqual(['features', 'labelsPerClass']);
    expect(TASK_CELLS.features.charts).toBe(TASK_CELLS.classifier.charts);
    // n labelled images of each class, whatever the Training images setting (which the speed probe must not shrink).
    expect(TASK_CELLS.features.trainingExamples?.({ ...SETTINGS, labelsPerClass: 100 })).toBe(1000);
    expect(TASK_NAMES.filter((t) => TASK_CELLS[t].trainingExamples)).toEqual(['features']);
    expect(TASK_CELLS.classifier.charts.map((c) => c.curve)).toEqual(['loss', 'accuracy']);
    expect(TASK_CELLS.vae.charts.map((c) => c.curve)).toEqual(['loss', 'reconstruction', 'kl']);
    expect(TASK_CELLS.anomaly.charts.map((c) => c.title)).toEqual(['Reconstruction error']);
  });

  it('the training cell names no task: what differs per task comes from these descriptions', () => {
    const dir = join(__dirname, '../../../src/widgets/training-cell');
    for (const file of readdirSync(dir)) {
      let text = readFileSync(join(dir, file), 'utf8');
      // cellTask() is the one place a cell's props are turned into a task name.
      text = text.replace(/export function cellTask[\s\S]*?\n}\n/, '');
      expect(text, file).not.toMatch(/\b(task|family)\s*[!=]==|'(classifier|autoencoder|denoiser|anomaly|vae)'/);
    }
  });
});
