/**
 * What the training cell says to the reader (live-region announcements) and the small
 * translations from worker events to what the view draws. Pure functions, so the cell's state
 * class stays about state.
 */
import { BACKEND_LABELS, chooseBackend, parseBackendOverride, type BackendChoice, type ProbeReport } from '../../lib/ml/backends';
import { MODEL_INFO } from '../../lib/ml/model-info';
import type { ModelName } from '../../lib/ml/model-info';
import type { DonePayload, EpochPayload, StartedPayload, StoppedPayload } from '../../lib/workers/protocol';
import { formatSeconds, percent } from './settings';
import type { Estimate } from './types';

/** The badge shows the reason's first part as the backend's name: use the display label. */
export function badgeChoice(model: ModelName, p: StartedPayload): BackendChoice {
  const [, ...why] = p.reason.split(' · ');
  return { kind: MODEL_INFO[model].kind, backend: p.backend, forced: false, reason: [BACKEND_LABELS[p.backend], ...why].join(' · ') };
}

export function epochAnnouncement(e: EpochPayload): string {
  if (!Number.isFinite(e.accuracy)) return `Epoch ${e.epoch} of ${e.epochs} finished: training loss ${e.loss.toFixed(e.loss < 10 ? 4 : 1)}${e.valLoss !== undefined ? `, validation loss ${e.valLoss.toFixed(e.valLoss < 10 ? 4 : 1)}` : ''}.`;
  const val = e.valAccuracy !== undefined ? `, validation accuracy ${percent(e.valAccuracy)}` : '';
  return `Epoch ${e.epoch} of ${e.epochs} finished: training accuracy ${percent(e.accuracy)}${val}.`;
}

export function stoppedAnnouncement(p: StoppedPayload): string {
  return `Training stopped after ${p.examplesSeen.toLocaleString('en-US')} examples. Resume continues from the next batch.`;
}

export function doneAnnouncement(d: DonePayload): string {
  const test = !d.test ? 'Training finished.'
    : d.test.reconstruction !== undefined ? `Test reconstruction: ${d.test.reconstruction.toFixed(1)} nats, KL ${(d.test.kl ?? NaN).toFixed(1)} nats per image.`
    : d.test.psnr !== undefined ? `Test PSNR: ${d.test.psnr.toFixed(1)} dB.` : `Test accuracy: ${percent(d.test.accuracy)}.`;
  return d.examplesSeen === 0 ? `Pretrained weights loaded. ${test}` : `${test} Trained in ${formatSeconds(d.timings.trainMs / 1000)}.`;
}

/** The speed this device measured for the backend this model would train on (?backend= counts); null when unmeasured. */
export function estimateFrom(report: ProbeReport, model: ModelName, search: string): Estimate | null {
  const kind = MODEL_INFO[model].kind;
  const choice = chooseBackend(report, kind, parseBackendOverride(search));
  const eps = report.probes.find((p) => p.backend === choice.backend)?.examplesPerSecond[kind];
  return eps && eps > 0 ? { backend: choice.backend, examplesPerSecond: eps } : null;
}

/** The recovery notice when a backend died mid-run. */
export function recoveryNotice(why: string, next: string, fromEpoch: number | null): string {
  return `${why} (a lost graphics context?). Training continues on ${next.toUpperCase()} from ${fromEpoch ? `epoch ${fromEpoch}` : 'the start'}.`;
}

/** tfjs on a lost GPU context may throw an error naming the context instead of hanging (then the watchdog acts). */
export function isContextLoss(message: string, backend: string | undefined): boolean {
  return /context/i.test(message) && (backend === 'webgl' || backend === 'webgpu');
}
