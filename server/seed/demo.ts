import type { SeedFileInput } from './schema.js';
import { DEMO_PRIVATE_KEY, DEMO_PUBLIC_KEY } from './demo-key.js';

const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
const REGIONS = ['North', 'South', 'East', 'West'];
const CATEGORIES = ['Hardware', 'Software', 'Services'];

/** Deterministic demo sales: the same numbers on every start. */
function salesRows() {
  const rows: { month: string; region: string; category: string; amount: number; orders: number }[] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  MONTHS.forEach((month, m) =>
    REGIONS.forEach((region, r) =>
      CATEGORIES.forEach((category, c) => {
        const base = 900 + 350 * r + 500 * c + 120 * m;
        rows.push({ month, region, category, amount: Math.round(base * (0.8 + rnd() * 0.5)), orders: 5 + Math.round(rnd() * 20) });
      }),
    ),
  );
  return rows;
}

const byFilters = 'WHERE dl_in(region, :region) AND dl_in(category, :category)';

/** Two partner clients' databases: the demo connection sees only client_acme. */
function clientOrders(products: string[], scale: number) {
  return products.flatMap((product, i) =>
    MONTHS.slice(0, 3).map((month, m) => ({ month, product, qty: Math.round(scale * (3 + i * 2 + m)) })),
  );
}

/**
 * The --demo seed: one workbook with a key, five charts, a two-tab dashboard, a partner connector
 * with two client databases and a connection, and five embeds.
 */
export function demoSeed(): SeedFileInput {
  const sales = salesRows();
  const orders = sales.slice(0, 36).map((r, i) => ({ order_id: `ORD-${1001 + i}`, ...r }));
  return {
    datasource: { tables: { sales } },
    partner: {
      connectors: [
        {
          key: 'demo-connector',
          connectorId: 'democonnector',
          title: 'Demo partner connector (the partner key is the published demo key)',
          partnerKeys: [{ version: 1, publicKey: DEMO_PUBLIC_KEY }],
          databases: {
            client_acme: { orders: clientOrders(['Anvils', 'Rockets', 'Magnets'], 10) },
            client_globex: { orders: clientOrders(['Doomsday devices', 'Hammocks'], 7) },
          },
        },
      ],
      connections: [
        { key: 'acme-connection', connectionId: 'democonnacme1', workbook: 'demo', connector: 'demo-connector', dbName: 'client_acme', title: 'ACME (client_acme)' },
      ],
    },
    workbooks: [
      {
        key: 'demo',
        id: 'demoworkbook1',
        title: 'Demo: sales',
        secrets: [{ key: 'demo-key', id: 'demokey000001', title: 'Demo key (published, never use for real data)', privateKey: DEMO_PRIVATE_KEY }],
        charts: [
          {
            key: 'revenue-by-month',
            id: 'demochartline',
            title: 'Revenue by month',
            visualization: 'line',
            sql: `SELECT month, ROUND(SUM(amount)) AS revenue FROM sales ${byFilters} GROUP BY month ORDER BY month`,
          },
          {
            key: 'total-revenue',
            id: 'demochartkpi1',
            title: 'Total revenue',
            visualization: 'indicator',
            sql: `SELECT ROUND(SUM(amount)) AS revenue FROM sales ${byFilters}`,
          },
          {
            key: 'revenue-by-region',
            id: 'demochartbar1',
            title: 'Revenue by region',
            visualization: 'bar',
            sql: `SELECT region, ROUND(SUM(amount)) AS revenue FROM sales ${byFilters} GROUP BY region ORDER BY region`,
          },
          {
            key: 'revenue-by-category',
            id: 'demochartpie1',
            title: 'Revenue by category',
            visualization: 'pie',
            sql: `SELECT category, ROUND(SUM(amount)) AS revenue FROM sales ${byFilters} GROUP BY category ORDER BY category`,
          },
          {
            key: 'orders',
            id: 'demochartrows',
            title: 'Orders',
            visualization: 'table',
            rows: orders,
            filters: [
              { param: 'region', column: 'region' },
              { param: 'category', column: 'category' },
            ],
          },
          {
            key: 'partner-orders',
            id: 'demochartacme',
            title: 'ACME orders by product (partner connection)',
            visualization: 'bar',
            connectionId: 'acme-connection',
            // By structure, as DataLens builds charts on a partner connection (free SQL is off).
            query: { table: 'orders', columns: ['product', { column: 'qty', aggregation: 'sum' }], orderBy: [{ column: 'qty', direction: 'desc' }] },
          },
        ],
        dashboards: [
          {
            key: 'sales-dash',
            id: 'demodashboard',
            title: 'Sales overview',
            settings: { globalParams: { region: '', category: '' } },
            tabs: [
              {
                id: 'overview',
                title: 'Overview',
                items: [
                  { id: 'sel-region', type: 'control', sourceType: 'manual', param: 'region', label: 'Region', options: REGIONS },
                  { id: 'sel-category', type: 'control', sourceType: 'dataset', param: 'category', label: 'Category', chartId: 'orders', column: 'category' },
                  { id: 'w-kpi', type: 'widget', chartId: 'total-revenue' },
                  { id: 'w-line', type: 'widget', chartId: 'revenue-by-month' },
                  { id: 'w-bar', type: 'widget', chartId: 'revenue-by-region' },
                  { id: 'w-pie', type: 'widget', chartId: 'revenue-by-category' },
                ],
              },
              {
                id: 'details',
                title: 'Details',
                items: [
                  { id: 'sel-region-2', type: 'control', sourceType: 'manual', param: 'region', label: 'Region', options: REGIONS },
                  { id: 'w-orders', type: 'widget', chartId: 'orders' },
                ],
              },
            ],
          },
        ],
        embeds: [
          {
            key: 'chart-enable-all',
            id: 'demoembedline',
            title: 'Revenue by month (Enable all)',
            secret: 'demo-key',
            entry: 'revenue-by-month',
            publicParamsMode: false,
            linkParams: { region: 'North' },
          },
          {
            key: 'chart-disable-all',
            id: 'demoembedrows',
            title: 'Orders (Disable all, category enabled, export on)',
            secret: 'demo-key',
            entry: 'orders',
            publicParamsMode: true,
            unsignedParams: ['category'],
            settings: { enableExport: true },
            linkParams: { category: 'Software', region: 'South' },
          },
          {
            key: 'dash',
            id: 'demoembeddash',
            title: 'Sales overview',
            secret: 'demo-key',
            entry: 'sales-dash',
            publicParamsMode: false,
            settings: { enableExport: true },
          },
          {
            key: 'partner-chart',
            id: 'demoembedacme',
            title: 'ACME orders (chart on a partner connection)',
            secret: 'demo-key',
            entry: 'partner-orders',
            publicParamsMode: false,
          },
          {
            key: 'dash-locked',
            id: 'demoembedlock',
            title: 'Sales overview, region signed and locked to North',
            secret: 'demo-key',
            entry: 'sales-dash',
            publicParamsMode: false,
            privateParams: ['region'],
            tokenParams: { region: 'North' },
          },
        ],
      },
    ],
  };
}
