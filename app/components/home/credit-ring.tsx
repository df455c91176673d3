/** 学时 this year against the requirement as a ring; the numbers are the accessible text. */
export function CreditRing({ earned, required }: { earned: number; required: number }) {
  const ratio = required > 0 ? Math.min(1, earned / required) : 1;
  const r = 40;
  const circumference = 2 * Math.PI * r;
  const text = `已获 ${fmt(earned)} / 要求 ${fmt(required)} 学时`;
  return (
    <figure className="flex items-center gap-4">
      <svg role="img" aria-label={text} viewBox="0 0 100 100" className="h-28 w-28 shrink-0">
        <circle cx="50" cy="50" r={r} fill="none" strokeWidth="12" className="stroke-stone-200" />
        {ratio > 0 ? (
          <circle
            cx="50"
            cy="50"
            r={r}
            fill="none"
            strokeWidth="12"
            strokeLinecap="round"
            strokeDasharray={`${ratio * circumference} ${circumference}`}
            transform="rotate(-90 50 50)"
            className={ratio >= 1 ? "stroke-green-700" : "stroke-brand-600"}
          />
        ) : null}
        <text x="50" y="48" textAnchor="middle" className="fill-stone-900 text-[20px] font-bold">
          {fmt(earned)}
        </text>
        <text x="50" y="66" textAnchor="middle" className="fill-stone-600 text-[11px]">
          / {fmt(required)} 学时
        </text>
      </svg>
      <figcaption>
        <span className="block font-medium">{text}</span>
        <span className="text-sm text-stone-600">
          {ratio >= 1 ? "本年度学时已达标" : `还差 ${fmt(Math.max(0, required - earned))} 学时`}
        </span>
      </figcaption>
    </figure>
  );
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
