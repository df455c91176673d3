import { bookingKind, MODE_LABELS, stateLabel, typeLabel } from "#app/modules/booking/state.ts";
import { chineseDay, formatDateTime } from "#app/utils/dates.ts";

type File = { id: number; kind: string; originalName: string; size: number };
type Booking = {
  id: number;
  type: string;
  mode: string | null;
  status: string;
  startAt: string;
  endAt: string;
  topic: string;
  description: string;
  contactName: string;
  contactMobile: string;
  audienceSize: number | null;
  trainingTopics: string | null;
  reason: string | null;
  cancelledBy: string | null;
  opinion: string | null;
  ratingScore: number | null;
  ratingComment: string | null;
  wishDate: string | null;
  promisedDate: string | null;
  enterprise: { name: string; uscc: string };
  expert: { title: string; organisation: string; user: { name: string } };
  files: File[];
};

const size = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;

function Files({ files, title }: { files: File[]; title: string }) {
  if (files.length === 0) return null;
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      <ul className="list-disc pl-6">
        {files.map((f) => (
          <li key={f.id}>
            <a href={`/consult/files/${f.id}`} download>
              {f.originalName}
            </a>
            （{size(f.size)}）
          </li>
        ))}
      </ul>
    </div>
  );
}

export function BookingSummary({ booking: b }: { booking: Booking }) {
  const review = bookingKind(b) === "REVIEW";
  const row = (label: string, value: string | number | null | undefined) =>
    value === null || value === undefined || value === "" ? null : (
      <>
        <dt className="text-stone-600">{label}</dt>
        <dd className="whitespace-pre-wrap break-words">{value}</dd>
      </>
    );
  return (
    <section
      aria-labelledby="summary-title"
      className="space-y-3 rounded-lg border border-stone-300 bg-white p-4"
    >
      <h2 id="summary-title" className="text-lg font-semibold">
        {typeLabel(b.type)}：{b.topic}{" "}
        <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-base">
          {stateLabel(b.status, bookingKind(b))}
        </span>
      </h2>
      <dl className="grid grid-cols-[6rem_1fr] gap-y-1">
        {review
          ? row("期望完成", chineseDay(b.wishDate ?? ""))
          : row(
              "时间",
              `${formatDateTime(b.startAt).slice(0, 16)}–${formatDateTime(b.endAt).slice(11, 16)}（北京时间）`,
            )}
        {review && b.promisedDate ? row("承诺完成", `${chineseDay(b.promisedDate)}前`) : null}
        {row("专家", `${b.expert.user.name}（${b.expert.title}，${b.expert.organisation}）`)}
        {row("企业", `${b.enterprise.name}（${b.enterprise.uscc}）`)}
        {row("方式", b.mode ? MODE_LABELS[b.mode] : null)}
        {row("参训人数", b.audienceSize)}
        {row("培训内容", b.trainingTopics)}
        {row(review ? "审查目的" : "情况说明", b.description)}
        {row("联系人", `${b.contactName} ${b.contactMobile}`)}
        {row(
          b.status === "CANCELLED"
            ? `取消原因（${b.cancelledBy === "EXPERT" ? "专家" : "企业"}）`
            : "原因",
          b.reason,
        )}
        {row(
          "评分",
          b.ratingScore
            ? `${"★".repeat(b.ratingScore)} ${b.ratingScore} 星${b.ratingComment ? `：${b.ratingComment}` : ""}`
            : null,
        )}
      </dl>
      {b.status === "CONFIRMED" && !review ? (
        <p>
          <a href={`/consult/bookings/${b.id}/ics`} download>
            加入日历（ICS 文件）
          </a>
        </p>
      ) : null}
      <Files files={b.files.filter((f) => f.kind === "CONTRACT")} title="企业上传的文件" />
      {b.opinion ? (
        <div>
          <h3 className="font-semibold">专家书面意见</h3>
          <p className="whitespace-pre-wrap break-words rounded bg-stone-50 p-3">{b.opinion}</p>
        </div>
      ) : null}
      <Files files={b.files.filter((f) => f.kind === "RETURNED")} title="专家返还的文件" />
    </section>
  );
}
