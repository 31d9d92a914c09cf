/**
 * Mints a local HS256 token for a unit in the registry, for development against the embedded mode.
 *
 *   npm run token -- --unit polres-nunukan [--user <id>] [--role <r>]... [--ttl <seconds>]
 *                    [--data-dir <dir>] [--units <registry file>]
 *
 * Prints only the token on stdout (so `TOKEN=$(npm run -s token -- --unit ...)` works); errors go to
 * stderr with exit code 1 (bad input) or 2 (bad registry or secret).
 */
import { parseArgs } from 'node:util';
import {
  loadOrCreateLocalSecret,
  loadUnitRegistry,
  LocalSecretError,
  MAX_LOCAL_TOKEN_TTL_SECONDS,
  mintLocalToken,
  UnitRegistryError,
} from '@tppo/access';
import { ConfigError, loadConfig } from '../config/app-config';

const DEFAULT_TTL_SECONDS = 8 * 3600;
const USAGE = `Usage: npm run token -- --unit <unit id> [--user <id>] [--role <role>]... [--ttl <seconds>] [--data-dir <dir>] [--units <registry file>]

  --unit       a unit id from the registry (required), e.g. polres-nunukan
  --user       the token subject (default: local-<unit>)
  --role       a role; repeat for several (default: none)
  --ttl        lifetime in seconds (default ${DEFAULT_TTL_SECONDS}, at most ${MAX_LOCAL_TOKEN_TTL_SECONDS})
  --data-dir   folder holding local-jwt.secret (default: $DATA_DIR or ./data)
  --units      unit registry file (default: $UNIT_REGISTRY_FILE or apps/coordination-api/config/units/indonesia-seed.json)

Environment: DATA_DIR, UNIT_REGISTRY_FILE, JWT_ISSUER (default tppo-local), JWT_AUDIENCE (default tppo-coordination-api).`;

class UsageError extends Error {}


const main = async (argv: readonly string[]): Promise<string> => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        unit: { type: 'string' },
        user: { type: 'string' },
        role: { type: 'string', multiple: true },
        ttl: { type: 'string' },
        'data-dir': { type: 'string' },
        units: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.unit) throw new UsageError('--unit is required');

  const ttlText = values.ttl ?? String(DEFAULT_TTL_SECONDS);
  const ttlSeconds = Number(ttlText);
  if (!/^\d+$/.test(ttlText) || ttlSeconds < 1 || ttlSeconds > MAX_LOCAL_TOKEN_TTL_SECONDS) {
    throw new UsageError(`--ttl must be a whole number of seconds from 1 to ${MAX_LOCAL_TOKEN_TTL_SECONDS}, got ${JSON.stringify(ttlText)}`);
  }

  // The server's own configuration decides the data folder, registry, issuer and audience, so a
  // minted token always matches what the server expects.
  const config = loadConfig({
    ...process.env,
    ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}),
    ...(values.units ? { UNIT_REGISTRY_FILE: values.units } : {}),
  });
  const registryFile = config.unitRegistryFile;
  const registry = loadUnitRegistry(registryFile);
  const unit = registry.get(values.unit);
  if (!unit) {
    const near = registry
      .all()
      .map((u) => u.id)
      .filter((id) => id.includes(values.unit!) || values.unit!.includes(id.split('-')[0]!));
    throw new UsageError(
      `unknown unit ${JSON.stringify(values.unit)} in ${registryFile}` + (near.length > 0 ? `; did you mean: ${near.slice(0, 10).join(', ')}?` : ''),
    );
  }

  const secret = loadOrCreateLocalSecret(config.dataDir);
  return mintLocalToken({
    secret,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    unit: unit.id,
    user: values.user ?? `local-${unit.id}`,
    roles: values.role ?? [],
    ttlSeconds,
    agencyType: unit.agencyType,
  });
};

main(process.argv.slice(2)).then(
  (token) => process.stdout.write(`${token}\n`),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`token: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 1;
    } else if (error instanceof UnitRegistryError || error instanceof LocalSecretError || error instanceof ConfigError || error instanceof RangeError) {
      process.stderr.write(`token: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
  },
);
