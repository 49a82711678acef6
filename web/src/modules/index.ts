/** The one list of web modules (the server's is server/src/modules/index.ts). */
import type { WebModule } from '../platform/module';
import { accountsWeb } from './accounts';
import { auditWeb } from './audit';
import { calendarWeb } from './calendar';
import { directoryWeb } from './directory';
import { gazetteWeb } from './gazette';
import { grainWeb } from './grain';
import { noticesWeb } from './notices';
import { supervisionWeb } from './supervision';
import { skillsWeb } from './skills';
import { toiletsWeb } from './toilets';
import { trusteeshipWeb } from './trusteeship';
import { villageplanWeb } from './villageplan';
import { agrifundWeb } from './agrifund';
import { landWeb } from './land';
import { vouchersWeb } from './vouchers';

export const WEB_MODULES: readonly WebModule[] = [gazetteWeb, noticesWeb, calendarWeb, vouchersWeb, supervisionWeb, trusteeshipWeb, toiletsWeb, grainWeb, skillsWeb, villageplanWeb, agrifundWeb, landWeb, accountsWeb, directoryWeb, auditWeb];
