// Vitest hooks for tests of the ClickHouse data source: a real server for the file, and the
// runner of client_a's connection as the `datalens` user.
import { afterAll, beforeAll } from 'vitest';
import { ClickHouseCluster } from '../datasources/clickhouse/cluster.js';
import { ClickHouseRunner } from '../datasources/clickhouse/runner.js';
import { parseTarget } from '../datasources/clickhouse/target.js';
import { CH_USERS, startClickHouse, type TestClickHouse } from './clickhouse.js';

export interface ClickHouseRunnerFixture {
  ch: TestClickHouse;
  /** The cluster as the datalens user (readonly = 2) sees it. */
  cluster: ClickHouseCluster;
  /** client_a's connection. */
  runner: ClickHouseRunner;
}

/** Starts the server before the file's tests and stops it after; read the fields inside tests. */
export function useClickHouseRunner(): ClickHouseRunnerFixture {
  const f = {} as ClickHouseRunnerFixture;
  beforeAll(async () => {
    f.ch = await startClickHouse();
    f.cluster = new ClickHouseCluster(parseTarget({ url: f.ch.url, password: CH_USERS.datalens.password }));
    f.runner = new ClickHouseRunner(f.cluster, 'client_a', 'the test cluster');
  });
  afterAll(async () => {
    await f.cluster?.close();
    await f.ch?.stop();
  });
  return f;
}
