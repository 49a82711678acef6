/**
 * The web side of a module: its menu entries (grouped by programme), its routes and the permission each needs.
 * web/src/modules/index.ts lists them; App builds the menu and the routes from that list.
 */
import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '../../../server/src/core/auth.js';

export type { Permission };

export interface WebRoute {
  path: string;
  /** The page (usually lazy, so each module loads on demand). */
  page: ComponentType;
  /** A login is needed, and this permission when given; without `login`, anyone may open the page. */
  login?: boolean;
  permission?: Permission;
}

export interface WebMenuEntry {
  path: string;
  label: string;
  icon?: ReactNode;
  /** Shown only to roles that hold it; entries without one are shown to everyone. */
  permission?: Permission;
  /** An external link (not a page of the app). */
  href?: string;
}

export interface WebModule {
  name: string;
  /** The menu group (a programme: 公文, 公示, 消费券…); modules may share one by its label. */
  group: { label: string; icon: ReactNode; order: number };
  menu: WebMenuEntry[];
  routes: WebRoute[];
  /**
   * Where a user who holds `permission` starts after logging in (the lowest `order` that applies wins); a user no
   * module claims starts from the workbench (我的待办).
   */
  landings?: { path: string; permission: Permission; order: number }[];
  /**
   * Tabs of the phone's bottom bar, for the roles that hold their permission (residents' 领券, 我的券): the bar, with
   * 首页 and 我的 around them, is shown on a phone to a user who holds at least one.
   */
  phoneTabs?: { path: string; label: string; icon: ReactNode; permission: Permission; order: number }[];
  /** Panels a module adds beside a gazette document (e.g. the tasks it assigns); each decides whom it shows to. */
  documentPanels?: ComponentType<{ docNumber: string }>[];
}
