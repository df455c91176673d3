import type { ReactNode } from "react";

export type ProfileView = {
  id: number;
  name: string;
  title: string;
  organisation: string;
  specialties: string[];
  bio: string;
  photo: string | null;
  ratings: number;
  average: number | null;
};

export function RatingText({ average, ratings }: { average: number | null; ratings: number }) {
  if (ratings === 0 || average === null) return <span>暂无评价</span>;
  return (
    <span>
      <span aria-hidden="true" className="text-amber-600">
        {"★".repeat(Math.round(average))}
      </span>{" "}
      平均 {average.toFixed(1)} 星（{ratings} 条评价）
    </span>
  );
}

export function ExpertPhoto({ p, size = "h-24 w-24" }: { p: ProfileView; size?: string }) {
  return p.photo ? (
    <img
      src={p.photo}
      alt={`${p.name}的照片`}
      className={`${size} shrink-0 rounded object-cover`}
    />
  ) : (
    <div
      aria-hidden="true"
      className={`${size} flex shrink-0 items-center justify-center rounded bg-stone-200 text-2xl text-stone-600`}
    >
      {p.name.slice(0, 1)}
    </div>
  );
}

/** An expert as enterprises see him: photo, specialties, rating, introduction. */
export function ExpertProfileCard({ p, children }: { p: ProfileView; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:flex-row">
      <ExpertPhoto p={p} />
      <div className="min-w-0 space-y-2">
        <p className="text-stone-700">
          {p.title} · {p.organisation}
        </p>
        <p>
          <span className="text-stone-600">专业领域：</span>
          {p.specialties.join("、")}
        </p>
        <p>
          <span className="text-stone-600">评价：</span>
          <RatingText average={p.average} ratings={p.ratings} />
        </p>
        {p.bio ? (
          <p className="whitespace-pre-wrap break-words">{p.bio}</p>
        ) : (
          <p className="text-stone-600">暂无简介。</p>
        )}
        {children}
      </div>
    </div>
  );
}
