/**
 * Who may act on a record: the actor's relation to it, resolved in one place. A route's permission says which roles
 * may call it at all; a party here says which of them may act on *this* record — its township, its village, its
 * owner, one of the units it names, or a body the module declares by its directory code (never by display name, so
 * renaming a unit in the directory does not change who may act).
 */
import type { Actor } from './audit.js';
import { forbidden } from './errors.js';
import { ROLE_LABELS, type Role } from './auth.js';

/** What a record is related to: the parties' anchors. */
export interface Relations {
  /** The township the record belongs to (its village's township). */
  townshipId?: number | null;
  villageId?: number | null;
  /** The account that owns it (a household, an organisation's login, a merchant). */
  ownerUserId?: number | null;
  /** Units the record names (a task's lead and supporting units). */
  unitIds?: readonly number[];
}

/** A party to a step: a role anywhere, a relation to the record, or a declared body. */
export type Party =
  | { role: Role }
  | { relation: 'township' | 'village' | 'owner' | 'unit' }
  | { body: string };

/** A unit a module acts through, declared in its manifest: its directory code and the name users know. */
export interface BodyDeclaration {
  code: string;
  name: string;
  /**
   * When the directory may lack the unit (a body the gazette names that no earlier module needed): its kind and
   * short forms, and the unit is added on seeding if no unit has its code. Without it a missing code leaves the body
   * unresolved (nobody acts as it) until the office adds the unit.
   */
  add?: { kind: 'department' | 'body'; shortNames?: readonly string[]; note?: string };
}

/** The parties, for declarations: `role('county_admin')`, `TOWNSHIP`, `body('office')`. */
export const role = (r: Role): Party => ({ role: r });
export const body = (key: string): Party => ({ body: key });
export const TOWNSHIP: Party = { relation: 'township' };
export const VILLAGE: Party = { relation: 'village' };
export const OWNER: Party = { relation: 'owner' };
export const UNIT: Party = { relation: 'unit' };

/** The roles that can hold each relation: a party the actor's role can never be is not listed among its actions. */
const RELATION_ROLES: Record<'township' | 'village' | 'owner' | 'unit', readonly string[]> = {
  township: ['township_official'],
  village: ['village_committee'],
  owner: ['resident', 'service_org', 'merchant'],
  unit: ['department_official', 'township_official', 'village_committee'],
};

/** What part of a programme's records an actor reads, by the actor's place: the one place roles are mapped to scopes. */
export type Scope =
  | { kind: 'county' }
  | { kind: 'township'; townshipId: number }
  | { kind: 'village'; villageId: number; townshipId: number | null }
  | { kind: 'unit'; unitId: number }
  | { kind: 'own'; userId: number }
  | { kind: 'none' };

/**
 * The scope of an actor: the county administrator and the auditor the whole county; a township its township; a village
 * its village; a department its own unit (a module widens it for a body it declares); service organisations,
 * merchants and residents their own records.
 */
export function scopeOf(actor: Actor): Scope {
  switch (actor.role) {
    case 'county_admin':
    case 'auditor':
      return { kind: 'county' };
    case 'township_official':
      return actor.unitId ? { kind: 'township', townshipId: actor.unitId } : { kind: 'none' };
    case 'village_committee':
      return actor.unitId ? { kind: 'village', villageId: actor.unitId, townshipId: actor.townshipId } : { kind: 'none' };
    case 'department_official':
      return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
    case 'service_org':
    case 'merchant':
    case 'resident':
      return actor.userId ? { kind: 'own', userId: actor.userId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** Whether a record with these relations is within the scope (a department's scope: the units the record names). */
export function inScope(scope: Scope, rel: Relations): boolean {
  switch (scope.kind) {
    case 'county':
      return true;
    case 'township':
      return rel.townshipId === scope.townshipId;
    case 'village':
      return rel.villageId === scope.villageId;
    case 'unit':
      return (rel.unitIds ?? []).includes(scope.unitId);
    case 'own':
      return rel.ownerUserId === scope.userId;
    case 'none':
      return false;
  }
}

/** The access checks of one module: its bodies resolved by code through `unitByCode` (the directory). */
export class Access {
  private ids = new Map<string, number | null>();

  constructor(
    private readonly bodies: Readonly<Record<string, BodyDeclaration>>,
    private readonly unitByCode: (code: string) => Promise<number | null>,
  ) {}

  /** The directory id of a declared body (null when the directory has no unit with its code). */
  async bodyId(key: string): Promise<number | null> {
    if (this.ids.has(key)) return this.ids.get(key)!;
    const decl = this.bodies[key];
    if (!decl) throw new Error(`未声明的机构：${key}`);
    const id = await this.unitByCode(decl.code);
    // An unknown code is not cached, so a unit added to the directory later is recognised without a restart.
    if (id !== null) this.ids.set(key, id);
    return id;
  }

  /** The declared body's name, for messages. */
  bodyName(key: string): string {
    return this.bodies[key]?.name ?? key;
  }

  /** Whether the actor is the declared body's official. */
  async isBody(actor: Actor, key: string): Promise<boolean> {
    if (actor.role !== 'department_official' || !actor.unitId) return false;
    return actor.unitId === (await this.bodyId(key));
  }

  /** Whether the actor is this party to a record with these relations. */
  async is(actor: Actor, party: Party, rel: Relations): Promise<boolean> {
    if ('role' in party) return actor.role === party.role;
    if ('body' in party) return this.isBody(actor, party.body);
    switch (party.relation) {
      case 'township':
        return actor.role === 'township_official' && actor.unitId !== null && actor.unitId === rel.townshipId;
      case 'village':
        return actor.role === 'village_committee' && actor.unitId !== null && actor.unitId === rel.villageId;
      case 'owner':
        return RELATION_ROLES.owner.includes(actor.role) && actor.userId !== null && actor.userId === rel.ownerUserId;
      case 'unit':
        return actor.unitId !== null && (rel.unitIds ?? []).includes(actor.unitId);
    }
  }

  /** The first of `parties` the actor is, or null. */
  async which(actor: Actor, parties: readonly Party[], rel: Relations): Promise<Party | null> {
    for (const p of parties) if (await this.is(actor, p, rel)) return p;
    return null;
  }

  /** Throws 403 naming who may act, unless the actor is one of `parties`. */
  async require(actor: Actor, parties: readonly Party[], rel: Relations, what: string): Promise<void> {
    if (!(await this.which(actor, parties, rel))) throw forbidden(`${what}由${this.describe(parties)}办理`);
  }

  /** Whether an actor of this role could ever be one of the parties (so the step is listed among its actions). */
  couldBe(actor: Actor, parties: readonly Party[]): boolean {
    return parties.some((p) => ('role' in p ? actor.role === p.role : 'body' in p ? actor.role === 'department_official' : RELATION_ROLES[p.relation].includes(actor.role)));
  }

  /** Parties in words: 「该户所在乡（镇）或县级管理员」. */
  describe(parties: readonly Party[]): string {
    const words = parties.map((p) =>
      'role' in p ? ROLE_LABELS[p.role] : 'body' in p ? this.bodyName(p.body) : { township: '所在乡（镇）', village: '所在村委会', owner: '本人', unit: '承办单位' }[p.relation],
    );
    return [...new Set(words)].join('或');
  }
}
