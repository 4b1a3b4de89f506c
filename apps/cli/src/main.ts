import { Command } from 'commander';
import { registerBackupCommands } from './commands/backup.commands.js';
import { registerCatalogueCommands } from './commands/catalogue.commands.js';
import { registerCoreCommands } from './commands/core.commands.js';
import { registerSearchCommands } from './commands/search.commands.js';

/** `npm run cli -- <command>`: operator commands. */
const program = new Command('pasar-kerthi').description('Pasar Kerthi operator commands').showHelpAfterError();
registerCoreCommands(program);
registerCatalogueCommands(program);
registerSearchCommands(program);
registerBackupCommands(program);

program.parseAsync(process.argv).then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`Error: ${error.message}\n`);
    process.exit(1);
  },
);
