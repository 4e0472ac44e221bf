import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULTS } from '../core/config.js';
import { createMockServer } from '../server.js';
import { SeedError } from '../seed/load.js';
import { parseHostList, parsePort } from '../core/args.js';
import { demoLinks } from './links.js';
import { TlsAuthorityError } from '../tls/error.js';
import type { TlsInfo } from '../tls/info.js';
import { PRODUCTION_HOSTS } from '../core/production.js';
import { bindWarning } from '../guard/index.js';
import { packageFile } from '../core/package-root.js';

/** `--embed-query-limit N`: queries a month (0 refuses every embedded query: the limit view at once). */
function parseQueryLimit(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`"${v}" is not a number of queries a month (a whole number, 0 or more).`);
  return n;
}

/** What `serve --tls` prints after the ready line: the CA to trust or pin, and how to route the production host. */
export function tlsLines(tls: TlsInfo, port: number, quiet: boolean): string {
  const lines = [`CA certificate: ${tls.caPath}`, `CA SPKI sha256: ${tls.spkiSha256}`];
  if (!quiet) {
    lines.push(
      `certificate names: ${tls.names.join(', ')}`,
      `Chromium: --host-resolver-rules="${PRODUCTION_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}" --ignore-certificate-errors-spki-list=${tls.spkiSha256}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the emulator: embed pages, gateway API, /rpc control plane and /_mock controls.')
    .addOption(new Option('--port <port>', 'port to listen on (0 picks a free port)').default(DEFAULTS.port).argParser(parsePort))
    .option('--host <host>', 'interface to listen on (loopback by default)', DEFAULTS.host)
    .option('--data-dir <dir>', 'folder where state persists across restarts', DEFAULTS.dataDir)
    .option('--in-memory', 'keep all state in memory (nothing persists)')
    .option('--seed <file>', 'seed file (YAML or JSON) applied at start and after every reset')
    .option('--demo', 'seed the demo workbook and print ready-to-open embed links')
    .addOption(
      new Option('--precedence <rule>', 'signed vs unsigned param precedence')
        .choices(['signed-wins', 'unsigned-wins', 'by-date'])
        .default('signed-wins'),
    )
    .option('--api-prefix <prefix>', 'an extra prefix of the gateway API (the pages call the production paths /charts/embeds/api/run and /embeds/api/export, always answered)', DEFAULTS.apiPrefix)
    .option('--strict', 'stricter token checks than production: iat and exp required, param values strings or arrays of strings')
    .option('--lenient', 'production token checks (the default; kept for scripts that pass it)')
    .option(
      '--allowed-hosts <hosts>',
      'extra Host names to answer, comma-separated (".example.test" allows its subdomains); loopback names, the bound host and the production hosts are always answered',
      parseHostList,
    )
    .option('--allow-remote-admin', 'with a non-loopback --host: also answer token minting, the demo page, writes through /rpc and /_mock and the doctor\'s outbound connections from other machines (loopback clients only by default)')
    .option('--strict-iat', 'refuse a token whose iat is ahead of the emulator clock (DataLens accepts it)')
    .option('--embed-query-limit <n>', 'meter embedded queries: allow N chart and selector runs a month, then show "Embedded dashboard limit exceeded" (default: no meter)', parseQueryLimit)
    .option('--quiet', 'print only the ready line')
    .option('--tls', 'serve HTTPS with a certificate for localhost, 127.0.0.1, ::1 and the production hosts, signed by a local CA kept in the data dir (printed at start)')
    .option('--legacy-host-direct', 'serve datalens.yandex.cloud/embeds/* directly, as production did before 2025-10-09 (default: redirect it to datalens.ru, as production does now)')
    .option('--tls-renew', 'with --tls: replace the local CA (e.g. an expired or unreadable one); trust the new one again')
    .addHelpText(
      'after',
      '\nExamples:\n  datalens-mock serve --demo\n  datalens-mock serve --in-memory --port 0 --seed my-seed.yaml\n  datalens-mock init        (writes a starter seed and a Playwright test into this project)\n' +
        '  datalens-mock serve --tls --port 8443   # then: chromium --host-resolver-rules="MAP datalens.ru 127.0.0.1:8443"\n' +
        `\nHTTPS, trusting the CA and the production origin: ${packageFile('docs/production-app.md')}\n`,
    )
    .action(async (o) => {
      if (o.strict && o.lenient) program.error('error: --strict and --lenient cannot be used together.');
      if (o.tlsRenew && !o.tls) program.error('error: --tls-renew replaces the CA of --tls; add --tls.');
      if (!/^\/[\w\-/]*$/.test(o.apiPrefix)) program.error(`error: --api-prefix "${o.apiPrefix}" must start with "/" (e.g. /api).`);
      // Before listening: said even when the bind then fails.
      const warning = bindWarning(o.host, Boolean(o.allowRemoteAdmin));
      if (warning) process.stderr.write(`${warning}\n`);
      let server;
      try {
        server = await createMockServer({
          port: o.port,
          host: o.host,
          dataDir: o.inMemory ? undefined : o.dataDir,
          inMemory: Boolean(o.inMemory),
          seed: o.seed,
          demo: Boolean(o.demo),
          precedence: o.precedence,
          apiPrefix: o.apiPrefix.replace(/\/$/, '') || '/api',
          strict: Boolean(o.strict),
          allowedHosts: o.allowedHosts,
          strictIat: Boolean(o.strictIat),
          allowRemoteAdmin: Boolean(o.allowRemoteAdmin),
          embedQueryLimit: o.embedQueryLimit,
          quiet: Boolean(o.quiet),
          tls: Boolean(o.tls),
          tlsRenew: Boolean(o.tlsRenew),
          legacyRedirect: !o.legacyHostDirect,
        });
      } catch (e) {
        if (e instanceof SeedError || e instanceof TlsAuthorityError) program.error(`error: ${e.message}`);
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') program.error(`error: port ${o.port} is in use. Pick another with --port, or --port 0 for a free one.`);
        if (err.code === 'EACCES') program.error(`error: no permission to listen on ${o.host}:${o.port}. Use a port above 1024.`);
        program.error(`error: ${err.message}`);
      }
      process.stdout.write(`datalens-mock ready on ${server.url}\n`);
      if (server.tls) process.stdout.write(tlsLines(server.tls, server.port, Boolean(o.quiet)));
      if (o.demo && !o.quiet) process.stdout.write(await demoLinks(server));
      const stop = () => {
        server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
