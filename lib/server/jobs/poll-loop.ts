import 'server-only';

export interface PollLoop {
  /** Run now rather than at the next poll (e.g. right after an approval). */
  wake(): void;
  /** Stops polling and waits for the run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs`, one run at a time; a wake during a run queues exactly one more run.
 * A failing run is logged and the loop carries on: workers must outlive a database or Azure outage.
 */
export function startPollLoop(name: string, intervalMs: number, work: () => Promise<unknown>): PollLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(run, intervalMs);
  };
  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = work()
      .then(
        () => undefined,
        (error: unknown) => console.error(`${name} failed`, error),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        } else schedule();
      });
  }
  run();
  return {
    wake: run,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      while (running) await running;
    },
  };
}
