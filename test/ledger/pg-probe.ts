import { spawnSync } from 'node:child_process';

/** CHRYSALIS_TEST_PG_URL when set and reachable (probed once in a child process, 5 s budget), else undefined + one clear line. */
export function testPgUrl(area: string): string | undefined {
  const url = process.env.CHRYSALIS_TEST_PG_URL;
  let why = '';
  if (!url) why = 'CHRYSALIS_TEST_PG_URL not set';
  else {
    const probe = `const {Client}=require('pg');const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:4000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`;
    if (spawnSync(process.execPath, ['-e', probe, url], { timeout: 5000, cwd: __dirname }).status !== 0)
      why = 'PostgreSQL at CHRYSALIS_TEST_PG_URL unreachable';
  }
  if (why) {
    console.warn(`${why} — skipping PostgreSQL ${area} tests (bash .ci/start-postgres.sh starts one)`);
    return undefined;
  }
  return url;
}
