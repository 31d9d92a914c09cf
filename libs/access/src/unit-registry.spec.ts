import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AGENCY_TYPES } from './agency-types';
import { loadUnitRegistry } from './load-unit-registry';
import { regionCovers, regionKind } from './region-code';
import { UnitRegistry, UnitRegistryError, UnknownUnitError } from './unit-registry';

const SEED = resolve(__dirname, '../../../apps/coordination-api/config/units/indonesia-seed.json');

const polresNunukan = { id: 'polres-nunukan', name: 'Polres Nunukan', agencyType: 'POLICE', level: 'district', regionCode: '65.03' };
const poldaKaltara = { id: 'polda-kaltara', name: 'Polda Kalimantan Utara', agencyType: 'POLICE', level: 'province', regionCode: '65' };
const lpsk = { id: 'lpsk-ri', name: 'LPSK', agencyType: 'LPSK', level: 'national', regionCode: '00' };

const problemsOf = (json: unknown, source = 'units.json'): UnitRegistryError => {
  try {
    UnitRegistry.fromJson(json, source);
  } catch (error) {
    if (error instanceof UnitRegistryError) return error;
    throw error;
  }
  throw new Error('expected the registry to be refused');
};

describe('agency unit registry: validation at start', () => {
  it('accepts valid units and freezes them', () => {
    const registry = UnitRegistry.fromJson({ units: [polresNunukan, poldaKaltara, lpsk] });
    expect(registry.size).toBe(3);
    expect(registry.get('polres-nunukan')).toEqual(polresNunukan);
    expect(Object.isFrozen(registry.get('polres-nunukan'))).toBe(true);
  });

  it('names the file, the index, the id and the field of an unknown agency type', () => {
    const error = problemsOf({ units: [polresNunukan, { ...poldaKaltara, agencyType: 'POLIS' }] }, '/etc/tppo/units.json');
    expect(error.code).toBe('UNIT_REGISTRY_INVALID');
    expect(error.source).toBe('/etc/tppo/units.json');
    expect(error.problems).toEqual([expect.objectContaining({ index: 1, unitId: 'polda-kaltara', field: 'agencyType' })]);
    expect(error.message).toContain('/etc/tppo/units.json');
    expect(error.message).toContain('units[1] (id "polda-kaltara").agencyType: unknown agency type "POLIS"');
  });

  it('refuses a duplicate id and points at the first use', () => {
    const error = problemsOf({ units: [polresNunukan, lpsk, { ...polresNunukan, name: 'Polres Nunukan (copy)' }] });
    expect(error.problems).toEqual([expect.objectContaining({ index: 2, unitId: 'polres-nunukan', field: 'id', message: expect.stringContaining('units[0]') })]);
  });

  it.each([
    ['not a code', 'Kaltara'],
    ['an unknown province', '99'],
    ['an unknown province in a regency code', '99.01'],
    ['a BPS-style code without the dot', '6503'],
    ['a regency part of 00', '65.00'],
    ['a district code (kecamatan) where a regency is expected', '65.03.01'],
    ['a number instead of a string', 65],
  ])('refuses a bad region code: %s', (_, regionCode) => {
    const error = problemsOf({ units: [{ ...polresNunukan, regionCode }] });
    expect(error.problems).toEqual([expect.objectContaining({ index: 0, field: 'regionCode', message: expect.stringContaining('bad region code') })]);
  });

  it('refuses a region code that does not fit the level', () => {
    const error = problemsOf({
      units: [
        { ...polresNunukan, regionCode: '65' },
        { ...poldaKaltara, regionCode: '65.03' },
        { ...lpsk, regionCode: '31' },
        { ...poldaKaltara, id: 'polda-x', regionCode: '00' },
      ],
    });
    expect(error.problems.map((p) => [p.index, p.field])).toEqual([[0, 'regionCode'], [1, 'regionCode'], [2, 'regionCode'], [3, 'regionCode']]);
    expect(error.problems[0]!.message).toContain('a district unit needs a regency or city code NN.NN');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['not a string', 42],
  ])('refuses a name that is %s', (_, name) => {
    const error = problemsOf({ units: [{ ...polresNunukan, name }] });
    expect(error.problems).toEqual([expect.objectContaining({ index: 0, unitId: 'polres-nunukan', field: 'name', message: expect.stringContaining('required') })]);
  });

  it.each([
    ['upper case', 'Polres-Nunukan'],
    ['a leading hyphen', '-polres'],
    ['one character', 'p'],
    ['an underscore', 'polres_nunukan'],
    ['a space', 'polres nunukan'],
    ['64 characters', 'a'.repeat(64)],
    ['missing', undefined],
  ])('refuses an id with %s', (_, id) => {
    const error = problemsOf({ units: [{ ...polresNunukan, id }] });
    expect(error.problems).toEqual([expect.objectContaining({ index: 0, field: 'id', message: expect.stringContaining('must match') })]);
  });

  it('accepts an id of 63 characters', () => {
    expect(UnitRegistry.fromJson({ units: [{ ...polresNunukan, id: 'a'.repeat(63) }] }).size).toBe(1);
  });

  it('refuses an unknown level and unknown fields (a typo must not pass silently)', () => {
    const error = problemsOf({ units: [{ ...polresNunukan, level: 'kabupaten', agencytype: 'POLICE' }] });
    expect(error.problems.map((p) => p.field)).toEqual(['level', 'agencytype']);
  });

  it('reports every problem at once, not only the first', () => {
    const error = problemsOf({ units: [{ id: 'X', agencyType: 'POLIS', level: 'district', regionCode: '6503' }, 'polres'] });
    expect(error.problems.map((p) => `${p.index}:${p.field}`)).toEqual(['0:id', '0:name', '0:agencyType', '0:regionCode', '1:(unit)']);
  });

  it('refuses a file without a units array, an empty list and unknown top-level fields', () => {
    expect(problemsOf([polresNunukan]).problems).toEqual([expect.objectContaining({ field: 'units' })]);
    expect(problemsOf({ units: [] }).problems).toEqual([expect.objectContaining({ field: 'units', message: expect.stringContaining('empty') })]);
    expect(problemsOf({ units: [lpsk], unit: [] }).problems).toEqual([expect.objectContaining({ field: 'unit' })]);
  });
});

