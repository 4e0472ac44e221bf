// The emulator state the corpus runs against (a datalens-mock seed; public keys only).
import { publicPem } from './lib.mjs';

export const ID = {
  workbook: 'dcorpuswb0001',
  secretA: 'dcsecreta0001',
  secretB: 'dcsecretb0001',
  sales: 'dcchartsales1',
  other: 'dcchartother1',
  late: 'dcchartlate01',
  dash: 'dcdashboard01',
  staleDash: 'dcdashstale01',
  chartOpen: 'dcembchart001',
  chartAllow: 'dcembchart002',
  chartDeny: 'dcembchart003',
  chartBadLists: 'dcembchart004',
  chartAllowTypo: 'dcembchart005',
  dashEmbed: 'dcembdash0001',
  staleDashEmbed: 'dcembdash0002',
};

const ROWS = [
  { region: 'North', category: 'A', amount: 10 },
  { region: 'South', category: 'B', amount: 20 },
];

export function corpusSeed(keys) {
  const tab = (id, chartId) => ({ id, title: `Tab ${id}`, items: [{ id: `w-${id}`, type: 'widget', chartId }] });
  return {
    workbooks: [
      {
        id: ID.workbook,
        title: 'Doctor corpus',
        secrets: [
          { key: 'a', id: ID.secretA, title: 'Key A', publicKey: publicPem(keys.embedA) },
          { key: 'b', id: ID.secretB, title: 'Key B', publicKey: publicPem(keys.embedB) },
        ],
        charts: [
          { key: 'sales', id: ID.sales, title: 'Sales', rows: ROWS, filters: [{ param: 'region', column: 'region' }, { param: 'category', column: 'category' }] },
          { key: 'other', id: ID.other, title: 'Other', rows: ROWS, filters: [{ param: 'region', column: 'region' }] },
          { key: 'late', id: ID.late, title: 'Added later', rows: ROWS },
        ],
        dashboards: [
          {
            key: 'dash',
            id: ID.dash,
            title: 'Sales dashboard',
            settings: { globalParams: { region: '', from: '' } },
            tabs: [
              {
                id: 't1',
                title: 'Overview',
                items: [
                  { id: 'sel-region', type: 'control', sourceType: 'manual', param: 'region', options: ['North', 'South'] },
                  { id: 'w-sales', type: 'widget', chartId: 'sales' },
                ],
              },
              tab('t2', 'other'),
            ],
          },
          { key: 'stale', id: ID.staleDash, title: 'Dashboard with a chart added later', tabs: [tab('t1', 'sales'), tab('t2', 'late')] },
        ],
        embeds: [
          { id: ID.chartOpen, title: 'Chart, Enable all', secret: 'a', entry: 'sales', publicParamsMode: false },
          { id: ID.chartAllow, title: 'Chart, Disable all + category', secret: 'a', entry: 'sales', publicParamsMode: true, unsignedParams: ['category'] },
          { id: ID.chartDeny, title: 'Chart, Enable all - region', secret: 'b', entry: 'sales', publicParamsMode: false, privateParams: ['region'] },
          { id: ID.chartBadLists, title: 'Chart, misspelt lists', secret: 'a', entry: 'sales', publicParamsMode: false, privateParams: ['regoin'], unsignedParams: ['category'] },
          { id: ID.chartAllowTypo, title: 'Chart, Disable all + typo', secret: 'a', entry: 'sales', publicParamsMode: true, unsignedParams: ['categry'] },
          { id: ID.dashEmbed, title: 'Dashboard', secret: 'a', entry: 'dash', publicParamsMode: false, settings: { enableExport: true } },
          { id: ID.staleDashEmbed, title: 'Dashboard, outdated depsIds', secret: 'a', entry: 'stale', publicParamsMode: false, depsIds: ['sales'] },
        ],
      },
    ],
  };
}
