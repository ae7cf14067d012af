import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createServer } from './createServer';
import { declareRestore, openServerDb, readServerMeta } from './openServerDb';

/**
 * `npm run server`: the head-office sync server. PGlite in a data folder by default, so one
 * command runs it with no database installed; DATABASE_URL points it at PostgreSQL instead.
 *
 *   --port 5190  --host 127.0.0.1  --data-dir ~/.local/share/branch-ledger-server
 *   --new-epoch  declare that this database was restored from a backup (clients re-push)
 *   DATABASE_URL=postgres://…            use PostgreSQL
 *   BRANCH_LEDGER_ADMIN_TOKEN=…          the admin token (else one is made and printed once)
 */

const usage = `Usage: npm run server -- [--port 5190] [--host 127.0.0.1] [--data-dir DIR] [--new-epoch]
Environment: DATABASE_URL (use PostgreSQL), BRANCH_LEDGER_ADMIN_TOKEN (admin token, at least 16 characters)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5190' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: join(homedir(), '.local', 'share', 'branch-ledger-server') },
      'new-epoch': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);

  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const opened = await openServerDb(databaseUrl ? { databaseUrl } : { dataDir: values['data-dir'] });
  if (values['new-epoch']) {
    const meta = await declareRestore(opened.db, Date.now());
    logger.warn({ epoch: meta.epoch, restoredFrom: meta.restoredFrom, generation: meta.generation }, 'declared a restore: new epoch, clients will re-push retained ops');
  }

  let adminToken = process.env.BRANCH_LEDGER_ADMIN_TOKEN;
  const generated = !adminToken;
  if (!adminToken) adminToken = randomBytes(24).toString('base64url');

  const app = createServer({ db: opened, clock: Date.now, logger, adminToken });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    // Fastify lets requests in flight finish (a push commits or rolls back whole) before closing.
    app
      .close()
      .then(() => opened.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          logger.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const address = await app.listen({ port, host: values.host });
  const meta = await readServerMeta(opened.db);
  const where = opened.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${values['data-dir']}`;
  // On stdout rather than in the log: these lines are for the person who started the server.
  console.log(`Branch Ledger head-office server listening on ${address}`);
  console.log(`Database: ${where}; epoch ${meta.epoch}`);
  console.log(`Head-office page: ${address}/admin`);
  if (generated) console.log(`Admin token (shown once; set BRANCH_LEDGER_ADMIN_TOKEN to choose your own): ${adminToken}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
