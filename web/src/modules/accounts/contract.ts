/** What the accounts routes take, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { CreateUserBody, UpdateUserBody } from '../../../../server/src/modules/accounts/accounts.schema.js';

export type NewUser = z.input<typeof CreateUserBody>;
export type UserChange = z.input<typeof UpdateUserBody>;
