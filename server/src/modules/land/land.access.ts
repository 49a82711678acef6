/** Who runs 国有建设用地供应计划: the 县自然资源局 (and the county administrator standing in for it). */
import { body, role, type Party } from '../../core/access.js';

/**
 * (inferred) 交政发〔2022〕2号 is issued to the departments and names no one body for each step; the supply of state-owned
 * construction land is the 县自然资源局's statutory work (土地管理法), so its officials take every step.
 */
export const BODIES = { resources: { code: 'JC-ZRZYJ', name: '县自然资源局' } } as const;
/** The parties of every parcel step. */
export const RESOURCES: readonly Party[] = [body('resources'), role('county_admin')];
