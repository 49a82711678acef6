/** What the skills routes take and answer, inferred type-only from the server's own schemas. */
import type { z } from 'zod';
import type { EventSchema, OverviewSchema, RegisterBody, RegistrationSchema, ResultsSchema, SelectionSchema } from '../../../../server/src/modules/skills/skills.routes.js';

export type SkillEvent = z.output<typeof EventSchema>;
export type SkillRegistration = z.output<typeof RegistrationSchema>;
export type SkillSelection = z.output<typeof SelectionSchema>;
export type SkillResults = z.output<typeof ResultsSchema>;
export type SkillOverview = z.output<typeof OverviewSchema>;
export type SkillRegisterRequest = z.input<typeof RegisterBody>;
