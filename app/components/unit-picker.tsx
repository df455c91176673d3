import { useState, type FormEvent } from "react";
import { peopleCount, UnitTree, type TreeUnit } from "./unit-tree.tsx";

const box = "size-5 shrink-0";
const pick = "flex min-h-11 items-center gap-2 sm:min-h-0";

/**
 * The assignment form's unit choice: the manager's subtree as a tree, each unit with a box for
 * the unit alone (`unitId`) and, when it has units below, one for the whole subtree
 * (`subtreeId`, people who join it later are covered too). Plain checkboxes in nested
 * <details>: the same form posts without JavaScript.
 */
export function UnitPicker({
  units,
  lazy = false,
  defaultSubtree,
  error,
}: {
  units: readonly TreeUnit[];
  /** Load units below the top on "展开" (the admin's whole city, decision 0019). */
  lazy?: boolean;
  /** The unit whose subtree starts ticked (the manager's own). */
  defaultSubtree?: number;
  error?: string;
}) {
  const [chosen, setChosen] = useState<string[] | null>(null);
  // What is ticked, read from the boxes themselves (they stay the form's truth).
  const onChange = (e: FormEvent<HTMLFieldSetElement>) => {
    const ticked = e.currentTarget.querySelectorAll<HTMLInputElement>(
      'input[name="unitId"]:checked, input[name="subtreeId"]:checked',
    );
    setChosen(
      [...ticked].map((i) => {
        // From the box itself: a lazy tree's search shows units the page was not sent with.
        const name = i.dataset.name ?? "";
        return i.name === "subtreeId" ? `${name}（含下级）` : name;
      }),
    );
  };
  return (
    <fieldset
      className="mb-4 min-w-0 rounded border border-stone-300 p-3"
      aria-describedby={error ? "units-hint units-error" : "units-hint"}
      onChange={onChange}
    >
      <legend className="px-1 font-medium">对象单位</legend>
      <p id="units-hint" className="mb-2 text-sm text-stone-600">
        勾选单位名称只布置给该单位本身的人员；勾选“含下级”布置给该单位及全部下级单位，以后新加入的人员也自动纳入。
      </p>
      {error ? (
        <p id="units-error" role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <UnitTree
        units={units}
        lazy={lazy}
        label="可选单位"
        searchId="unit-search"
        row={(u, hasChildren) => (
          <>
            <span className={pick}>
              <input
                id={`unit-${u.id}`}
                type="checkbox"
                name="unitId"
                value={u.id}
                data-name={u.name}
                className={box}
              />
              <label htmlFor={`unit-${u.id}`}>{u.name}</label>
            </span>
            {hasChildren ? (
              <span className={pick}>
                <input
                  id={`subtree-${u.id}`}
                  type="checkbox"
                  name="subtreeId"
                  value={u.id}
                  data-name={u.name}
                  defaultChecked={u.id === defaultSubtree}
                  className={box}
                />
                <label htmlFor={`subtree-${u.id}`}>
                  含下级<span className="sr-only">：{u.name}及下级单位</span>
                </label>
              </span>
            ) : null}
            <span className="text-sm text-stone-600">{peopleCount(u, hasChildren)}</span>
          </>
        )}
      />
      <p aria-live="polite" className="mt-2 text-sm">
        {chosen === null ? "" : chosen.length ? `已选：${chosen.join("、")}` : "尚未选择单位"}
      </p>
    </fieldset>
  );
}
