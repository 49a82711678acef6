/** The county's directory: units, their short forms, and resolving a name found in a document. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../core/audit.js';
import type { BodyDeclaration } from '../../core/access.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import { installNow } from '../../core/time.js';
import { DEPARTMENTS, GAZETTE_TOWNSHIPS, OUTSIDE_BODIES, TOWNSHIP_ALIASES } from './directory.data.js';
import type { DirectoryRepository, NewUnit, UnitRow } from './directory.repository.js';

export type UnitKind = 'county' | 'township' | 'village' | 'department' | 'body';

export interface Unit {
  id: number;
  code: string | null;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  shortNames: string[];
  note: string | null;
}

const DIVISIONS = fileURLToPath(new URL('../../../fixtures/jiaocheng-divisions.json', import.meta.url));

interface Divisions {
  source: string;
  county: { code: string; name: string };
  townships: { code: string; name: string }[];
  villages: { code: string; name: string; townshipCode: string }[];
}

const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  parentId: r.parent_id,
  shortNames: JSON.parse(r.short_names) as string[],
  note: r.note,
});

/** Spaces out, 交城县 prefix normalised to 县 for county bodies. */
function normalizeName(name: string): string {
  return name.replace(/\s+/g, '').replace(/^交城县(?=.+(局|中心|办公室|委员会|办))/, '县');
}

/** A name or short form to one of the units, or null when unknown or ambiguous. */
export function resolveUnitName<U extends { name: string; shortNames: string[] }>(units: readonly U[], name: string): U | null {
  const n = normalizeName(name);
  if (!n) return null;
  const exact = units.filter((u) => normalizeName(u.name) === n);
  if (exact.length === 1) return exact[0];
  const short = units.filter((u) => u.shortNames.some((s) => normalizeName(s) === n));
  if (exact.length === 0 && short.length === 1) return short[0];
  return null;
}

/** The departments, bodies and townships every install starts with (for work without a database, such as the CLI). */
export function seedUnitNames(): { name: string; shortNames: string[] }[] {
  return [
    ...GAZETTE_TOWNSHIPS.map((name) => ({ name, shortNames: TOWNSHIP_ALIASES[name] ?? [] })),
    ...DEPARTMENTS.map((d) => ({ name: d.name, shortNames: d.shortNames })),
    ...OUTSIDE_BODIES.map((b) => ({ name: b.name, shortNames: b.shortNames })),
  ];
}

export class DirectoryService {
  private cache: Unit[] | null = null;

  constructor(private readonly repo: DirectoryRepository) {}

  /** Create the county's units when the directory is empty. */
  async seedIfEmpty(): Promise<number> {
    if ((await this.repo.count()) > 0) return 0;
    const div = JSON.parse(readFileSync(DIVISIONS, 'utf8')) as Divisions;
    const official = new Map(div.townships.map((t) => [t.name, t.code]));
    const units: (NewUnit & { parentKey?: string })[] = [
      { code: div.county.code, name: '交城县', kind: 'county', parent_id: null, short_names: JSON.stringify(['交城县人民政府', '县人民政府', '县政府', '本县']), note: div.source },
    ];
    for (const name of GAZETTE_TOWNSHIPS) {
      const code = official.get(name) ?? null;
      units.push({
        code,
        name,
        kind: 'township',
        parent_id: null,
        parentKey: div.county.code,
        short_names: JSON.stringify(TOWNSHIP_ALIASES[name] ?? []),
        note: code ? null : '公报中出现；2023 年统计用区划代码中未列出，代码待核实',
      });
    }
    for (const t of div.townships) {
      if ((GAZETTE_TOWNSHIPS as readonly string[]).includes(t.name)) continue;
      units.push({ code: t.code, name: t.name, kind: 'township', parent_id: null, parentKey: div.county.code, short_names: '[]', note: '统计用区划代码列出，公报中未出现' });
    }
    for (const v of div.villages) {
      units.push({ code: v.code, name: v.name, kind: 'village', parent_id: null, parentKey: v.townshipCode, short_names: JSON.stringify(v.name.endsWith('委会') ? [v.name.replace(/(村民|居民)?委员会$|居委会$|村委会$/, '')] : []), note: null });
    }
    for (const d of DEPARTMENTS) units.push({ code: d.code ?? null, name: d.name, kind: 'department', parent_id: null, parentKey: div.county.code, short_names: JSON.stringify(d.shortNames), note: d.note ?? null });
    for (const b of OUTSIDE_BODIES) units.push({ code: b.code ?? null, name: b.name, kind: 'body', parent_id: null, short_names: JSON.stringify(b.shortNames), note: b.note ?? null });
    await this.repo.seed(units, installNow());
    this.cache = null;
    return units.length;
  }

