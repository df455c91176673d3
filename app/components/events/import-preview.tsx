import { Form } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";

type Person = { line: number; username: string; name: string };
type Preview = {
  sha256: string;
  format: string;
  rows: number;
  matched: (Person & { userId: number; unitName: string | null })[];
  already: Person[];
  outside: Person[];
  unknown: Person[];
  problems: (Person & { message: string })[];
};

function Group({
  id,
  title,
  people,
  note,
}: {
  id: string;
  title: string;
  people: (Person & { message?: string; unitName?: string | null })[];
  note?: string;
}) {
  if (people.length === 0) return null;
  return (
    <section aria-labelledby={id} className="mt-3">
      <h3 id={id} className="font-semibold">
        {title}（{people.length} 行）
      </h3>
      {note ? <p className="text-sm text-stone-600">{note}</p> : null}
      <ul className="mt-1 list-disc space-y-0.5 pl-6 break-words">
        {people.map((p) => (
          <li key={`${p.line}`}>
            第 {p.line} 行：{p.username || "（空）"}
            {p.name ? ` ${p.name}` : ""}
            {p.unitName ? `（${p.unitName}）` : ""}
            {p.message ? ` —— ${p.message}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The preview of an attendance sheet, by row number, and the confirmation form. */
export function ImportPreviewView({ preview: p, busy }: { preview: Preview; busy: boolean }) {
  const skipped = p.already.length + p.outside.length + p.unknown.length + p.problems.length;
  return (
    <section aria-labelledby="preview" className="rounded border border-stone-300 bg-white p-4">
      <h2 id="preview" className="text-lg font-semibold">
        预览（尚未保存）
      </h2>
      <p role="status">
        共 {p.rows} 行：{p.matched.length} 人将记为签到，{skipped} 行不导入。
      </p>
      <Group id="pv-matched" title="将记为签到" people={p.matched} />
      <Group
        id="pv-unknown"
        title="工号不存在"
        people={p.unknown}
        note="系统中没有这些工号的在职工作人员账号，请核对签到表。"
      />
      <Group
        id="pv-outside"
        title="不在活动参加范围内"
        people={p.outside}
        note="这些人员不属于本次活动的参加对象；如需计入，请先在活动管理页指派。"
      />
      <Group
        id="pv-already"
        title="已签到"
        people={p.already}
        note="已经签到，不会重复计入学时。"
      />
      <Group id="pv-problems" title="需要核对" people={p.problems} />
      {p.matched.length ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="userIds" value={p.matched.map((m) => m.userId).join(",")} />
          <input type="hidden" name="sha256" value={p.sha256} />
          <Button type="submit" disabled={busy}>
            确认导入 {p.matched.length} 人签到
          </Button>
        </Form>
      ) : (
        <p className="mt-4">签到表中没有可以记为签到的人员。</p>
      )}
    </section>
  );
}
