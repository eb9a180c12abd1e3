/**
 * Word lists of the synthetic data: names as people born 1925–1966 in Shanxi were named, the units
 * and posts of a county's retired officials, places, hospitals and medicines. Weights are rough
 * shares, not statistics; they only need to make the data look like a real register.
 */
import type { PersonFields } from '../../shared/schemas/persons';

type UnitLevel = PersonFields['unitLevel'];

/** Surnames with rough weights (per cent); the Shanxi register has many 郭, 武, 贾, 郝, 闫 … */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.5], ['李', 7], ['张', 6.5], ['刘', 5], ['郭', 3], ['赵', 3], ['杨', 2.8], ['武', 2.2], ['高', 2], ['陈', 2],
  ['田', 1.5], ['梁', 1.4], ['吴', 1.2], ['孙', 1.2], ['宋', 1.1], ['马', 1.1], ['任', 1.1], ['贾', 1], ['程', 1], ['韩', 1],
  ['冯', 0.9], ['范', 0.8], ['郝', 0.8], ['段', 0.8], ['史', 0.7], ['乔', 0.7], ['闫', 0.7], ['薛', 0.6], ['牛', 0.6], ['白', 0.6],
  ['苏', 0.5], ['徐', 0.5], ['崔', 0.5], ['侯', 0.5], ['曹', 0.5], ['秦', 0.5], ['郑', 0.5], ['温', 0.4], ['常', 0.4], ['胡', 0.4],
  ['周', 0.4], ['朱', 0.4], ['董', 0.4], ['魏', 0.4], ['黄', 0.3], ['罗', 0.3], ['许', 0.3], ['吕', 0.3], ['邢', 0.3], ['申', 0.3],
  ['霍', 0.3], ['贺', 0.3], ['樊', 0.3], ['康', 0.3], ['石', 0.3], ['孟', 0.3], ['杜', 0.3], ['毛', 0.2], ['尹', 0.2], ['卫', 0.2],
  ['柴', 0.2], ['靳', 0.2], ['岳', 0.2], ['姚', 0.2], ['谢', 0.2], ['安', 0.2], ['耿', 0.2], ['雷', 0.2], ['阎', 0.15], ['畅', 0.1],
  ['燕', 0.1], ['原', 0.1], ['曾', 0.1], ['单', 0.1], ['邓', 0.1], ['彭', 0.1], ['冀', 0.1], ['阴', 0.05], ['仇', 0.05], ['解', 0.05],
];

/** 复姓: rare; 令狐 and 皇甫 are old Shanxi families. */
export const COMPOUND_SURNAMES = ['欧阳', '司马', '令狐', '皇甫', '上官', '诸葛', '慕容'] as const;

/** Whole given names common for men of the generation, most common first. */
export const MALE_GIVEN = [
  '建国', '建华', '建军', '国庆', '德明', '志强', '振华', '建平', '国华', '文斌', '树林', '保国', '玉山', '永祥', '福贵',
  '志刚', '国强', '建民', '德胜', '文明', '学文', '明亮', '长生', '宝山', '金山', '春生', '立新', '海明', '新民', '忠良',
  '天顺', '胜利', '玉林', '永平', '世杰', '志明', '振国', '国栋', '文华', '树森', '保平', '永贵', '福生', '德才', '俊峰',
  '长青', '金贵', '满仓', '秋生', '万山', '立强', '海生', '占元', '宗仁', '守义', '存仁', '双喜', '来福', '有福', '根生',
  '晋生', '晋平', '太平', '和平', '解放', '治国', '兴国', '安邦', '东升', '拴柱', '锁柱', '银锁', '二虎', '喜才', '润生',
];

export const FEMALE_GIVEN = [
  '淑珍', '秀英', '桂兰', '玉兰', '秀兰', '凤英', '桂英', '淑英', '玉珍', '秀珍', '素梅', '翠花', '金凤', '丽华', '兰英',
  '爱华', '红梅', '玉梅', '桂芳', '秀芳', '淑芳', '凤兰', '改莲', '改娥', '润娥', '翠兰', '爱莲', '爱英', '玉英', '月英',
  '桂香', '秀云', '彩云', '巧云', '春兰', '春梅', '冬梅', '美兰', '美华', '丽萍', '惠珍', '素珍', '淑华', '淑兰', '金兰',
  '银花', '菊花', '莲花', '粉莲', '转英', '秀梅', '俊英', '玉凤', '桂珍', '凤琴', '玉琴', '秀琴', '建英', '卫红', '红霞',
  '彩霞', '春霞', '丽霞', '素琴', '雪梅', '桂花', '玉花', '翠英', '兰芳', '慧敏',
];

