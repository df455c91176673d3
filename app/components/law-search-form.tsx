import { Form } from "@remix-run/react";
import { Button } from "./ui/button.tsx";

export function LawSearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <Form
      method="get"
      action="/laws/search"
      role="search"
      className="flex flex-wrap items-end gap-2"
    >
      <div>
        <label htmlFor="law-q" className="block font-medium">
          检索法条
        </label>
        <input
          id="law-q"
          name="q"
          defaultValue={defaultValue}
          placeholder="例如：宪法第三十三条、个人信息 同意"
          className="w-72 max-w-full rounded border border-stone-400 px-3 py-2"
        />
      </div>
      <Button type="submit" variant="secondary">
        检索
      </Button>
    </Form>
  );
}
