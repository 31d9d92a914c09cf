/**
 * Prints the transparency log's verifier key (and its raw public key), to hand to auditors apart
 * from any bundle:
 *   npm run -s log-key [-- --data-dir <dir>]
 * Creates the key (TRANSPARENCY_LOG_KEY_FILE, default DATA_DIR/log.key, mode 0600) if there is none yet.
 */
import { keyId, nodeSha256, verifierKeyText } from '@tppo/transparency';
import { loadConfig } from '../config/app-config';
import { loadOrCreateLogKey } from '../transparency/log-key';

const args = process.argv.slice(2);
const env = { ...process.env };
const at = args.indexOf('--data-dir');
if (at >= 0 && args[at + 1]) env['DATA_DIR'] = args[at + 1];
try {
  const config = loadConfig(env);
  const key = loadOrCreateLogKey(config.transparency.keyFile);
  const origin = config.transparency.origin;
  process.stdout.write(
    `${JSON.stringify({
      origin,
      verifierKey: verifierKeyText(nodeSha256, origin, key.publicKey),
      keyId: Buffer.from(keyId(nodeSha256, origin, key.publicKey)).toString('hex'),
      publicKey: Buffer.from(key.publicKey).toString('base64'),
      keyFile: config.transparency.keyFile,
    })}\n`,
  );
} catch (error) {
  process.stderr.write(`log-key: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
