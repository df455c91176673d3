// The demo city: Anshan (鞍山市). Unit names follow the real administrative
// layout; the people are invented (names.ts).

export type UnitSpec = { code: string; name: string; kind: string; children?: UnitSpec[] };

const BUREAU_SECTIONS = [
  "办公室",
  "政策法规科",
  "数据资源科",
  "数字基础设施科",
  "营商环境科",
  "行政审批科",
  "政务服务科",
];
const STANDARD_SECTIONS = ["办公室", "法规科", "业务科"];

const CITY_UNITS = [
  "鞍山市司法局",
  "鞍山市市场监督管理局",
  "鞍山市财政局",
  "鞍山市人力资源和社会保障局",
  "鞍山市自然资源局",
  "鞍山市生态环境局",
  "鞍山市住房和城乡建设局",
  "鞍山市交通运输局",
  "鞍山市卫生健康委员会",
  "鞍山市教育局",
  "鞍山市商务局",
  "鞍山市工业和信息化局",
  "鞍山市农业农村局",
  "鞍山市文化旅游和广播电视局",
  "鞍山市应急管理局",
];

const DISTRICTS: { code: string; name: string; townships: string[] }[] = [
  {
    code: "TD",
    name: "铁东区",
    townships: ["解放街道", "站前街道", "胜利街道", "山南街道", "园林街道"],
  },
  { code: "TX", name: "铁西区", townships: ["兴盛街道", "永乐街道", "大陆街道", "繁荣街道"] },
  { code: "LS", name: "立山区", townships: ["曙光街道", "友好街道", "灵山街道", "深沟寺街道"] },
  { code: "QS", name: "千山区", townships: ["千山镇", "东鞍山镇", "大孤山镇", "唐家房镇"] },
  { code: "TA", name: "台安县", townships: ["台安镇", "新开河镇", "桓洞镇", "西佛镇"] },
  { code: "XY", name: "岫岩满族自治县", townships: ["岫岩镇", "兴隆街道", "偏岭镇", "前营镇"] },
  { code: "HC", name: "海城市", townships: ["海州管理区", "牛庄镇", "西柳镇", "腾鳌镇", "感王镇"] },
  { code: "GX", name: "鞍山高新技术产业开发区", townships: ["千山路街道", "越岭街道"] },
  { code: "JK", name: "鞍山经济开发区", townships: ["宁远街道"] },
];

const COUNTY_UNITS = ["数据局", "司法局", "市场监督管理局", "营商环境建设局"];

function sections(prefix: string, names: string[]): UnitSpec[] {
  return names.map((name, i) => ({
    code: `${prefix}-K${String(i + 1).padStart(2, "0")}`,
    name,
    kind: "DEPARTMENT",
  }));
}

export function anshanTree(): UnitSpec {
  const cityUnits: UnitSpec[] = [
    {
      code: "AS-SJJ",
      name: "鞍山市数据局",
      kind: "UNIT",
      children: sections("AS-SJJ", BUREAU_SECTIONS),
    },
    ...CITY_UNITS.map((name, i) => {
      const code = `AS-U${String(i + 1).padStart(2, "0")}`;
      return { code, name, kind: "UNIT", children: sections(code, STANDARD_SECTIONS) };
    }),
  ];
  const districts: UnitSpec[] = DISTRICTS.map((d) => {
    const code = `AS-${d.code}`;
    // A county-level city is named 海城市, so its units read 海城市数据局, not 海城市市数据局.
    const prefix = d.name;
    return {
      code,
      name: d.name,
      kind: "DISTRICT",
      children: [
        ...COUNTY_UNITS.map((u, i) => {
          const c = `${code}-U${String(i + 1).padStart(2, "0")}`;
          return {
            code: c,
            name: `${prefix}${u}`,
            kind: "COUNTY_UNIT",
            children: sections(c, ["综合科", "业务科"]),
          };
        }),
        ...d.townships.map((t, i) => ({
          code: `${code}-T${String(i + 1).padStart(2, "0")}`,
          name: t,
          kind: "TOWNSHIP",
        })),
      ],
    };
  });
  return { code: "AS", name: "鞍山市", kind: "CITY", children: [...cityUnits, ...districts] };
}
