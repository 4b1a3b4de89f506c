import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { SearchReindex, SearchSync } from '#libs/search';
import { withApp } from '../context.js';

export function registerSearchCommands(program: Command): void {
  program
    .command('search:reconcile')
    .description('Compare the products in the database with the search index and repair any difference')
    .action(async () => {
      await withApp(async (app) => {
        const report = await app.get(SearchSync).reconcile();
        console.log(`Checked ${report.checked} product(s): ${report.repaired} re-indexed, ${report.removed} removed from the index.`);
      });
    });

  program
    .command('search:reindex')
    .description('Rebuild the products index into a new index and swap it in (no downtime)')
    .action(async () => {
      await withApp(async (app) => {
        const bar = new cliProgress.SingleBar({ format: 'Indexing [{bar}] {percentage}% {value}/{total} products {duration}s' }, cliProgress.Presets.shades_classic);
        const started = Date.now();
        try {
          const { indexed } = await app.get(SearchReindex).run({ start: (total) => bar.start(total, 0), increment: (by) => bar.increment(by) });
          bar.stop();
          console.log(`Indexed ${indexed} product(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; the new index is live.`);
        } finally {
          bar.stop();
        }
      });
    });
}
