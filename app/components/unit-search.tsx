import { Form } from "@remix-run/react";
import { Button } from "./ui/button.tsx";

export function UnitSearch({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <Form
      method="get"
      action="/admin/units"
      role="search"
      className="flex flex-wrap items-end gap-2"
    >
      <div>
        <label htmlFor="unit-q" className="block font-medium">
          查找单位
        </label>
        <input
          id="unit-q"
          name="q"
          defaultValue={defaultValue}
          placeholder="名称或编码"
          className="rounded border border-stone-400 px-3 py-2"
        />
      </div>
      <Button type="submit" variant="secondary">
        搜索
      </Button>
    </Form>
  );
}
