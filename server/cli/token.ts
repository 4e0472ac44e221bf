import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { signEmbedToken } from '../tokens/sign.js';
import { generateRsaKeyPair } from '../tokens/keys.js';
import { KeyInputError, publicSpkiPem, readKeyText, readPrivateKey } from '../tokens/key-text.js';
import { collectParam, parsePositiveInt, readPemArg } from '../core/args.js';
import { MAX_LIFETIME_SECONDS } from '../tokens/constants.js';

/**
 * A key argument: PEM text or a file path. Text that is neither, but is a known key mistake (an
 * object id, base64 without armour), says so with the fix instead of "no such file".
 */
function readKeyArg(v: string, what: string): string {
  if (!v.includes('-----BEGIN') && !existsSync(v)) {
    const [problem] = readKeyText(v).problems.filter((p) => p.mistake !== 'unreadable');
    if (problem) throw new InvalidArgumentError(`${what}: ${problem.message} ${problem.fix}`);
  }
  return readPemArg(v, what);
}

export function registerTokenCommands(program: Command): void {
  program
    .command('token')
    .description('Print a PS256 embed token (JWT), built exactly as the official DataLens samples build it.')
    .requiredOption('--key <pem>', 'private key of the embedding secret, PKCS#1 (as DataLens hands it out) or PKCS#8: a PEM file path or PEM text')
    .requiredOption('--embed-id <id>', 'the embed ID (13 characters)')
    .addOption(new Option('--ttl <seconds>', 'lifetime in seconds (DataLens allows at most 36000)').default(360).argParser(parsePositiveInt))
    .option('--param <name=value>', 'a signed param; repeat it, or repeat a name for an array', collectParam)
    .option('--now <unix>', 'issue time (Unix seconds) instead of the real clock', parsePositiveInt)
    .addHelpText('after', '\nExample:\n  datalens-mock token --key key.pem --embed-id abcdefghijklm --param region=North\n')
    .action(async (o) => {
      const privateKey = readKeyArg(o.key, '--key');
      if (o.ttl > MAX_LIFETIME_SECONDS) {
        process.stderr.write(`warning: --ttl ${o.ttl} is over 36000 s (10 h); DataLens and the emulator will reject this token.\n`);
      }
      try {
        process.stdout.write(`${await signEmbedToken({ privateKey, embedId: o.embedId, ttl: o.ttl, params: o.param, now: o.now })}\n`);
      } catch (e) {
        program.error(`error: cannot sign with --key: ${e instanceof KeyInputError ? e.problems.map((p) => `${p.message} ${p.fix}`).join(' ') : `${(e as Error).message}. It must be an RSA private key in PEM.`}`);
      }
    });

  program
    .command('keygen')
    .description(
      'Print an RSA-2048 (e=65537) key pair in PEM, as DataLens hands it out: private key (PKCS#1, -----BEGIN RSA PRIVATE KEY-----), then public key (SPKI). With --public-of FILE: the public key of a private key file.',
    )
    .option('--json', 'print {"privateKey", "publicKey"} as JSON ({"publicKey"} with --public-of)')
    .option('--public-of <file>', 'print the public key (SPKI PEM) of this private key file (PKCS#1 or PKCS#8), e.g. for a seed\'s publicKey')
    .addHelpText('after', '\nExamples:\n  datalens-mock keygen > datalens.pem\n  datalens-mock keygen --public-of datalens.pem > datalens.pub.pem\n')
    .action(async (o) => {
      if (o.publicOf !== undefined) {
        const text = readKeyArg(o.publicOf, '--public-of');
        let publicKey: string;
        try {
          publicKey = publicSpkiPem(readPrivateKey(text, `--public-of ${o.publicOf}`));
        } catch (e) {
          program.error(`error: ${e instanceof KeyInputError ? e.message : (e as Error).message}`);
        }
        process.stdout.write(o.json ? `${JSON.stringify({ publicKey }, null, 2)}\n` : publicKey);
        return;
      }
      const pair = await generateRsaKeyPair();
      process.stdout.write(o.json ? `${JSON.stringify(pair, null, 2)}\n` : `${pair.privateKey}${pair.publicKey}`);
    });
}
