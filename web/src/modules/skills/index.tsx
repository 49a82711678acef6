import { lazy } from 'react';
import { TrophyOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module';

const SkillsPage = lazy(() => import('./SkillsPage').then((m) => ({ default: m.SkillsPage })));

/** 职业技能大赛 (交政办发〔2022〕15号). */
export const skillsWeb: WebModule = {
  name: 'skills',
  group: { label: '职业技能大赛', icon: <TrophyOutlined />, order: 50 },
  menu: [{ path: '/skills', label: '职业技能大赛', icon: <TrophyOutlined />, permission: 'skills.read' }],
  routes: [{ path: '/skills', page: SkillsPage, login: true, permission: 'skills.read' }],
};
