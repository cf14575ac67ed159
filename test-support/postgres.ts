/**
 * Dropping the PostgreSQL databases tests create. FORCE ends our own stray sessions, but a role
 * without superuser rights may not end an autovacuum worker analysing freshly written tables; a
 * plain DROP asks such workers to stop, so it is tried a few times. A database still left is
 * reported, not failed on: the tests themselves have passed or failed by then.
 */
import pg from "pg";

/** Runs one statement (CREATE or DROP DATABASE) on a connection of its own to the admin URL. */
export async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const drop = (statement: string) => adminQuery(adminUrl, statement);
  try {
    await drop(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  } catch {
    for (let attempt = 0; attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      try {
        await drop(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch {}
    }
  }
  console.warn(`could not drop the test database ${name}: drop it by hand`);
}
