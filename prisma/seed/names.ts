// Invented people for demo and scale data: deterministic, so runs are repeatable.
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬文辉建国志宏海波晓东雪梅丹凤婷慧颖琳宇航浩然子涵思远嘉欣佳怡欣怡雨桐梓轩";

/** mulberry32: a tiny seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function personName(random: () => number): string {
  const pick = (s: string) => [...s][Math.floor(random() * [...s].length)]!;
  const given = random() < 0.4 ? pick(GIVEN) : pick(GIVEN) + pick(GIVEN);
  return pick(SURNAMES) + given;
}
