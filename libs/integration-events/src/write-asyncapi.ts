/* Writes libs/integration-events/asyncapi.json from the contract: `npm run asyncapi`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from './asyncapi';

const file = join(__dirname, '..', 'asyncapi.json');
writeFileSync(file, `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
