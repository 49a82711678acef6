/** A believable start for demo installs (never production): two 西营镇 villages surveyed, some households chosen and on notice. */
import type { Actor } from '../../core/audit.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import { TINY_JPEG, type FilesService } from '../files/index.js';
import type { ToiletsService } from './toilets.service.js';

/** The demo's stand-in for a photo taken before renovation (the tests import it from here too). */
export { TINY_JPEG };

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** An 18-digit resident ID with its GB 11643 check character. */
export const residentId = (first17: string) => first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i], 0) % 11];

export async function seedToiletsDemo(service: ToiletsService, accounts: AccountsService, directory: DirectoryService, files: FilesService): Promise<string[]> {
  const units = await directory.all();
  const xiying = units.find((u) => u.kind === 'township' && u.name === '西营镇');
  const userId = await accounts.idOf('xiying');
  if (!xiying || !userId) return [];
  const actor: Actor = { userId, name: '西营镇经办人', role: 'township_official', unitId: xiying.id, townshipId: xiying.id };
  if ((await service.households.households(actor, {})).length) return [];
  const villages = units.filter((u) => u.kind === 'village' && u.parentId === xiying.id).slice(0, 2);
  if (villages.length < 2) return [];
  const surnames = '王李张刘陈杨赵黄周吴徐孙';
  const chosen: number[] = [];
  for (const [vi, v] of villages.entries()) {
    for (let i = 0; i < 12; i++) {
      const h = await service.households.survey(actor, {
        villageId: v.id,
        headName: `${surnames[i]}${vi ? '建国' : '志强'}`,
        idNo: residentId(`1411221965${String(vi + 1).padStart(2, '0')}${String(10 + i).padStart(2, '0')}${String(100 + i)}`),
        phone: `139${String(vi).padStart(4, '0')}${String(1000 + i)}`,
        address: `${v.name}${i + 1}号`,
        members: 3 + (i % 3),
        // The first village can be renovated whole (11 of 12 wish it); the second only half.
        currentType: i % 4 === 3 ? 'cement' : 'old',
        pits: 1,
        sanitary: false,
        wish: vi === 0 ? i < 11 : i % 2 === 0,
        wishNote: '',
        username: null,
      });
      await files.upload(actor, 'toilet_photo', `${h.id}.before`, '改造前.jpg', TINY_JPEG, 'image/jpeg');
      if (vi === 0 && i < 8) chosen.push(h.id);
    }
  }
  for (const [i, id] of chosen.entries()) await service.households.select(actor, id, i < 2 ? 'seco' : i === 3 || i === 7 ? 'cement' : 'old', null);
  // Near a new year whose holidays nobody has entered, no period can be counted: the list then waits unpublished.
  const noticed = await service.selection.publishBatch(actor, villages[0].id).then(
    () => '并公示',
    () => '，待公示',
  );
  const own = await surveyOwnVillage(service, accounts, directory, files);
  return [`农村改厕：西营镇 ${villages.map((v) => v.name).join('、')} 摸底 24 户，${villages[0].name} ${chosen.length} 户已确定${noticed}（账号 xiying、nongye）${own}`];
}

/** The demo village account's own survey under way, so `cunwei` has households to work on. */
async function surveyOwnVillage(service: ToiletsService, accounts: AccountsService, directory: DirectoryService, files: FilesService): Promise<string> {
  const userId = await accounts.idOf('cunwei');
  const me = userId ? await accounts.me({ userId, name: 'cunwei', role: 'village_committee', unitId: null, townshipId: null }) : null;
  const village = me?.unitId ? (await directory.all()).find((u) => u.kind === 'village' && u.id === me.unitId) : undefined;
  if (!userId || !me || !village) return '';
  const actor: Actor = { userId, name: me.displayName, role: 'village_committee', unitId: village.id, townshipId: village.parentId };
  const heads = ['郭玉兰', '任建军', '田秀英', '梁国平', '武海燕', '马志刚'];
  for (const [i, headName] of heads.entries()) {
    const h = await service.households.survey(actor, {
      villageId: village.id,
      headName,
      idNo: residentId(`1411221972031${i}${String(200 + i)}`),
      phone: `1357000${String(2000 + i)}`,
      address: `${village.name.replace(/(村民委员会|村委会|居委会)$/, '')}${i + 3}号`,
      members: 2 + (i % 4),
      currentType: i % 3 === 2 ? 'cement' : 'old',
      pits: 1,
      sanitary: false,
      wish: i !== 4,
      wishNote: i === 4 ? '户主常年在外务工，暂不改造' : '',
      username: null,
    });
    await files.upload(actor, 'toilet_photo', `${h.id}.before`, '改造前.jpg', TINY_JPEG, 'image/jpeg');
  }
  return `；${village.name} 摸底 ${heads.length} 户（账号 cunwei、tianning）`;
}
