import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CASE_COMMAND_TYPES, CASE_EVENT_TYPES, CASE_PARTICIPANT_AGENCY_TYPES, COMMAND_PERMISSIONS, INTERCEPTION_COMMANDS, INTERCEPTION_EVENTS } from './index';

/** One row of a command table in docs/commands.md: `| \`Name\` | \`POST /path\` | issued by | requires | writes |` (a job's command names its `npm run`). */
interface DocRow {
  readonly command: string;
  readonly issuedBy: string;
  readonly writes: string;
}

const rowsOf = (markdown: string): DocRow[] =>
  markdown
    .split('\n')
    .map((line) => /^\| `(\w+)` \| `(?:POST|npm run) [^`]+` \| ([^|]+) \|.*\| ([^|]+) \|$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, command, issuedBy, writes]) => ({ command: command!, issuedBy: issuedBy!.trim(), writes: writes!.trim() }));

/** "no agency type" is a command only a system job issues (its permission row is empty). */
const issuedBy = (cell: string): string[] =>
  cell.startsWith('no agency type') ? [] : cell.split(', ').flatMap((name) => (name === 'any participant' ? [...CASE_PARTICIPANT_AGENCY_TYPES] : [name]));

/** The names in backticks of a "writes" cell, leaving out the `<Original>Corrected` placeholder. */
const eventsNamed = (cell: string): string[] => [...cell.matchAll(/`(\w+)`/g)].map(([, name]) => name!);

describe('docs/commands.md', () => {
  const rows = rowsOf(readFileSync(resolve(__dirname, '../../../docs/commands.md'), 'utf8'));
  const commands = [...CASE_COMMAND_TYPES, ...Object.keys(INTERCEPTION_COMMANDS)];

  it('lists every command of the registry once, and no other', () => {
    expect(rows.map((row) => row.command).sort()).toEqual([...commands].sort());
  });

  it('names, for each command, exactly the agency types the permission table allows', () => {
    for (const row of rows) {
      expect({ command: row.command, issuedBy: issuedBy(row.issuedBy).sort() }).toEqual({
        command: row.command,
        issuedBy: [...COMMAND_PERMISSIONS[row.command as keyof typeof COMMAND_PERMISSIONS]].sort(),
      });
    }
  });

  it('names only events that exist', () => {
    const known = new Set<string>([...CASE_EVENT_TYPES, ...Object.keys(INTERCEPTION_EVENTS)]);
    const unknown = rows.flatMap((row) => eventsNamed(row.writes).filter((name) => !known.has(name)).map((name) => `${row.command}: ${name}`));
    expect(unknown).toEqual([]);
  });
});