describe('agency unit registry: lookups', () => {
  const registry = UnitRegistry.fromJson({ units: [polresNunukan, poldaKaltara, lpsk] });

  it('require() throws a typed UNKNOWN_UNIT for an id it does not know', () => {
    expect(registry.require('lpsk-ri').agencyType).toBe('LPSK');
    expect(() => registry.require('polres-tarakan')).toThrow(UnknownUnitError);
    expect(() => registry.require('polres-tarakan')).toThrow(expect.objectContaining({ code: 'UNKNOWN_UNIT', unitId: 'polres-tarakan' }));
    expect(registry.get('polres-tarakan')).toBeUndefined();
  });

  it('lists all units and units by type', () => {
    expect(registry.all().map((u) => u.id)).toEqual(['polres-nunukan', 'polda-kaltara', 'lpsk-ri']);
    expect(registry.byType('POLICE').map((u) => u.id)).toEqual(['polres-nunukan', 'polda-kaltara']);
    expect(registry.byType('COURT')).toEqual([]);
  });

  it('a province unit covers its regencies, a district unit only its own, a national unit everything', () => {
    expect(registry.isWithin('polda-kaltara', '65.03')).toBe(true);
    expect(registry.isWithin('polda-kaltara', '65')).toBe(true);
    expect(registry.isWithin('polda-kaltara', '53.71')).toBe(false);
    expect(registry.isWithin('polres-nunukan', '65.03')).toBe(true);
    expect(registry.isWithin('polres-nunukan', '65.71')).toBe(false);
    expect(registry.isWithin('polres-nunukan', '65')).toBe(false);
    expect(registry.isWithin(registry.require('lpsk-ri'), '53.12')).toBe(true);
    expect(registry.isWithin('lpsk-ri', 'not-a-code')).toBe(false);
  });

  it('does not let a forged unit object widen its own jurisdiction', () => {
    expect(registry.isWithin({ ...registry.require('polres-nunukan'), regionCode: '00' }, '53.71')).toBe(false);
    expect(() => registry.isWithin('nobody', '65')).toThrow(UnknownUnitError);
  });

  it('region codes: 65 does not cover 6.5 or 650', () => {
    expect(regionKind('65.03')).toBe('regency');
    expect(regionCovers('65', '65.03')).toBe(true);
    expect(regionCovers('6', '65.03')).toBe(false);
    expect(regionCovers('65', '650')).toBe(false);
    expect(regionCovers('65.03', '65')).toBe(false);
  });
});

describe('agency unit registry: files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'units-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file when it is missing or not JSON', () => {
    expect(() => loadUnitRegistry(join(dir, 'none.json'))).toThrow(/none\.json is invalid:\n.*cannot be read \(ENOENT\)/);
    writeFileSync(join(dir, 'bad.json'), '{ "units": [ ');
    expect(() => loadUnitRegistry(join(dir, 'bad.json'))).toThrow(/bad\.json is invalid:\n.*not valid JSON/);
  });

  it('names the file in validation errors', () => {
    const file = join(dir, 'units.json');
    writeFileSync(file, JSON.stringify({ units: [{ ...polresNunukan, agencyType: 'SHERIFF' }] }));
    expect(() => loadUnitRegistry(file)).toThrow(expect.objectContaining({ source: file, message: expect.stringContaining(`${file} is invalid`) }));
  });
});