/** Single-character given names (two-character full names). */
export const MALE_SINGLE = ['军', '刚', '强', '伟', '勇', '明', '斌', '杰', '林', '华', '平', '忠', '义', '宏', '峰', '亮', '武', '山', '海', '江', '成', '才', '彪', '锋'];
export const FEMALE_SINGLE = ['英', '兰', '芳', '华', '珍', '萍', '梅', '霞', '琴', '娟', '敏', '静', '红', '燕', '玲', '丽', '荣', '云', '娥', '莲'];

/** Characters that make further plausible given names when combined. */
export const MALE_FIRST = ['建', '国', '德', '志', '振', '文', '树', '保', '玉', '永', '福', '天', '卫', '学', '明', '俊', '长', '宝', '金', '春', '万', '世', '立', '海', '新', '忠', '占', '守', '存', '润', '晋', '克', '庆', '全', '双'];
export const MALE_SECOND = ['国', '华', '民', '明', '林', '山', '祥', '贵', '顺', '东', '进', '利', '文', '武', '生', '成', '才', '平', '忠', '良', '海', '江', '义', '新', '元', '亮', '喜', '堂', '旺', '荣', '富', '仁', '德', '军', '斌'];
export const FEMALE_FIRST = ['淑', '秀', '桂', '玉', '凤', '翠', '素', '金', '丽', '兰', '爱', '红', '美', '月', '春', '彩', '巧', '惠', '改', '润', '俊', '雪', '冬', '银', '粉'];
export const FEMALE_SECOND = ['珍', '英', '兰', '芳', '梅', '花', '华', '琴', '霞', '娥', '莲', '云', '萍', '芬', '荣', '香', '娟', '凤', '平', '枝', '仙', '贞', '清', '玲'];

/** Names a year gave many children: 1949 建国, the Korean war years 援朝 抗美, 1958 跃进, 1966 卫东. */
export const ERA_NAMES: readonly { from: number; to: number; male: readonly string[]; female: readonly string[] }[] = [
  { from: 1949, to: 1950, male: ['建国', '国庆', '解放'], female: ['建英', '国英', '建华'] },
  { from: 1950, to: 1953, male: ['援朝', '抗美', '卫国'], female: ['援朝', '爱国'] },
  { from: 1958, to: 1959, male: ['跃进', '超英'], female: ['跃华', '跃英'] },
  { from: 1964, to: 1966, male: ['卫东', '向东', '红卫', '文革'], female: ['卫红', '红卫', '向红'] },
];

/** Given names of the next generation (children born 1950–1995), for family contacts. */
export const CHILD_MALE = ['伟', '军', '强', '磊', '勇', '杰', '涛', '斌', '鹏', '建军', '建伟', '海军', '晓东', '志勇', '国强', '红军', '永刚', '晓明', '文军', '俊杰', '海涛', '小兵', '建斌', '晓峰'];
export const CHILD_FEMALE = ['丽', '静', '敏', '燕', '娟', '艳', '红', '霞', '芳', '丽娟', '海燕', '晓红', '春燕', '丽萍', '小红', '秀丽', '晓燕', '艳红', '晓丽', '文静', '彩霞', '俊芳', '晓霞', '海霞'];

/** Ethnic groups in a Shanxi county: almost all 汉族. */
export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 97.2], ['回族', 1.5], ['满族', 0.5], ['蒙古族', 0.4], ['朝鲜族', 0.1], ['壮族', 0.1], ['土家族', 0.1], ['藏族', 0.1],
];

/** Area codes (first six ID digits): the county itself, the old 晋中地区 codes of IDs issued before 1999, neighbours. */
export const AREA_CODES: readonly (readonly [string, number])[] = [
  ['140702', 55], // 晋中市榆次区
  ['142401', 22], // 晋中地区榆次市 (before 1999)
  ['140721', 3], ['140722', 2], ['140723', 2], ['140724', 2], ['140725', 2], ['140726', 2], ['140727', 2], ['140728', 1], ['140729', 1], ['140781', 2],
  ['140105', 1], ['140106', 1], ['140107', 1], // 太原
  ['130102', 0.5], ['410102', 0.5], ['370102', 0.3], ['110105', 0.4], ['610103', 0.3],
];

