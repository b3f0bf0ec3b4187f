/**
 * What the repository's nginx configuration (deploy/nginx/proxy.conf) does to a body too large for
 * the app: the app, not nginx, must refuse it, with the worded 413 the web app can say
 * (`file_too_large` and its limit) rather than nginx's HTML page, which the web app shows as
 * "HTTP 413" in English whatever the reader's language.
 *
 * One built process on the test database behind nginx (scripts/cluster.ts): what is tested is
 * nginx's configuration, which is the same for one process as for several. Needs nginx
 * (`apt-get install nginx`; .ci/run installs it).
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../../../scripts/cluster.js';
import { signInAt } from './test-client.js';

const MB = 1024 * 1024;

describe('a body larger than the app takes, sent through nginx', () => {
  let db: Db;
  let cluster: Cluster;

  beforeAll(async () => {
    const seeded = await seededTestDatabase();
    db = seeded.db;
    cluster = await startCluster({ databaseUrl: seeded.path, processes: 1 });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await db?.destroy();
  });

  it.each([
    ['a little over nginx’s own limit', 17 * MB],
    ['far over it', 40 * MB],
  ])(
    'of %s is refused by the app with its worded 413, not by nginx',
    async (_name, size) => {
      const session = await signInAt(cluster.base, 'admin');
      const mapping = encodeURIComponent(JSON.stringify({}));
      const res = await fetch(
        `${cluster.base}/api/import/preview?year=2024&filename=big.csv&mapping=${mapping}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          },
          body: new Uint8Array(size),
        },
      );
      expect(res.status).toBe(413);
      const text = await res.text();
      expect(text).not.toContain('<html>');
      const body = JSON.parse(text) as { problem?: { code: string; params: Record<string, string> } };
      expect(body.problem).toEqual({ code: 'file_too_large', params: { limit: '10 MB' } });
    },
    60_000,
  );
});