describe('the Indonesia seed registry', () => {
  const seed = loadUnitRegistry(SEED);

  it.each([
    ['polres-nunukan', 'POLICE', 'district', '65.03'],
    ['uptd-ppa-nunukan', 'SERVICE_UNIT', 'district', '65.03'],
    ['dinsos-nunukan', 'SOCIAL_SERVICES', 'district', '65.03'],
    ['kejari-nunukan', 'PROSECUTOR', 'district', '65.03'],
    ['pn-nunukan', 'COURT', 'district', '65.03'],
    ['rsud-nunukan', 'HEALTH', 'district', '65.03'],
    ['imigrasi-nunukan', 'IMMIGRATION', 'district', '65.03'],
    ['p4mi-nunukan', 'MIGRANT_PROTECTION', 'district', '65.03'],
    ['rptc-tarakan', 'SOCIAL_SERVICES', 'district', '65.71'],
    ['polda-kaltara', 'POLICE', 'province', '65'],
    ['uptd-ppa-kaltara', 'SERVICE_UNIT', 'province', '65'],
    ['dinsos-kaltara', 'SOCIAL_SERVICES', 'province', '65'],
    ['kejati-kaltara', 'PROSECUTOR', 'province', '65'],
    ['gugus-tugas-kaltara', 'TASK_FORCE', 'province', '65'],
    ['polresta-kupang-kota', 'POLICE', 'district', '53.71'],
    ['uptd-ppa-kota-kupang', 'SERVICE_UNIT', 'district', '53.71'],
    ['kejari-kota-kupang', 'PROSECUTOR', 'district', '53.71'],
    ['pn-kupang', 'COURT', 'district', '53.71'],
    ['rsud-sk-lerik', 'HEALTH', 'district', '53.71'],
    ['polres-sumba-barat', 'POLICE', 'district', '53.12'],
    ['uptd-ppa-sumba-barat', 'SERVICE_UNIT', 'district', '53.12'],
    ['kejari-sumba-barat', 'PROSECUTOR', 'district', '53.12'],
    ['dinsos-sumba-barat', 'SOCIAL_SERVICES', 'district', '53.12'],
    ['polda-ntt', 'POLICE', 'province', '53'],
    ['uptd-ppa-ntt', 'SERVICE_UNIT', 'province', '53'],
    ['gugus-tugas-ntt', 'TASK_FORCE', 'province', '53'],
    ['bp3mi-ntt', 'MIGRANT_PROTECTION', 'province', '53'],
    ['lbh-apik-ntt', 'LEGAL_AID', 'province', '53'],
    ['rumah-perempuan-kupang', 'NGO', 'district', '53.71'],
    ['kemenpppa', 'MINISTRY', 'national', '00'],
    ['lpsk-ri', 'LPSK', 'national', '00'],
    ['kemen-p2mi', 'MIGRANT_PROTECTION', 'national', '00'],
    ['bareskrim-dittipid-ppa-ppo', 'POLICE', 'national', '00'],
    ['kemenlu-pwni', 'FOREIGN_AFFAIRS', 'national', '00'],
    ['kbri-kuala-lumpur', 'FOREIGN_AFFAIRS', 'national', '00'],
    ['konsulat-ri-tawau', 'FOREIGN_AFFAIRS', 'national', '00'],
    ['gugus-tugas-pusat', 'TASK_FORCE', 'national', '00'],
    ['kemensos', 'SOCIAL_SERVICES', 'national', '00'],
  ])('holds %s (%s, %s, %s)', (id, agencyType, level, regionCode) => {
    expect(seed.require(id)).toEqual(expect.objectContaining({ id, agencyType, level, regionCode }));
  });

  it('has a unit of every agency type', () => {
    for (const type of AGENCY_TYPES) expect(seed.byType(type).length).toBeGreaterThan(0);
  });

  it('puts the Nunukan units under the Kaltara task force and outside NTT', () => {
    expect(seed.isWithin('gugus-tugas-kaltara', seed.require('uptd-ppa-nunukan').regionCode)).toBe(true);
    expect(seed.isWithin('gugus-tugas-ntt', seed.require('uptd-ppa-nunukan').regionCode)).toBe(false);
    expect(seed.isWithin('gugus-tugas-pusat', seed.require('polres-sumba-barat').regionCode)).toBe(true);
  });
});
