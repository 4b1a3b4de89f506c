import cliProgress from 'cli-progress';
import type { Progress } from './database-dump.js';

/** One progress bar per step on the terminal (`Database [███░░] 60% 1200/2000 rows`). */
export function terminalProgress(step: string): Progress {
  const bar = new cliProgress.SingleBar({ format: `${step.padEnd(8)} [{bar}] {percentage}% {value}/{total} {what} {duration}s` }, cliProgress.Presets.shades_classic);
  return {
    start: (total, what) => bar.start(total, 0, { what }),
    increment: (by) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
