/**
 * Procedures declared once. A programme's record (a household, an organisation, a task, a statement) moves through
 * named states by steps; a step says from which states it may be taken, to which it leads, who may take it (a role,
 * or a relation to the record: its township, village, owner, a unit it names, a body by directory code), a guard
 * that reads the database and returns the refusal reason, the attachments it needs, a public notice it publishes, a
 * multi-party sign-off. `run` does the same moves for every step in one unit of work; `actions` tells a page what this
 * actor may do now and why not the rest, so pages render buttons from it and never test a role.
 *
 * Not a state-machine library (XState and the like): a step here is one HTTP request against one database row, its
 * guards read the database, its conditional update is the only arbiter of a race, and the state lives in the row.
 */
import type { Access, Party, Relations } from './access.js';
import type { Actor } from './audit.js';
import { declareAuditLabels } from './labels.js';
import { conflict, forbidden, notFound } from './errors.js';
import type { StateDecl } from './states.js';

export type { StateDecl } from './states.js';

/** A form field a step asks for (the page builds the form from it). */
export interface StepField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'money';
  required: boolean;
  options?: { value: string; label: string }[];
  placeholder?: string;
}

/** An attachment a step needs on file before it may be taken. */
export interface RequiredFile {
  /** The file policy's entity (files module), e.g. toilet_paper. */
  entity: string;
  /** The record key the file is attached under, e.g. `12.agreement`. */
  entityId: string;
  label: string;
}

/** A public notice a step publishes (through the notices module, on the module's own clock). */
export interface StepNotice {
  unitId: number;
  subject: string;
  content: string;
  basis: string;
  minLength: number;
  unit: '日' | '工作日';
}

/** One party of a multi-party sign-off (e.g. the five signatures of an acceptance form). */
export interface SignParty {
  key: string;
  label: string;
  who: readonly Party[];
  /** The refusal when the actor is not this party (default: 「「<label>」签字应由<parties>办理」). */
  refuse?: string;
}

/** A step of a procedure over records R with states S, taking input I. */
export interface StepDecl<R, S extends string, I> {
  label: string;
  from: readonly S[];
  /** The state it leads to (a sign-off step: the state once every party has signed). */
  to: S | ((rec: R, input: I) => S);
  /** Who may take it; for a sign-off, each party's own `who` is used instead. */
  who: readonly Party[];
  /** The refusal when the actor is not a party (default: 「<label>由<parties>办理」). */
  refuse?: string;
  /** The refusal when the record is in another state (default: 「当前为「…」，不能<label>」). */
  wrongState?: (rec: R) => string;
  /** The refusal of a lost race, saying what happened meanwhile (default: MOVED). */
  lost?: string;
  /** Checks of the input alone (throw 400 naming the field); run only when the step is taken. */
  check?: (rec: R, input: I, actor: Actor) => void | Promise<void>;
  /** Why the step cannot be taken now (a notice still running, a cap), or null; input is undefined when listing actions. */
  guard?: (rec: R, input: I | undefined, actor: Actor) => string | null | Promise<string | null>;
  files?: (rec: R) => RequiredFile[];
  /** Columns written with the state, in the same conditional update. */
  patch?: (rec: R, input: I, actor: Actor) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** More writes in the same unit of work, after the update (a quota place, a child row); throw to undo all. */
  effect?: (rec: R, input: I, actor: Actor, tools: { notice: { id: number; earliestEnd: string } | null }) => Promise<void>;
  notice?: (rec: R, input: I, actor: Actor) => StepNotice | Promise<StepNotice>;
  /** The log's note (a reason, an opinion). */
  note?: (input: I) => string | null | undefined;
  signoff?: {
    parties: readonly SignParty[];
    /** Which party this request signs for. */
    party: (input: I) => string;
    /** Record the party's signature (unique per record and party): false when it had signed already. */
    record: (rec: R, party: string, input: I, actor: Actor, via: Party) => Promise<boolean>;
    /** The parties that have signed. */
    signed: (rec: R) => Promise<readonly string[]>;
  };
  fields?: StepField[];
  confirm?: string;
  danger?: boolean;
}

/** A procedure: its entity (for the step log and the audit trail), states and steps. */
export interface FlowDecl<R extends { id: number | string; status: string }, S extends string, Steps extends Record<string, StepDecl<R, S, any>>> {
  entity: string;
  /** What a record is called in messages, e.g. 改厕户. */
  noun: string;
  states: Readonly<Record<S, StateDecl>>;
  steps: Steps;
  relations: (rec: R) => Relations;
  /** Where a page posts a step. */
  path: (rec: R, step: keyof Steps & string) => string;
}

