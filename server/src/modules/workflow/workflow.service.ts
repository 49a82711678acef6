/** Binds declared procedures (core/workflow.ts) to the platform: the step log, audit, files, notices and the calendar. */
import { Access, type BodyDeclaration } from '../../core/access.js';
import type { UnitOfWork } from '../../core/db.js';
import { Flow, type FlowDecl, type FlowStore, type StepDecl } from '../../core/workflow.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { FilesService } from '../files/index.js';
import type { NoticesService } from '../notices/index.js';
import type { WorkflowRepository } from './workflow.repository.js';

/** A module's clock: its now and its China date, which its notices and deadlines follow too. */
export interface ModuleClock {
  now: () => string;
  today: () => string;
}

export class WorkflowService {
  constructor(
    private readonly repo: WorkflowRepository,
    private readonly uow: UnitOfWork,
    private readonly directory: DirectoryService,
    private readonly files: FilesService,
    private readonly notices: NoticesService,
    private readonly calendar: CalendarService,
  ) {}

  /** The access checks of a module whose bodies are declared by directory code. */
  access(bodies: Readonly<Record<string, BodyDeclaration>> = {}): Access {
    return new Access(bodies, (code) => this.directory.idOfCode(code));
  }

  /** A procedure bound to its store, on the module's clock (its notices start on the module's today). */
  bind<R extends { id: number | string; status: string }, S extends string, Steps extends Record<string, StepDecl<R, S, any>>>(
    decl: FlowDecl<R, S, Steps>,
    store: FlowStore<R>,
    opts: { access: Access; clock: ModuleClock },
  ): Flow<R, S, Steps> {
    const notices = this.notices.on(opts.clock.today);
    return new Flow(decl, store, {
      uow: this.uow,
      access: opts.access,
      now: opts.clock.now,
      today: opts.clock.today,
      appendLog: (row) => this.repo.append(row),
      readLog: (entity, id) => this.repo.log(entity, id),
      audit: (actor, entity, id, action, after) => this.repo.audit(actor, entity, id, action, after),
      fileCounts: (entity, keys) => this.files.counts(entity, keys),
      publish: async (actor, n) => {
        const v = await notices.publishToday(actor, n);
        return { id: v.id, earliestEnd: v.earliestEnd };
      },
      dueDate: async (start, length, unit) => (await this.calendar.calendar()).periodEnd(start, length, unit),
    });
  }
}
