/**
 * What the directory routes take and answer, inferred from the server's own schemas (type-only: nothing of the server
 * is bundled). `Unit` is the directory's: other modules that list units import it from here.
 */
import type { z } from 'zod';
import type { CreateUnitBody, UnitSchema, UpdateUnitBody } from '../../../../server/src/modules/directory/directory.schema.js';

export type Unit = z.output<typeof UnitSchema>;
export type NewUnit = z.input<typeof CreateUnitBody>;
export type UnitChange = z.input<typeof UpdateUnitBody>;
