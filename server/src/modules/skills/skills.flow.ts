/**
 * 职业技能大赛's registration procedure (交政办发〔2022〕15号 四、九、): registered → the unit confirms (盖章) with the
 * documents on file → recommended or not by the managing unit's selection (skills.selection.ts, per event).
 */
import { UNIT, role } from '../../core/access.js';
import { defineFlow } from '../../core/workflow.js';
import type { RegistrationRow } from './skills.repository.js';
import { DOCUMENTS, SOURCE, missingDocuments, type DocumentKind, type IdentityType } from './skills.rules.js';
import { REGISTRATION_STATES } from './skills.states.js';

/** The file entity for documents, keyed `<registration>.<kind>`. */
export const DOCUMENT_ENTITY = 'skill_document';

export const relationsOf = (r: RegistrationRow) => ({ ownerUserId: r.user_id, unitIds: [r.unit_id] });

/** The registration procedure, bound to what it reads (the documents on file). */
export const registrationFlow = (d: { onFile: (r: RegistrationRow) => Promise<DocumentKind[]> }) =>
  defineFlow({
    entity: 'skill_registration',
    noun: '参赛报名',
    states: REGISTRATION_STATES,
    relations: relationsOf,
    path: (r: RegistrationRow, step) => `/api/skills/registrations/${r.id}/${step}`,
    steps: {
      /** 「以上证明材料均需加盖单位公章」: the registering unit confirms once the documents of the identity type are on file. */
      confirm: {
        label: '单位确认（盖章）',
        from: ['registered'],
        to: 'confirmed',
        who: [UNIT, role('county_admin')],
        refuse: '报名由选手所在报名单位确认',
        wrongState: () => '该报名已确认',
        guard: async (r: RegistrationRow) => {
          const missing = missingDocuments(r.identity as IdentityType, await d.onFile(r));
          return missing.length ? `尚缺证明材料：${missing.join('、')}（${SOURCE} 九、（三））` : null;
        },
        note: () => '单位已核对证明材料并盖章',
        confirm: `确认该选手的报名？证明材料（${Object.values(DOCUMENTS).join('、')}等）须已加盖单位公章。`,
      },
    },
  });
