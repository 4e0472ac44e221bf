import * as z from 'zod';
import { MockError } from '../errors/catalogue.js';
import type { RpcState } from '../rpc/common.js';
import { id } from '../rpc/schemas.js';
import { parseBody } from '../rpc/validate.js';
import type { PartnerService } from './service.js';

const connectionRef = z.object({ connectionId: id }).strict();
const workbookRef = z.object({ workbookId: id }).strict();

/** What the partner methods read: the core methods' state, with the whole partner service. */
export type PartnerRpcState = RpcState & { partner?: PartnerService };
export type PartnerRpcMethod = (ctx: PartnerRpcState, body: unknown) => unknown | Promise<unknown>;

function partnerOf(ctx: PartnerRpcState): PartnerService {
  if (!ctx.partner) throw new MockError('INTERNAL', { message: 'Partner connectors are not wired into this emulator (ctx.partner is missing).' });
  return ctx.partner;
}

/** Partner-connection methods of the control plane, merged into /rpc by the app. */
export const partnerRpcMethods: Record<string, PartnerRpcMethod> = {
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
