import type { KeyObject } from 'node:crypto';
import * as z from 'zod';
import { parseTarget, type ClickHouseTarget } from '../datasources/clickhouse/target.js';
import { MockError } from '../errors/catalogue.js';
import { newId } from '../core/ids.js';
import { id } from '../rpc/schemas.js';
import type { PartnerRepo } from '../store/partner.js';
import type { StoredConnector } from '../store/partner-records.js';
import { publicSpkiPem } from '../tokens/key-text.js';
import { parseRsaPublicKey, type PublicKeyCache } from '../tokens/keys.js';
import { allowsChartSql, rawSqlLevel, rawSqlOff } from './raw-sql.js';
import { checkTemplate, dashboardTemplate } from './template.js';
import type { Connector, PartnerKey } from './types.js';

/**
 * A stored connector with its template's type. The store keeps the template as the JSON it was
 * given, and `create` checked it against `dashboardTemplate` before storing it.
 */
const typed = (c: StoredConnector): Connector => c as Connector;

/** A key version "is an integer" (DataLens's partner-connector guide); the token carries it as decimal text. */
export const keyVersion = z.number().int().nonnegative().max(999_999_999);
export const partnerKeyBody = z.object({ version: keyVersion, publicKey: z.string().min(1) }).strict();
export const createConnectorBody = z
  .object({
    title: z.string().min(1, 'must not be empty').max(512),
    partnerKeys: z.array(partnerKeyBody).min(1, 'a connector needs at least one partner key'),
    dashboardTemplate: dashboardTemplate.optional(),
    /** Free SQL on its connections (DataLens's raw_sql_level); 'off' unless given. */
    rawSqlLevel: rawSqlLevel.optional(),
    /** The partner's ClickHouse cluster (HTTP interface); `username` defaults to datalens. */
    clickhouse: z
      .object({
        url: z.string().min(1).max(2048),
        username: z.string().min(1).max(256).optional(),
        password: z.string().max(1024).optional(),
        timeoutMs: z.number().int().min(100).max(300_000).optional(),
      })
      .strict()
      .optional(),
    connectorId: id.optional(),
  })
  .strict();
export type CreateConnectorBody = z.infer<typeof createConnectorBody>;

/** Where the template's SQL will run, for its check at registration. */
export type TemplateBackend = 'sqlite' | 'clickhouse';

/**
 * Partner connectors (docs/fidelity.md, "Partner connector flow"): the partner's RSA public keys by
 * version, so that a new version can be added and old tokens keep working during rotation.
 */
export class Connectors {
  constructor(
    private readonly repo: PartnerRepo,
    private readonly keys: PublicKeyCache,
    private readonly now: () => string,
    /** Checks a template chart's SQL for the backend it will run on (read-only, compiles). */
    private readonly checkSql: (sql: string, field: string, backend: TemplateBackend) => void,
  ) {}

  private partnerKey(body: z.infer<typeof partnerKeyBody>, field: string): PartnerKey {
    const key = parseRsaPublicKey(body.publicKey, field);
    return { version: body.version, publicKey: publicSpkiPem(key), createdAt: this.now() };
  }

  create(body: CreateConnectorBody): Connector {
    const seen = new Set<number>();
    const partnerKeys = body.partnerKeys.map((k, i) => {
      if (seen.has(k.version)) {
        throw new MockError('INVALID_BODY', { field: `partnerKeys[${i}].version`, message: `Partner key version ${k.version} is given twice.` });
      }
      seen.add(k.version);
      return this.partnerKey(k, `partnerKeys[${i}].publicKey`);
    });
    const level = body.rawSqlLevel ?? 'off';
    if (body.dashboardTemplate) {
      checkTemplate(body.dashboardTemplate);
      const backend = body.clickhouse ? 'clickhouse' : 'sqlite';
      body.dashboardTemplate.charts.forEach((c, i) => {
        if (c.sql === undefined) return;
        const field = `dashboardTemplate.charts[${i}].sql`;
        if (!allowsChartSql(level)) throw rawSqlOff({ title: body.title, connectorId: body.connectorId, rawSqlLevel: level }, field);
        this.checkSql(c.sql, field, backend);
      });
    }
    const clickhouse = body.clickhouse && parseTarget(body.clickhouse);
    const connectorId = body.connectorId ?? newId();
    if (this.repo.getConnector(connectorId)) {
      throw new MockError('INVALID_BODY', { field: 'connectorId', message: `connectorId ${connectorId} is already in use.` });
    }
    const created = this.repo.createConnector(
      {
        connectorId,
        title: body.title,
        partnerKeys,
        ...(body.dashboardTemplate && { dashboardTemplate: body.dashboardTemplate }),
        rawSqlLevel: level,
        createdAt: this.now(),
      },
      clickhouse,
    );
    return typed(created);
  }

  /** Adds a partner key version (rotation); the existing versions stay valid. */
  addKey(connectorId: string, body: z.infer<typeof partnerKeyBody>): PartnerKey {
    this.get(connectorId);
    const key = this.partnerKey(body, 'publicKey');
    if (!this.repo.addPartnerKey(connectorId, key)) {
      throw new MockError('PARTNER_KEY_VERSION_EXISTS', {
        field: 'version',
        message: `Connector ${connectorId} already has partner key version ${body.version}.`,
      });
    }
    return key;
  }

  find(connectorId: string): Connector | undefined {
    const c = this.repo.getConnector(connectorId);
    return c && typed(c);
  }

  get(connectorId: string): Connector {
    const c = this.repo.getConnector(connectorId);
    if (!c) {
      throw new MockError('PARTNER_CONNECTOR_NOT_FOUND', {
        field: 'connectorId',
        message: `No partner connector has connectorId ${JSON.stringify(connectorId)}.`,
      });
    }
    return typed(c);
  }

  /** The connector's cluster with its password (for the runner and the audit; never returned by the API). */
  clickhouseTarget(connectorId: string): ClickHouseTarget | undefined {
    return this.repo.getClickHouseTarget(connectorId);
  }

  list(): Connector[] {
    return this.repo.listConnectors().map(typed);
  }

  /** The connector's partner public keys by version, parsed (and cached by PEM). */
  publicKeys(connector: Connector): Map<number, KeyObject> {
    return new Map(connector.partnerKeys.map((k) => [k.version, this.keys.get(k.publicKey)]));
  }
}
