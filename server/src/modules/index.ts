/**
 * The one list of modules. Adding a programme: a folder under modules/ whose index.ts exports its manifest
 * (see core/module.ts), and one line here; the web side has its own list in web/src/modules/index.ts.
 */
import type { XianwuModule } from '../core/module.js';
import { accountsModule } from './accounts/index.js';
import { agrifundModule } from './agrifund/index.js';
import { auditModule } from './audit/index.js';
import { calendarModule } from './calendar/index.js';
import { directoryModule } from './directory/index.js';
import { exportsModule } from './exports/index.js';
import { filesModule } from './files/index.js';
import { gazetteModule } from './gazette/index.js';
import { grainModule } from './grain/index.js';
import { landModule } from './land/index.js';
import { noticesModule } from './notices/index.js';
import { supervisionModule } from './supervision/index.js';
import { skillsModule } from './skills/index.js';
import { toiletsModule } from './toilets/index.js';
import { trusteeshipModule } from './trusteeship/index.js';
import { villageplanModule } from './villageplan/index.js';
import { vouchersModule } from './vouchers/index.js';
import { workflowModule } from './workflow/index.js';

export const MODULES: readonly XianwuModule[] = [
  gazetteModule,
  directoryModule,
  accountsModule,
  auditModule,
  calendarModule,
  noticesModule,
  filesModule,
  exportsModule,
  workflowModule,
  vouchersModule,
  supervisionModule,
  trusteeshipModule,
  toiletsModule,
  grainModule,
  skillsModule,
  agrifundModule,
  landModule,
  villageplanModule,
];