/** Declare a procedure; the types of its states and steps are inferred. */
export const defineFlow = <R extends { id: number | string; status: string }, S extends string, Steps extends Record<string, StepDecl<R, S, any>>>(d: FlowDecl<R, S, Steps>) => d;

/** One step of a procedure as this actor sees it now. */
export interface StepAction {
  step: string;
  label: string;
  allowed: boolean;
  reason: string | null;
  path: string;
  fields: StepField[];
  files: { entity: string; entityId: string; label: string; present: boolean }[];
  confirm: string | null;
  danger: boolean;
  /** Body fields the step presets (a sign-off's party). */
  body: Record<string, unknown>;
}

/** One row of a record's step log. */
export interface StepLogEntry {
  id: number;
  step: string;
  label: string;
  from: string | null;
  to: string;
  fromLabel: string | null;
  toLabel: string;
  actor: string;
  role: string;
  at: string;
  note: string | null;
  due: string | null;
}

/** A row of the step log as stored. */
export interface StepLogRow {
  /** The procedure's entity, e.g. toilet_household. */
  entity: string;
  record_id: string;
  step: string;
  /** Empty for the record's creation. */
  from_state: string | null;
  to_state: string;
  actor_name: string;
  actor_role: string;
  user_id: number | null;
  note: string | null;
  /** The deadline of the state entered, when the state has one (YYYY-MM-DD). */
  due_on: string | null;
  at: string;
}

/** What the kit needs of the platform (the workflow module provides it, on the calling module's clock). */
export interface FlowPorts {
  uow: <T>(fn: () => Promise<T>) => Promise<T>;
  access: Access;
  now: () => string;
  today: () => string;
  appendLog: (row: StepLogRow) => Promise<void>;
  readLog: (entity: string, recordId: string) => Promise<(StepLogRow & { id: number })[]>;
  audit: (actor: Actor, entity: string, id: number | string, action: string, after: unknown) => Promise<void>;
  fileCounts: (entity: string, keys: string[]) => Promise<Map<string, number>>;
  publish: (actor: Actor, n: StepNotice) => Promise<{ id: number; earliestEnd: string }>;
  dueDate: (start: string, length: number, unit: '日' | '工作日') => Promise<string>;
}

/** What a module gives the kit for its records: loading in scope and the conditional update (SQL in its repository). */
export interface FlowStore<R> {
  /** The record if the actor may see it, else null (answered 404, so its existence is not revealed). */
  load: (actor: Actor, id: R extends { id: infer K } ? K : never) => Promise<R | null>;
  /** `update … set status = to, … where id = ? and status in (from)`: false when the record had moved meanwhile. */
  transition: (id: R extends { id: infer K } ? K : never, from: readonly string[], to: string, patch: Record<string, unknown>) => Promise<boolean>;
}

/** The message of a lost race: the record moved between reading and writing. */
export const MOVED = '状态已变化，请刷新后重试';

/** A declared procedure bound to its store and the platform: run steps, list actions, read the step log. */
export class Flow<R extends { id: number | string; status: string }, S extends string, Steps extends Record<string, StepDecl<R, S, any>>> {
  constructor(
    readonly decl: FlowDecl<R, S, Steps>,
    private readonly store: FlowStore<R>,
    private readonly ports: FlowPorts,
  ) {
    // The audit trail names the record by the procedure's noun and each step (and sign-off party) by its label.
    const actions: Record<string, string> = {};
    for (const [name, s] of Object.entries(decl.steps) as [string, StepDecl<R, S, any>][]) {
      actions[`${decl.entity}.${name}`] = s.label;
      for (const p of s.signoff?.parties ?? []) actions[`${decl.entity}.${name}.${p.key}`] = `${s.label}（${p.label}）`;
    }
    declareAuditLabels({ entities: { [decl.entity]: decl.noun }, actions });
  }

  /** A state's label. */
  label(state: string): string {
    return (this.decl.states as Record<string, StateDecl>)[state]?.label ?? state;
  }

  /** Every state with its label, in declaration order (for filters and legends). */
  stateList(): { value: S; label: string }[] {
    return (Object.entries(this.decl.states) as [S, StateDecl][]).map(([value, s]) => ({ value, label: s.label }));
  }

  private step(name: string): StepDecl<R, S, any> {
    const s = this.decl.steps[name];
    if (!s) throw notFound(`办理步骤「${name}」`);
    return s;
  }

  private parties(s: StepDecl<R, S, any>): readonly Party[] {
    return s.signoff ? s.signoff.parties.flatMap((p) => p.who) : s.who;
  }