/** Mobile prefixes in use for the generation's phones. */
export const MOBILE_PREFIXES = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '180', '181', '182', '183', '185', '186', '187', '188', '189'];
/** 晋中's area code. */
export const LANDLINE_AREA = '0354';

export type UnitKind = 'government' | 'party' | 'hospital' | 'school' | 'enterprise' | 'township' | 'judicial';

export interface Unit {
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  weight: number;
  /** Staff housing named after the unit (家属院), where some of its retirees live. */
  compound?: string;
}

export const UNITS: readonly Unit[] = [
  { name: '县委办公室', level: 'county', kind: 'party', weight: 3 },
  { name: '县政府办公室', level: 'county', kind: 'government', weight: 3 },
  { name: '县委组织部', level: 'county', kind: 'party', weight: 2 },
  { name: '县委宣传部', level: 'county', kind: 'party', weight: 1.5 },
  { name: '县人大常委会', level: 'county', kind: 'government', weight: 1.5 },
  { name: '县政协', level: 'county', kind: 'government', weight: 1.5 },
  { name: '县水利局', level: 'county', kind: 'government', weight: 3, compound: '水利局家属院' },
  { name: '县财政局', level: 'county', kind: 'government', weight: 3, compound: '财政局家属院' },
  { name: '县教育局', level: 'county', kind: 'government', weight: 3 },
  { name: '县农业局', level: 'county', kind: 'government', weight: 3 },
  { name: '县粮食局', level: 'county', kind: 'government', weight: 2.5, compound: '粮食局宿舍' },
  { name: '县卫生局', level: 'county', kind: 'government', weight: 2 },
  { name: '县民政局', level: 'county', kind: 'government', weight: 2 },
  { name: '县交通局', level: 'county', kind: 'government', weight: 2 },
  { name: '县税务局', level: 'county', kind: 'government', weight: 2.5 },
  { name: '县工商局', level: 'county', kind: 'government', weight: 2 },
  { name: '县公安局', level: 'county', kind: 'judicial', weight: 3, compound: '公安局家属院' },
  { name: '县人民法院', level: 'county', kind: 'judicial', weight: 1.5 },
  { name: '县人民检察院', level: 'county', kind: 'judicial', weight: 1.2 },
  { name: '县人民医院', level: 'county', kind: 'hospital', weight: 4, compound: '人民医院家属院' },
  { name: '县中医院', level: 'county', kind: 'hospital', weight: 1.5 },
  { name: '县第一中学', level: 'county', kind: 'school', weight: 3, compound: '一中家属院' },
  { name: '县第二中学', level: 'county', kind: 'school', weight: 2 },
  { name: '县实验小学', level: 'county', kind: 'school', weight: 2 },
  { name: '县文化馆', level: 'county', kind: 'government', weight: 0.8 },
  { name: '县供销社', level: 'enterprise', kind: 'enterprise', weight: 3, compound: '供销社家属院' },
  { name: '县食品公司', level: 'enterprise', kind: 'enterprise', weight: 1.5 },
  { name: '县建筑公司', level: 'enterprise', kind: 'enterprise', weight: 1.5 },
  { name: '县化肥厂', level: 'enterprise', kind: 'enterprise', weight: 1.5 },
  { name: '晋华纺织厂', level: 'enterprise', kind: 'enterprise', weight: 2.5, compound: '纺织厂生活区' },
  { name: '晋中液压件厂', level: 'enterprise', kind: 'enterprise', weight: 1.5 },
  { name: '晋中市财政局', level: 'municipal', kind: 'government', weight: 1.5 },
  { name: '晋中市委组织部', level: 'municipal', kind: 'party', weight: 1 },
  { name: '晋中市教育局', level: 'municipal', kind: 'government', weight: 1 },
  { name: '晋中市水利局', level: 'municipal', kind: 'government', weight: 0.8 },
  { name: '晋中市公安局', level: 'municipal', kind: 'judicial', weight: 1 },
  { name: '晋中市中级人民法院', level: 'municipal', kind: 'judicial', weight: 0.6 },
  { name: '晋中市第一人民医院', level: 'municipal', kind: 'hospital', weight: 1.5 },
  { name: '晋中学院', level: 'municipal', kind: 'school', weight: 1 },
  { name: '山西省交通厅', level: 'provincial', kind: 'government', weight: 0.6 },
  { name: '山西省水利厅', level: 'provincial', kind: 'government', weight: 0.5 },
  { name: '山西省农业厅', level: 'provincial', kind: 'government', weight: 0.5 },
  { name: '山西省地质勘查局', level: 'provincial', kind: 'government', weight: 0.5 },
  { name: '山西农业大学', level: 'provincial', kind: 'school', weight: 0.8 },
  { name: '中国人民银行晋中市中心支行', level: 'central', kind: 'government', weight: 0.6 },
  { name: '国家统计局晋中调查队', level: 'central', kind: 'government', weight: 0.3 },
  { name: '太原铁路局榆次车务段', level: 'central', kind: 'enterprise', weight: 0.6 },
  { name: '东阳镇人民政府', level: 'other', kind: 'township', weight: 1 },
  { name: '修文镇人民政府', level: 'other', kind: 'township', weight: 0.8 },
  { name: '张庆乡人民政府', level: 'other', kind: 'township', weight: 0.8 },
  { name: '北田镇人民政府', level: 'other', kind: 'township', weight: 0.6 },
];

