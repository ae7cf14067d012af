import { defineConfig } from 'drizzle-kit';

/** Head-office server migrations: `npx drizzle-kit generate --config src-server/drizzle.config.ts`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src-server/db/schema.ts',
  out: './src-server/migrations',
});
