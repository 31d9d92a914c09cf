import { AGENCY_TYPES, isAgencyType, type AgencyType } from './agency-types';
import { regionCovers, regionKind, type RegionKind } from './region-code';

export const UNIT_LEVELS = ['national', 'province', 'district'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** One agency unit (a Polres, a UPTD PPA, a Kejari...): every user belongs to exactly one. */
export interface AgencyUnit {
  readonly id: string;
  readonly name: string;
  readonly agencyType: AgencyType;
  readonly level: UnitLevel;
  /** The unit's jurisdiction: `00` national, `NN` province, `NN.NN` regency or city (Kemendagri). */
  readonly regionCode: string;
}

/** Lower-case slug; it travels in tokens, URLs and events, so it stays short and plain. */
export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

const UNIT_FIELDS: ReadonlySet<string> = new Set(['id', 'name', 'agencyType', 'level', 'regionCode']);
const FILE_FIELDS: ReadonlySet<string> = new Set(['description', 'units']);
const MAX_NAME_LENGTH = 200;

/** The region kind each level must have: a district unit needs a regency, a province unit a province. */
const REGION_FOR_LEVEL: Readonly<Record<UnitLevel, RegionKind>> = {
  national: 'national',
  province: 'province',
  district: 'regency',
};
const REGION_SHAPE: Readonly<Record<RegionKind, string>> = {
  national: '"00"',
  province: 'a province code NN such as "65"',
  regency: 'a regency or city code NN.NN such as "65.03"',
};

export interface UnitRegistryProblem {
  /** Position in the `units` array; absent for problems with the file as a whole. */
  readonly index?: number;
  readonly unitId?: string;
  readonly field: string;
  readonly message: string;
}

/** The registry file is unreadable or invalid; the message lists every problem, one per line. */
export class UnitRegistryError extends Error {
  readonly code = 'UNIT_REGISTRY_INVALID';
  constructor(
    readonly source: string,
    readonly problems: readonly UnitRegistryProblem[],
  ) {
    super(`Unit registry ${source} is invalid:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
    this.name = 'UnitRegistryError';
  }
}

/** A unit id that is not in the registry (fail closed: callers treat it as "no such unit"). */
export class UnknownUnitError extends Error {
  readonly code = 'UNKNOWN_UNIT';
  constructor(readonly unitId: string) {
    super(`Unknown agency unit ${JSON.stringify(unitId)}`);
    this.name = 'UnknownUnitError';
  }
}

const describeProblem = (p: UnitRegistryProblem): string => {
  if (p.index === undefined) return `${p.field}: ${p.message}`;
  const where = p.unitId === undefined ? `units[${p.index}]` : `units[${p.index}] (id ${JSON.stringify(p.unitId)})`;
  return `${where}.${p.field}: ${p.message}`;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

const validateUnit = (raw: unknown, index: number, problems: UnitRegistryProblem[]): AgencyUnit | undefined => {
  if (!isRecord(raw)) {
    problems.push({ index, field: '(unit)', message: `must be an object, got ${show(raw)}` });
    return undefined;
  }
  const unitId = typeof raw.id === 'string' ? raw.id : undefined;
  const before = problems.length;
  const problem = (field: string, message: string) => problems.push({ index, ...(unitId === undefined ? {} : { unitId }), field, message });

  if (typeof raw.id !== 'string' || !UNIT_ID_PATTERN.test(raw.id)) {
    problem('id', `must match ${UNIT_ID_PATTERN.source} (lower-case letters, digits and hyphens, 2-63 characters), got ${show(raw.id)}`);
  }
  if (typeof raw.name !== 'string' || raw.name.trim() === '') problem('name', 'is required (a non-empty string)');
  else if (raw.name.length > MAX_NAME_LENGTH) problem('name', `must be at most ${MAX_NAME_LENGTH} characters`);
  if (!isAgencyType(raw.agencyType)) {
    problem('agencyType', `unknown agency type ${show(raw.agencyType)}; expected one of ${AGENCY_TYPES.join(', ')}`);
  }
  const level = (UNIT_LEVELS as readonly unknown[]).includes(raw.level) ? (raw.level as UnitLevel) : undefined;
  if (!level) problem('level', `must be one of ${UNIT_LEVELS.join(', ')}, got ${show(raw.level)}`);
  const kind = regionKind(raw.regionCode);
  if (!kind) {
    problem('regionCode', `bad region code ${show(raw.regionCode)}; expected "00" (national), a Kemendagri province code NN or regency code NN.NN`);
  } else if (level && REGION_FOR_LEVEL[level] !== kind) {
    problem('regionCode', `a ${level} unit needs ${REGION_SHAPE[REGION_FOR_LEVEL[level]]}, got ${show(raw.regionCode)}`);
  }
  for (const field of Object.keys(raw)) {
    if (!UNIT_FIELDS.has(field)) problem(field, `unknown field; a unit has only ${[...UNIT_FIELDS].join(', ')}`);
  }
  if (problems.length > before) return undefined;
  return Object.freeze({
    id: raw.id as string,
    name: (raw.name as string).trim(),
    agencyType: raw.agencyType as AgencyType,
    level: level!,
    regionCode: raw.regionCode as string,
  });
};

/** The agency units known to this deployment, validated once at start and read-only afterwards. */
export class UnitRegistry {
  private readonly byId: ReadonlyMap<string, AgencyUnit>;

  private constructor(private readonly units: readonly AgencyUnit[]) {
    this.byId = new Map(units.map((unit) => [unit.id, unit]));
  }

  /**
   * Validates parsed registry JSON (`{ "description"?: string, "units": [...] }`) and reports every
   * problem at once, naming `source` (the file), the index and id of the unit, and the field.
   */
  static fromJson(json: unknown, source = '(inline registry)'): UnitRegistry {
    const problems: UnitRegistryProblem[] = [];
    if (!isRecord(json) || !Array.isArray(json.units)) {
      throw new UnitRegistryError(source, [{ field: 'units', message: 'the file must be an object with a "units" array' }]);
    }
    for (const field of Object.keys(json)) {
      if (!FILE_FIELDS.has(field)) problems.push({ field, message: `unknown top-level field; expected only ${[...FILE_FIELDS].join(', ')}` });
    }
    if (json.units.length === 0) problems.push({ field: 'units', message: 'is empty; at least one unit is required' });
    const units: AgencyUnit[] = [];
    const firstIndex = new Map<string, number>();
    json.units.forEach((raw: unknown, index: number) => {
      const unit = validateUnit(raw, index, problems);
      if (!unit) return;
      const earlier = firstIndex.get(unit.id);
      if (earlier !== undefined) {
        problems.push({ index, unitId: unit.id, field: 'id', message: `duplicate id, already used by units[${earlier}]` });
        return;
      }
      firstIndex.set(unit.id, index);
      units.push(unit);
    });
    if (problems.length > 0) throw new UnitRegistryError(source, problems);
    return new UnitRegistry(Object.freeze(units));
  }

  get size(): number {
    return this.units.length;
  }

  get(id: string): AgencyUnit | undefined {
    return this.byId.get(id);
  }

  /** The unit, or a typed UNKNOWN_UNIT error. */
  require(id: string): AgencyUnit {
    const unit = this.byId.get(id);
    if (!unit) throw new UnknownUnitError(id);
    return unit;
  }

  all(): readonly AgencyUnit[] {
    return this.units;
  }

  byType(type: AgencyType): readonly AgencyUnit[] {
    return this.units.filter((unit) => unit.agencyType === type);
  }

  /**
   * Whether `regionCode` lies within the unit's jurisdiction: a national unit covers the whole
   * country, a province unit covers the province and its regencies, a district unit only its own
   * regency. An unknown unit id throws UNKNOWN_UNIT; an invalid region code is never within.
   */
  isWithin(unit: AgencyUnit | string, regionCode: string): boolean {
    const resolved = typeof unit === 'string' ? this.require(unit) : this.require(unit.id);
    return regionCovers(resolved.regionCode, regionCode);
  }
}
