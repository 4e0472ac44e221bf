import { MockError } from '../errors/catalogue.js';
import type { Embed, Entry } from '../core/types.js';
import { ACTOR, nowIso, pickId, requireEntry, type RpcMethod, type RpcState } from './common.js';
import { defaultDepsIds } from './entries.js';
import * as s from './schemas.js';
import { requireSecret } from './secrets.js';
import { parseBody } from './validate.js';

function requireEmbed(ctx: RpcState, embedId: string): Embed {
  const e = ctx.store.embeds.get(embedId);
  if (!e) throw new MockError('EMBED_NOT_FOUND', { field: 'embedId', message: `No embed has embedId ${embedId}.` });
  return e;
}

/** The key, the entry and every dependency must live in one workbook. */
function checkEmbedRefs(ctx: RpcState, entry: Entry, embeddingSecretId: string, depsIds: string[]): void {
  const secret = requireSecret(ctx, embeddingSecretId);
  if (secret.workbookId !== entry.workbookId) {
    throw new MockError('WRONG_WORKBOOK', {
      field: 'embeddingSecretId',
      message: `Key ${embeddingSecretId} is in workbook ${secret.workbookId}, but entry ${entry.entryId} is in workbook ${entry.workbookId}.`,
    });
  }
  depsIds.forEach((depId, i) => {
    const dep = requireEntry(ctx, depId, `depsIds[${i}]`);
    if (dep.workbookId !== entry.workbookId) {
      throw new MockError('WRONG_WORKBOOK', { field: `depsIds[${i}]`, message: `Dependency ${depId} is in another workbook.` });
    }
  });
}

/**
 * The embed's settings as the body gives them, each left-out one as createEmbed defaults it:
 * depsIds from what the entry uses now, no unsigned or private params, "Disable all" mode
 * (publicParamsMode true, as in US: embeds start as an allow-list), no settings. updateEmbed
 * replaces an embed whole with the same defaults.
 */
function embedSettings(b: Partial<Pick<Embed, 'depsIds' | 'unsignedParams' | 'privateParams' | 'publicParamsMode' | 'settings'>>, entry: Entry) {
  return {
    depsIds: b.depsIds ?? defaultDepsIds(entry),
    unsignedParams: b.unsignedParams ?? [],
    privateParams: b.privateParams ?? [],
    publicParamsMode: b.publicParamsMode ?? true,
    settings: b.settings ?? {},
  };
}

export const embedMethods: Record<string, RpcMethod> = {
  createEmbed(ctx, body) {
    const b = parseBody(s.createEmbed, body, 'createEmbed');
    const entry = requireEntry(ctx, b.entryId);
    const settings = embedSettings(b, entry);
    checkEmbedRefs(ctx, entry, b.embeddingSecretId, settings.depsIds);
    const now = nowIso(ctx);
    return ctx.store.embeds.create({
      embedId: pickId(b.embedId, (i) => !!ctx.store.embeds.get(i), 'embedId'),
      title: b.title,
      embeddingSecretId: b.embeddingSecretId,
      entryId: b.entryId,
      ...settings,
      createdBy: ACTOR,
      createdAt: now,
      updatedBy: ACTOR,
      updatedAt: now,
    });
  },

  getEmbed(ctx, body) {
    const b = parseBody(s.embedRef, body, 'getEmbed');
    return requireEmbed(ctx, b.embedId);
  },

  listEmbeds(ctx, body) {
    const b = parseBody(s.entryRef, body, 'listEmbeds');
    requireEntry(ctx, b.entryId);
    return { embeds: ctx.store.embeds.listByEntry(b.entryId) };
  },

  /**
   * Replaces the embed whole, as the Public API does (docs/fidelity.md, "Public API"): a field left out
   * takes the value createEmbed would give it (depsIds: what the entry uses now; unsignedParams and
   * privateParams: none; publicParamsMode: true; settings: none), never the stored one. Only `title`
   * and `embeddingSecretId` are kept when left out. `entryId` cannot be changed (as in DataLens);
   * updating depsIds repairs an outdated embed.
   */
  updateEmbed(ctx, body) {
    if (body && typeof body === 'object' && 'entryId' in body) {
      throw new MockError('INVALID_BODY', { field: 'entryId', message: "updateEmbed: an embed's entryId cannot be changed; create a new embed." });
    }
    const b = parseBody(s.updateEmbed, body, 'updateEmbed');
    const current = requireEmbed(ctx, b.embedId);
    const entry = requireEntry(ctx, current.entryId);
    const next: Embed = {
      ...current,
      title: b.title ?? current.title,
      embeddingSecretId: b.embeddingSecretId ?? current.embeddingSecretId,
      ...embedSettings(b, entry),
      updatedBy: ACTOR,
      updatedAt: nowIso(ctx),
    };
    checkEmbedRefs(ctx, entry, next.embeddingSecretId, next.depsIds);
    return ctx.store.embeds.update(next);
  },

  deleteEmbed(ctx, body) {
    const b = parseBody(s.embedRef, body, 'deleteEmbed');
    requireEmbed(ctx, b.embedId);
    ctx.store.embeds.delete(b.embedId);
    return { embedId: b.embedId };
  },
};
