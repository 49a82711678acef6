/** Accounts, sessions and the HTTP authentication layer: the module's manifest and only public surface. */
import { ROLE_LABELS, EVERYONE } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import { AccountsRepository } from './accounts.repository.js';
import { accountsRoutes } from './accounts.routes.js';
import { AccountsService, DEMO_TRY_FIRST, type DemoAccount } from './accounts.service.js';
import { installAuth } from './accounts.http.js';
import * as m20261128010100 from './migrations/20261128010100-accounts.js';
import * as m20261130020000 from './migrations/20261130020000-login-throttle.js';

export { AccountsService, MAX_FAILED_LOGINS, type DemoAccount, type PublicUser } from './accounts.service.js';

/** The demo accounts' password (demo installs only). */
export const DEMO_PASSWORD = 'xianwu2022';

/** The accounts table printed on start. */
export function formatAccounts(list: DemoAccount[], demo: boolean): string[] {
  if (!list.length) return [];
  const lines = list.map((a) => `  ${a.username.padEnd(10)} ${a.password.padEnd(14)} ${ROLE_LABELS[a.role].padEnd(8, '　')} ${a.unit ?? ''}${a.tryFirst ? `　先试：${a.tryFirst}` : ''}`);
  const head = demo ? '演示账号（生产环境请设置 NODE_ENV=production 关闭）：' : '已创建管理员账号（首次登录须修改密码，请妥善保存）：';
  return ['', head, '  用户名     密码           角色       所属单位', ...lines];
}

export const accountsModule = defineModule({
  name: 'accounts',
  label: '账号与权限',
  auditLabels: { entities: { session: '登录', user: '用户' }, actions: { 'session.login': '登录', 'session.logout': '退出登录', login_failed: '登录失败', password_change_failed: '修改密码失败', change_password: '修改密码', read_pii: '查看个人信息' } },
  needs: ['directory'],
  migrations: { '20261128010100-accounts': m20261128010100, '20261130020000-login-throttle': m20261130020000 },
  permissions: {
    'account.self': EVERYONE,
    'users.read': ['county_admin', 'township_official'],
    'users.manage': ['county_admin'],
  },
  errors: { PASSWORD_CHANGE_REQUIRED: '首次登录或密码被重置后，须先修改密码才能办理其他事项' },
  create: (ctx) => new AccountsService(new AccountsRepository(ctx.db), ctx.use('directory'), ctx.bus),
  install: (app, service) => installAuth(app, service),
  routes: { prefix: '/api', plugin: (app, { service, ctx }) => accountsRoutes(app, { service, secureCookies: ctx.config.COOKIE_SECURE }) },
  jobs: [{ name: 'purge-sessions', everyMs: 3_600_000, run: (s) => s.purgeExpiredSessions() }],
  demoHints: DEMO_TRY_FIRST,
  // Demo installs get an account per role; production one administrator with a password to change at first login.
  async seed(service, ctx) {
    if (ctx.config.demoAccounts) {
      await service.seedDemo(DEMO_PASSWORD);
      return [];
    }
    const admin = await service.seedAdmin();
    return admin ? formatAccounts([admin], false) : [];
  },
  // Once every module has seeded (their demos add accounts of their own), the banner lists them all with what to try.
  async onStart(service, ctx) {
    if (!ctx.config.demoAccounts) return [];
    const hints = new Map(ctx.registry().modules.flatMap((m) => Object.entries(m.demoHints ?? {})));
    const list = await service.demoBanner(DEMO_PASSWORD, hints);
    return [...formatAccounts(list, true), `  另有演示居民 demo_r0001… 与演示商户 demo_shop2… 等（有消费券演示数据时），密码同上（如未修改）`];
  },
});

declare module '../../core/module.js' {
  interface Modules {
    accounts: typeof accountsModule;
  }
}