/**
 * Posts by kind of unit, from the head down; the rank follows from the step and the unit's level
 * (a county bureau head is 正科级, a municipal one 处级, a provincial one 厅级).
 */
export const POSITIONS: Record<UnitKind, readonly (readonly string[])[]> = {
  government: [['局长', '主任'], ['副局长', '副主任', '调研员'], ['科长', '股长', '主任科员', '副调研员'], ['科员', '办事员', '会计']],
  party: [['部长', '主任'], ['副部长', '副主任', '调研员'], ['科长', '主任科员', '副调研员'], ['干事', '科员']],
  judicial: [['局长', '院长', '检察长'], ['副局长', '副院长', '副检察长'], ['庭长', '科长', '所长', '审判员'], ['科员', '民警', '书记员']],
  hospital: [['院长', '党委书记'], ['副院长', '主任医师'], ['科主任', '副主任医师', '护士长'], ['主治医师', '护师', '药剂师']],
  school: [['校长', '党支部书记'], ['副校长'], ['教导主任', '高级教师', '教研组长'], ['教师', '会计']],
  enterprise: [['厂长', '经理', '党委书记'], ['副厂长', '副经理', '总会计师'], ['车间主任', '科长', '工程师'], ['技术员', '会计', '统计员']],
  township: [['党委书记', '乡长', '镇长'], ['副乡长', '副镇长', '党委副书记'], ['武装部长', '站长'], ['干事', '文书']],
};

const RANK_BY_LEVEL: Record<UnitLevel, readonly [string, string, string, string]> = {
  provincial: ['厅级', '副厅级', '处级', '科级'],
  central: ['处级', '副处级', '科级', '科员'],
  municipal: ['处级', '副处级', '科级', '科员'],
  county: ['科级', '副科级', '科员', '科员'],
  other: ['科级', '副科级', '科员', '其他'],
  enterprise: ['科级', '副科级', '其他', '其他'],
};

export function rankFor(level: UnitLevel, step: number): string {
  return RANK_BY_LEVEL[level][Math.max(0, Math.min(3, step))] as string;
}

/** Communities of the county (县城 and its neighbourhoods) and their housing estates. */
export const COMMUNITIES = [
  '幸福里社区', '锦纶社区', '安宁社区', '顺城街社区', '新华社区', '桥东社区', '北关社区', '南关社区', '东顺城社区', '西河社区',
  '蕴华社区', '迎宾社区', '汇通社区', '红旗社区', '建设社区', '光明社区', '和平社区', '府西社区', '学府社区', '龙湖社区',
  '文苑社区', '晋华社区', '鸣谦社区', '新建社区', '中都社区', '东山社区', '花园社区', '城北社区', '城南社区', '广安社区',
];

export const ESTATE_WORDS = ['幸福', '锦纶', '安宁', '顺城', '新华', '桥东', '北关', '南关', '西河', '蕴华', '迎宾', '汇通', '红旗', '建设', '光明', '和平', '府西', '学府', '龙湖', '文苑', '晋华', '鸣谦', '中都', '东山', '花园', '广安', '康乐', '阳光', '紫金', '丽园'];
export const ESTATE_SUFFIXES = ['小区', '花园', '家园', '苑', '新村', '里'];
export const STREETS = ['顺城街', '迎宾街', '中都路', '新建路', '汇通路', '锦纶路', '文苑街', '北关街', '南关街', '西大街'];

