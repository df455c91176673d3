import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "#app/components/ui/button.tsx";

/** The audit pages' GET filter: the unit being viewed (kept), the year, and any further fields. */
export function YearFilter({
  unitId,
  year,
  children,
}: {
  unitId: number;
  year: number;
  children?: ReactNode;
}) {
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="unit" value={unitId} />
      <div>
        <label htmlFor="year" className="block font-medium">
          年度
        </label>
        <input
          id="year"
          name="year"
          type="number"
          defaultValue={year}
          className="w-28 rounded border border-stone-400 px-3 py-2"
        />
      </div>
      {children}
      <Button type="submit" variant="secondary">
        查看
      </Button>
    </Form>
  );
}