  /** Add the declared bodies marked `add` whose code no unit has yet (concurrent starts: the code is unique). */
  async ensureBodies(bodies: readonly BodyDeclaration[]): Promise<void> {
    const known = new Set((await this.all()).map((u) => u.code));
    const missing = bodies.filter((b) => b.add && !known.has(b.code));
    if (missing.length === 0) return;
    const county = (await this.all()).find((u) => u.kind === 'county')?.id ?? null;
    for (const b of missing) {
      const add = b.add!;
      await this.repo.addIfAbsent({ code: b.code, name: b.name, kind: add.kind, parent_id: add.kind === 'department' ? county : null, short_names: JSON.stringify(add.shortNames ?? []), note: add.note ?? null }, installNow());
    }
    this.cache = null;
  }

  async all(): Promise<Unit[]> {
    return (this.cache ??= (await this.repo.all()).map(toUnit));
  }

  /** The id of the unit with this directory code, or null. */
  async idOfCode(code: string): Promise<number | null> {
    return (await this.all()).find((u) => u.code === code)?.id ?? null;
  }

  async get(id: number): Promise<Unit> {
    const u = (await this.all()).find((x) => x.id === id);
    if (!u) throw notFound(`单位 ${id} `);
    return u;
  }

  /** The township a unit belongs to (itself for a township, its parent for a village), else null. */
  async townshipOf(unitId: number | null): Promise<number | null> {
    if (unitId === null) return null;
    const u = (await this.all()).find((x) => x.id === unitId);
    if (!u) return null;
    if (u.kind === 'township') return u.id;
    if (u.kind === 'village') return u.parentId;
    return null;
  }

  /** Resolve a name or short form found in a document to one unit, or null when unknown or ambiguous. */
  async resolve(name: string): Promise<Unit | null> {
    return resolveUnitName(await this.all(), name);
  }

  async create(actor: Actor, input: { name: string; kind: UnitKind; parentId: number | null; code: string | null; shortNames: string[]; note: string | null }): Promise<Unit> {
    const units = await this.all();
    if (input.parentId !== null && !units.some((u) => u.id === input.parentId)) throw invalidField('parentId', '上级单位不存在');
    if (units.some((u) => u.name === input.name && u.parentId === input.parentId)) throw conflict(`同一上级下已有“${input.name}”`);
    if (input.code && units.some((u) => u.code === input.code)) throw conflict(`代码 ${input.code} 已被使用`);
    const row = await this.repo.create(
      actor,
      { name: input.name, kind: input.kind, parent_id: input.parentId, code: input.code, short_names: JSON.stringify(input.shortNames), note: input.note },
      installNow(),
    );
    this.cache = null;
    return toUnit(row);
  }

  async update(actor: Actor, id: number, patch: { name?: string; shortNames?: string[]; note?: string | null }): Promise<Unit> {
    const row = await this.repo.update(
      actor,
      id,
      {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.shortNames !== undefined ? { short_names: JSON.stringify(patch.shortNames) } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
      },
      installNow(),
    );
    if (!row) throw notFound(`单位 ${id} `);
    this.cache = null;
    return toUnit(row);
  }
}
