import { Client } from 'pg';
import { describeWorklists } from '../support/worklists-journey';

const DATABASE_URL = process.env['DATABASE_URL'];
if (!DATABASE_URL) throw new Error('DATABASE_URL is not set: start PostgreSQL with .ci/postgres.sh start (see .ci/run)');

describeWorklists('PostgreSQL read store', async () => {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS read_documents, read_checkpoints, read_poisoned');
  await client.end();
  return { READ_STORE: 'postgres', DATABASE_URL };
});
