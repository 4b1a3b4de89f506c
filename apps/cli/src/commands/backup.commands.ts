import type { Command } from 'commander';
import { backup } from '../backup/backup.js';
import { terminalProgress } from '../backup/progress-bar.js';
import { restore } from '../backup/restore.js';
import { services } from '../context.js';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write the database and the local uploads into one archive (.tar.gz), while the shop keeps running')
    .requiredOption('--out <file>', 'the archive to write')
    .action(async (options: { out: string }) => {
      const { config, stop } = await services();
      try {
        const result = await backup(config, options.out, terminalProgress);
        console.log(`Backed up ${result.rows} row(s) and ${result.uploads} uploaded file(s) into ${options.out} (${(result.bytes / 1048576).toFixed(1)} MB).`);
      } finally {
        await stop();
      }
    });

  program
    .command('restore')
    .description('Restore an archive made by backup into an empty installation, then rebuild the search index')
    .argument('<file>', 'the archive made by backup')
    .action(async (file: string) => {
      const { config, stop } = await services();
      try {
        const result = await restore(config, file, terminalProgress);
        console.log(`Restored ${result.rows} row(s) and ${result.uploads} uploaded file(s); ${result.indexed} product(s) searchable.`);
      } finally {
        await stop();
      }
    });
}
