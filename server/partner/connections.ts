import * as z from 'zod';
import { MockError } from '../errors/catalogue.js';
import { nowIso, pickId, requireWorkbook, type RpcState } from '../rpc/common.js';
import { id } from '../rpc/schemas.js';
import { parseBody } from '../rpc/validate.js';
import type { OpenedAccessToken } from './access-token.js';
import { checkClientNames } from './databases.js';
import { deployTemplate, type DeployedDashboard } from './template.js';
import type { Connection, Connector } from './types.js';

/** `POST /rpc/createConnection`. */
export const createConnectionBody = z
  .object({
    workbookId: id,
    type: z.literal('partner', { message: "only 'partner' connections can be created" }),
    connectorId: id,
    token: z.string({ message: 'must be the access token string' }),
    title: z.string().min(1).max(512).optional(),
    connectionId: id.optional(),
  })
  .strict();

export interface CreatedConnection extends Connection, Partial<DeployedDashboard> {}

export interface BindInput {
  workbookId: string;
  connector: Connector;
  dbName: string;
  title?: string;
  connectionId?: string;
  versions?: Pick<OpenedAccessToken, 'datalensKeyVersion' | 'partnerKeyVersion'>;
}

/**
 * Binds a connection to a client database and deploys the connector's dashboard template on it,
 * in one store transaction (DataLens's partner-connector guide: save the connection, get the dashboard).
 */
export function bindConnection(ctx: RpcState, input: BindInput): CreatedConnection {
  requireWorkbook(ctx, input.workbookId);
  checkClientNames(input.dbName);
  return ctx.store.transaction(() => {
    const connection = ctx.store.partner.createConnection({
      connectionId: pickId(input.connectionId, (i) => !!ctx.store.partner.getConnection(i), 'connectionId'),
      workbookId: input.workbookId,
      connectorId: input.connector.connectorId,
      title: input.title ?? `${input.connector.title}: ${input.dbName}`,
      dbName: input.dbName,
      datalensKeyVersion: input.versions?.datalensKeyVersion ?? null,
      partnerKeyVersion: input.versions?.partnerKeyVersion ?? null,
      createdAt: nowIso(ctx),
    });
    const template = input.connector.dashboardTemplate;
    const deployed = template && deployTemplate(ctx, template, input.workbookId, connection.connectionId);
    return { ...connection, ...deployed };
  });
}

/**
 * The access token names the database (DataLens's partner-connector guide: "This associates the
 * connection with the database whose name is encrypted in the access token").
 */
export async function createConnection(
  ctx: RpcState,
  body: unknown,
  open: (connectorId: string, token: string) => Promise<{ connector: Connector; opened: OpenedAccessToken }>,
): Promise<CreatedConnection> {
  const b = parseBody(createConnectionBody, body, 'createConnection');
  requireWorkbook(ctx, b.workbookId);
  const { connector, opened } = await open(b.connectorId, b.token);
  return bindConnection(ctx, {
    workbookId: b.workbookId,
    connector,
    dbName: opened.dbName,
    title: b.title,
    connectionId: b.connectionId,
    versions: opened,
  });
}

export function requireConnection(ctx: Pick<RpcState, 'store'>, connectionId: string): Connection {
  const c = ctx.store.partner.getConnection(connectionId);
  if (!c) {
    throw new MockError('PARTNER_CONNECTION_NOT_FOUND', {
      field: 'connectionId',
      message: `No partner connection has connectionId ${JSON.stringify(connectionId)}.`,
    });
  }
  return c;
}