  private async missing(rec: R, s: StepDecl<R, S, any>): Promise<{ entity: string; entityId: string; label: string; present: boolean }[]> {
    const need = s.files?.(rec) ?? [];
    const out: { entity: string; entityId: string; label: string; present: boolean }[] = [];
    for (const entity of [...new Set(need.map((f) => f.entity))]) {
      const mine = need.filter((f) => f.entity === entity);
      const counts = await this.ports.fileCounts(entity, mine.map((f) => f.entityId));
      for (const f of mine) out.push({ ...f, present: (counts.get(f.entityId) ?? 0) > 0 });
    }
    return out;
  }

  private stateRefusal(rec: R, s: StepDecl<R, S, any>): string {
    return s.wrongState?.(rec) ?? `当前为「${this.label(rec.status)}」，不能${s.label}`;
  }

  /**
   * Take a step: load in scope (404), the actor's relation (403), the state (409), the input's checks (400), the
   * guard (409), the files (409); then in one unit of work the conditional update, the effect, the notice, the step
   * log and the audit record. A lost race answers 409 and writes nothing. Returns the record as it now is.
   */
  async run(actor: Actor, id: R['id'], name: keyof Steps & string, input: unknown = {}): Promise<R> {
    const rec = await this.store.load(actor, id as never);
    if (!rec) throw notFound(`${this.decl.noun} ${id} `);
    const s = this.step(name);
    const rel = this.decl.relations(rec);
    let via: Party | null;
    let party: string | null = null;
    if (s.signoff) {
      party = s.signoff.party(input);
      const p = s.signoff.parties.find((x) => x.key === party);
      if (!p) throw notFound(`签字方「${party}」`);
      via = await this.ports.access.which(actor, p.who, rel);
      if (!via) throw forbidden(p.refuse ?? `「${p.label}」签字应由${this.ports.access.describe(p.who)}办理`);
    } else {
      via = await this.ports.access.which(actor, s.who, rel);
      if (!via) throw forbidden(s.refuse ?? `${s.label}由${this.ports.access.describe(s.who)}办理`);
    }
    if (!s.from.includes(rec.status as S)) throw conflict(this.stateRefusal(rec, s));
    await s.check?.(rec, input, actor);
    const reason = await s.guard?.(rec, input, actor);
    if (reason) throw conflict(reason);
    const absent = (await this.missing(rec, s)).filter((f) => !f.present);
    if (absent.length) throw conflict(`请先上传${absent.map((f) => f.label).join('、')}`);
    const to = typeof s.to === 'function' ? s.to(rec, input) : s.to;
    await this.ports.uow(async () => {
      // A sign-off's columns are written when the last party signs (completeSignoff), not with each signature.
      const patch = s.signoff ? {} : ((await s.patch?.(rec, input, actor)) ?? {});
      if (s.signoff) {
        if (!(await s.signoff.record(rec, party!, input, actor, via))) throw conflict(`「${s.signoff.parties.find((x) => x.key === party)!.label}」已签字`);
      } else if (!(await this.store.transition(rec.id as never, s.from, to, patch))) {
        throw conflict(s.lost ?? MOVED);
      }
      const n = s.notice ? await this.ports.publish(actor, await s.notice(rec, input, actor)) : null;
      await s.effect?.(rec, input, actor, { notice: n });
      const target = s.signoff ? rec.status : to;
      await this.log(actor, rec, name, rec.status, target, s.signoff ? `${s.signoff.parties.find((x) => x.key === party)!.label}签字` : (s.note?.(input) ?? null));
      await this.ports.audit(actor, this.decl.entity, rec.id, s.signoff ? `${name}.${party}` : name, { from: rec.status, to: target, ...patch });
    });
    // The last signature completes the sign-off. Checked after the signature committed, so of two signing at once the
    // later always sees both; the conditional update lets only one of them move the record.
    if (s.signoff) await this.completeSignoff(actor, rec, name, s, to);
    return (await this.store.load(actor, id as never))!;
  }

  private async completeSignoff(actor: Actor, rec: R, name: string, s: StepDecl<R, S, any>, to: S) {
    const signed = new Set(await s.signoff!.signed(rec));
    if (!s.signoff!.parties.every((p) => signed.has(p.key))) return;
    await this.ports.uow(async () => {
      const patch = (await s.patch?.(rec, {}, actor)) ?? {};
      if (!(await this.store.transition(rec.id as never, s.from, to, patch))) return;
      await this.log(actor, rec, name, rec.status, to, '各方签字齐全');
      await this.ports.audit(actor, this.decl.entity, rec.id, name, { from: rec.status, to, ...patch });
    });
  }