export const GRIDS = ['第一网格', '第二网格', '第三网格', '第四网格', '第五网格', '第六网格', '第七网格', '第八网格'];

export const COUNTY_PREFIX = '山西省晋中市榆次区';

export const HOSPITALS = ['县人民医院', '县中医院', '晋中市第一人民医院', '晋中市第二人民医院', '山西医科大学第一医院', '山西省人民医院'];
export const CHECKUP_PLACES = ['县人民医院体检中心', '社区卫生服务中心', '县中医院体检科', '晋中市第一人民医院体检中心'];
export const CHECKUP_FINDINGS = ['未见明显异常', '血压偏高，建议复查', '空腹血糖偏高', '血脂偏高', '心电图ST段改变', '骨密度降低', '肺纹理增粗', '前列腺增生', '甲状腺结节', '轻度脂肪肝'];

/** Prevalence of the common chronic conditions among people of 60 and over (rough). */
export const CONDITION_PREVALENCE: readonly (readonly [string, number])[] = [
  ['高血压', 0.52], ['糖尿病', 0.2], ['冠心病', 0.17], ['骨质疏松', 0.14], ['脑卒中后遗症', 0.07], ['慢阻肺', 0.08],
  ['慢性肾病', 0.04], ['恶性肿瘤', 0.04], ['阿尔茨海默病', 0.04], ['帕金森病', 0.02],
];

export const MEDICATIONS: Record<string, readonly string[]> = {
  高血压: ['硝苯地平缓释片', '苯磺酸氨氯地平片', '厄贝沙坦片', '缬沙坦胶囊'],
  糖尿病: ['二甲双胍片', '格列美脲片', '阿卡波糖片', '胰岛素注射液'],
  冠心病: ['阿司匹林肠溶片', '单硝酸异山梨酯片', '阿托伐他汀钙片'],
  骨质疏松: ['碳酸钙D3片', '阿仑膦酸钠片'],
  脑卒中后遗症: ['氯吡格雷片', '阿托伐他汀钙片'],
  慢阻肺: ['噻托溴铵吸入粉雾剂', '沙美特罗替卡松吸入剂'],
  慢性肾病: ['复方α-酮酸片'],
  恶性肿瘤: ['遵医嘱'],
  阿尔茨海默病: ['多奈哌齐片', '美金刚片'],
  帕金森病: ['多巴丝肼片'],
};

export const HOSPITALISATION_REASONS: Record<string, readonly string[]> = {
  高血压: ['高血压3级 住院调整用药', '高血压危象'],
  糖尿病: ['2型糖尿病 血糖控制不佳', '糖尿病足'],
  冠心病: ['不稳定型心绞痛', '急性心肌梗死 PCI术后', '冠心病 心功能不全'],
  骨质疏松: ['股骨颈骨折 髋关节置换术', '腰椎压缩性骨折'],
  脑卒中后遗症: ['脑梗死 康复治疗', '短暂性脑缺血发作'],
  慢阻肺: ['慢阻肺急性加重', '肺部感染'],
  慢性肾病: ['慢性肾功能不全'],
  恶性肿瘤: ['肿瘤化疗', '肿瘤术后复查'],
  阿尔茨海默病: ['认知障碍 评估治疗'],
  帕金森病: ['帕金森病 调整用药'],
  其他: ['肺部感染', '白内障手术', '胆囊炎', '前列腺增生', '带状疱疹', '腹股沟疝修补术'],
};

export const CLINICS = ['社区卫生服务站', '社区卫生服务中心', '中医诊所'];
export const STAFF_NAMES = ['王丽', '李静', '张敏', '刘芳', '赵燕', '郭娟', '杨霞', '武红'];
export const INSURANCE = { lixiu: '离休干部医疗统筹', tuixiu: '城镇职工基本医疗保险' } as const;

export const MOVED_OUT_DESTINATIONS = ['太原市小店区', '太原市迎泽区', '北京市朝阳区（随子女居住）', '晋中市太谷区', '石家庄市长安区', '西安市雁塔区（随子女居住）', '天津市南开区'];

export const NOTES = ['', '', '', '', '', '', '', '', '', '', '', '', '听力较差，来电请大声说话', '行动不便，需上门服务', '子女在外地工作', '喜欢书法，愿意参加老年大学活动', '曾获县级劳动模范称号', '老党员，愿意担任楼栋长'];
