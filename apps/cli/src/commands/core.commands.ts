import type { Command } from 'commander';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ROLES, UsersService, type Role } from '#libs/identity';
import { DemoSeedService, isRegency } from '#libs/platform';
import { migrate, withApp } from '../context.js';

export function registerCoreCommands(program: Command): void {
  program
    .command('migrate')
    .description('Run pending database migrations')
    .action(async () => {
      const ran = await migrate();
      console.log(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'Database is up to date.');
    });

  program
    .command('user:create')
    .description('Create an account (any role, including admin and curator)')
    .requiredOption('--email <email>')
    .requiredOption('--password <password>', 'at least 10 characters')
    .requiredOption('--name <name>')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'buyer')
    .option('--regency <slug>', "a curator's regency scope")
    .action(async (options: { email: string; password: string; name: string; role: string; regency?: string }) => {
      if (!ROLES.includes(options.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      if (options.regency && !isRegency(options.regency)) throw new Error(`--regency is not a Bali regency: ${options.regency}`);
      await withApp(async (app) => {
        const user = await app.get(UsersService).create({ ...options, roles: [options.role as Role], regency: options.regency ?? null });
        console.log(`Created ${options.role} ${user.email} (${user.id})`);
      });
    });

  program
    .command('seed:demo')
    .description('Load the demo marketplace (idempotent)')
    .action(async () => {
      await withApp(async (app) => {
        const ran = await app.get(DemoSeedService).run();
        console.log(`Demo data loaded (${ran.length} seeders). Accounts (password ${DEMO_PASSWORD}):`);
        for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(10)} ${account.email}`);
      });
    });
}
