/** 职业技能大赛 (交政办发〔2022〕15号): registrations and the per-event selection over one repository; the procedure bound here. */
import type { Access } from '../../core/access.js';
import type { UnitOfWork } from '../../core/db.js';
import type { DirectoryService } from '../directory/index.js';
import type { FilesService } from '../files/index.js';
import type { WorkflowService } from '../workflow/index.js';
import { RegistrationsService } from './registrations.service.js';
import { SelectionService } from './selection.service.js';
import { DOCUMENT_ENTITY, registrationFlow } from './skills.flow.js';
import type { RegistrationRow, SkillsRepository } from './skills.repository.js';
import { DOCUMENT_KINDS, type DocumentKind } from './skills.rules.js';

export interface SkillsDeps {
  repo: SkillsRepository;
  directory: DirectoryService;
  files: FilesService;
  workflow: WorkflowService;
  access: Access;
  uow: UnitOfWork;
  today: () => string;
  now: () => string;
  /** Where contest videos are kept. */
  videoDir: string;
}

export class SkillsService {
  readonly registrations: RegistrationsService;
  readonly selection: SelectionService;

  constructor(d: SkillsDeps) {
    const onFile = async (r: RegistrationRow): Promise<DocumentKind[]> => {
      const n = await d.files.counts(DOCUMENT_ENTITY, DOCUMENT_KINDS.map((k) => `${r.id}.${k}`));
      return DOCUMENT_KINDS.filter((k) => n.get(`${r.id}.${k}`));
    };
    const flow = d.workflow.bind(registrationFlow({ onFile }), { load: (actor, id) => this.registrations.load(actor, id), transition: (id, from, to, patch) => d.repo.transition(id, from, to, patch) }, { access: d.access, clock: { now: d.now, today: d.today } });
    this.registrations = new RegistrationsService(d.repo, d.directory, d.access, flow, onFile, d.today, d.now, d.uow, d.videoDir);
    this.selection = new SelectionService(d.repo, d.access, d.now);
  }

  seed(): Promise<string[]> {
    return this.selection.seed();
  }
}
