import { join } from 'node:path';

const { DEMO_PRIVATE_KEY } = await import(join(import.meta.dirname, '../../dist/server/seed/demo-key.js'));
export { DEMO_PRIVATE_KEY };
export const EMBED_ID = 'benchembed001';

/** One chart of 20 rows behind a chart embed, signed with the published demo key. */
export function benchSeed() {
  const rows = Array.from({ length: 20 }, (_, i) => ({ region: ['North', 'South'][i % 2], month: `2025-${String((i % 12) + 1).padStart(2, '0')}`, amount: 100 + i }));
  return {
    workbooks: [
      {
        id: 'benchworkbook',
        title: 'Bench',
        secrets: [{ key: 'k', id: 'benchsecret01', title: 'k', privateKey: DEMO_PRIVATE_KEY }],
        charts: [{ key: 'c', id: 'benchchart001', title: 'c', rows, filters: [{ param: 'region', column: 'region' }] }],
        embeds: [{ id: EMBED_ID, title: 'e', secret: 'k', entry: 'c', publicParamsMode: false }],
      },
    ],
  };
}
