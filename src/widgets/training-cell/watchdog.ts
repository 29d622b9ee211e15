/**
 * A lost WebGL context can leave training hanging with no error at all (tfjs waits forever on a
 * GPU fence). The watchdog notices: while a run is under way and the tab is visible, no word
 * from the worker for `stallMs` calls `onStall`. Hidden time never counts — browsers throttle
 * hidden tabs, and the worker keeps training meanwhile; the clock restarts when the tab returns.
 */

/** No word from a running worker for this long (tab visible) means its backend hangs. */
export const STALL_MS = 30_000;

/**
 * Between batches the worker reports every few ms; at an epoch's end it validates and writes a
 * checkpoint, and before the first batch it warms up (shader compilation), saying nothing for a
 * while — seconds on a slow CPU backend. Those quiet phases get this many times the limit.
 */
export const QUIET_PHASE_FACTOR = 4;

export interface WatchdogOptions {
  stallMs: number;
  /** True while the run is in a phase that is quiet by design (see QUIET_PHASE_FACTOR). */
  quiet?: () => boolean;
  /** True while a run should be sending progress. */
  watching: () => boolean;
  onStall: () => void;
  hidden?: () => boolean;
}

export class StallWatchdog {
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = 0;

  constructor(private readonly options: WatchdogOptions) {}

  /** Starts checking (idempotent); the clock starts now. */
  start(): void {
    this.touch();
    if (this.timer) return;
    const every = Math.min(1000, Math.max(100, this.options.stallMs / 5));
    this.timer = setInterval(() => this.check(), every);
  }

  /** The worker said something: it is alive. */
  touch(): void {
    this.last = performance.now();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private check(): void {
    const hidden = this.options.hidden ?? (() => globalThis.document?.hidden ?? false);
    if (!this.options.watching() || hidden()) {
      this.touch();
      return;
    }
    const limit = this.options.stallMs * (this.options.quiet?.() ? QUIET_PHASE_FACTOR : 1);
    if (performance.now() - this.last > limit) {
      this.touch(); // one call per stall, even if onStall does not stop the watchdog
      this.options.onStall();
    }
  }
}