  private async log(actor: Actor, rec: R, step: string, from: string, to: string, note: string | null) {
    const due = (this.decl.states as Record<string, StateDecl>)[to]?.due;
    const at = this.ports.now();
    await this.ports.appendLog({
      entity: this.decl.entity,
      record_id: String(rec.id),
      step,
      from_state: from,
      to_state: to,
      actor_name: actor.name,
      actor_role: actor.role,
      user_id: actor.userId,
      note,
      due_on: due && from !== to ? await this.ports.dueDate(this.ports.today(), due.length, due.unit) : null,
      at,
    });
  }

  /** Record a record's first state (its creation) in the step log, inside the caller's unit of work. */
  async created(actor: Actor, rec: R, note: string | null = null): Promise<void> {
    await this.log(actor, rec, 'create', '', rec.status, note);
  }

  /**
   * The steps this actor could take on the record from its state, each allowed or with the reason it is not now
   * (a guard, a missing file, a party already signed). Steps of other states, and those of parties the actor is not,
   * are left out. `guards: false` skips the guards and files (for long lists).
   */
  async actions(actor: Actor, rec: R, opts: { guards?: boolean } = {}): Promise<StepAction[]> {
    const out: StepAction[] = [];
    const rel = this.decl.relations(rec);
    for (const [name, s] of Object.entries(this.decl.steps) as [string, StepDecl<R, S, any>][]) {
      if (!this.ports.access.couldBe(actor, this.parties(s))) continue;
      const base = { step: name, path: this.decl.path(rec, name as never), fields: s.fields ?? [], confirm: s.confirm ?? null, danger: s.danger ?? false };
      // Steps of other states are not offered: a page shows what can be done from here, a refusal says why not now.
      if (!s.from.includes(rec.status as S)) continue;
      if (s.signoff) {
        const signed = new Set(await s.signoff.signed(rec));
        for (const p of s.signoff.parties) {
          if (!this.ports.access.couldBe(actor, p.who) || !(await this.ports.access.which(actor, p.who, rel))) continue;
          const reason = signed.has(p.key) ? `「${p.label}」已签字` : opts.guards === false ? null : await s.guard?.(rec, undefined, actor);
          out.push({ ...base, label: `${s.label}（${p.label}）`, allowed: !reason, reason: reason ?? null, files: [], body: { party: p.key } });
        }
        continue;
      }
      // A party that is not this record's (another township's) is not offered the step at all.
      if (!(await this.ports.access.which(actor, s.who, rel))) continue;
      let reason = opts.guards === false ? null : ((await s.guard?.(rec, undefined, actor)) ?? null);
      const files = opts.guards === false ? [] : await this.missing(rec, s);
      const absent = files.filter((f) => !f.present);
      if (!reason && absent.length) reason = `请先上传${absent.map((f) => f.label).join('、')}`;
      out.push({ ...base, label: s.label, allowed: !reason, reason, files, body: {} });
    }
    return out;
  }

  /** The record's step log (谁、何时、做了什么), oldest first. */
  async timeline(id: R['id']): Promise<StepLogEntry[]> {
    const rows = await this.ports.readLog(this.decl.entity, String(id));
    return rows.map((r) => ({
      id: r.id,
      step: r.step,
      label: r.step === 'create' ? '登记' : ((this.decl.steps[r.step] as StepDecl<R, S, any> | undefined)?.label ?? r.step),
      from: r.from_state || null,
      to: r.to_state,
      fromLabel: r.from_state ? this.label(r.from_state) : null,
      toLabel: this.label(r.to_state),
      actor: r.actor_name,
      role: r.actor_role,
      at: r.at,
      note: r.note,
      due: r.due_on,
    }));
  }

  /**
   * What waits on the actor among records in their scope: for each step, how many records it could take now (by
   * relation and state, guards not run), for the workbench.
   */
  async waiting(actor: Actor, records: readonly R[]): Promise<{ step: string; label: string; count: number }[]> {
    const out: { step: string; label: string; count: number }[] = [];
    for (const [name, s] of Object.entries(this.decl.steps) as [string, StepDecl<R, S, any>][]) {
      if (s.signoff || !this.ports.access.couldBe(actor, s.who)) continue;
      let count = 0;
      for (const r of records) if (s.from.includes(r.status as S) && (await this.ports.access.which(actor, s.who, this.decl.relations(r)))) count++;
      if (count) out.push({ step: name, label: s.label, count });
    }
    return out;
  }
}
