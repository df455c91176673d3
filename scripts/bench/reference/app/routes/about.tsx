import type { MetaFunction } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "关于 - 法治学堂" }];

// The same text as the app's /about, without a loader.
export default function About() {
  return (
    <article className="prose max-w-2xl space-y-3">
      <h1 className="text-2xl font-bold">关于法治学堂</h1>
      <p>
        法治学堂是鞍山市数据局面向本系统工作人员和服务企业的法治学习与法律服务平台：工作人员在这里学习宪法、民法典和数据、营商环境等法律法规，完成案例研讨并取得学时；培训管理员查看各单位的学习完成情况；企业可以预约合同审查、法律咨询和法律培训。
      </p>
      <p>
        平台所有资源均部署在本地服务器上，不加载任何外部字体、脚本或图片，可在政务内网独立运行。
      </p>
    </article>
  );
}
