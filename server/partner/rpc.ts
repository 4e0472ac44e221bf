import * as z from 'zod';
import type { AppContext } from '../core/context.js';
import { MockError } from '../errors/catalogue.js';
import type { RpcMethod } from '../rpc/common.js';
import { id } from '../rpc/schemas.js';
import { parseBody } from '../rpc/validate.js';
import type { PartnerService } from './service.js';

const connectionRef = z.object({ connectionId: id }).strict();
const workbookRef = z.object({ workbookId: id }).strict();

function partnerOf(ctx: AppContext): PartnerService {
  if (!ctx.partner) throw new MockError('INTERNAL', { message: 'Partner connectors are not wired into this emulator (ctx.partner is missing).' });
  return ctx.partner;
}

/** Partner-connection methods of the control plane, merged into /rpc by the app. */
export const partnerRpcMethods: Record<string, RpcMethod> = {
  /** `{workbookId, type: 'partner', connectorId, token, title?}` → the connection, plus the deployed dashboard. */
  createConnection: (ctx, body) => partnerOf(ctx).createConnection(body),
  getConnection(ctx, body) {
    const b = parseBody(connectionRef, body, 'getConnection');
    return partnerOf(ctx).getConnection(b.connectionId);
  },
  listConnections(ctx, body) {
    const b = parseBody(workbookRef, body, 'listConnections');
    return { connections: ctx.store.partner.listConnections(b.workbookId) };
  },
};
