import { seeded } from './random.ts';

// Sentences in the register of a county land bureau's site, for bodies that read like the real thing.
const OPENINGS = [
  '为进一步规范土地管理秩序，切实保护耕地，根据《中华人民共和国土地管理法》及相关法律法规，',
  '按照省国土资源厅和市委、市政府的统一部署，',
  '为认真贯彻落实国家节约集约用地政策，提高土地利用效率，',
  '根据《招标拍卖挂牌出让国有建设用地使用权规定》（国土资源部令第39号），',
  '为做好地质灾害防治工作，保障人民群众生命财产安全，',
];
const MIDDLES = [
  '我局结合本地实际，认真研究制定了工作方案，明确了责任分工和完成时限。',
  '各乡镇、街道国土资源所要高度重视，加强组织领导，确保各项工作落到实处。',
  '经梅河口市人民政府批准，现将有关事项公告如下，请相关单位和个人认真阅读。',
  '局领导班子带队深入各乡镇开展实地调研，详细了解基层国土资源管理中存在的困难和问题。',
  '对检查中发现的问题，要建立台账，限期整改，整改情况及时报局办公室。',
  '凡符合条件的法人和其他组织均可报名参加，具体要求详见出让文件。',
  '会议强调，要坚持最严格的耕地保护制度和最严格的节约用地制度，守住耕地保护红线。',
];
const CLOSINGS = [
  '特此公告。',
  '联系电话：0435-4223456（办公室）。',
  '请各单位认真贯彻执行，执行中遇到的问题请及时向我局反映。',
  '会议要求，全局干部职工要进一步转变作风，以更加饱满的热情投入到各项工作中去。',
];

/** A few hundred characters of plausible body text, the same for the same seed. */
export function bodyText(seed: number): string {
  const r = seeded(seed);
  const parts = [r.pick(OPENINGS), r.pick(MIDDLES), r.pick(MIDDLES), r.pick(MIDDLES), r.pick(CLOSINGS)];
  return parts.join('');
}
