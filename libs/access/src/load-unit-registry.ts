import { readFileSync } from 'node:fs';
import { UnitRegistry, UnitRegistryError } from './unit-registry';

/** Reads and validates the registry file at start; any problem stops the process with the file named. */
export const loadUnitRegistry = (file: string): UnitRegistry => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UnitRegistryError(file, [{ field: '(file)', message: `cannot be read (${reason})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UnitRegistryError(file, [{ field: '(file)', message: `is not valid JSON (${(error as Error).message})` }]);
  }
  return UnitRegistry.fromJson(json, file);
};
