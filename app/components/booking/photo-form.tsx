import { Form, useNavigation } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";

/** Upload or remove an expert's photo (JPEG or PNG, 2 MB). */
export function PhotoForm({
  action,
  hasPhoto,
  error,
}: {
  action?: string;
  hasPhoto: boolean;
  error?: string | null;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <section
      aria-labelledby="photo-title"
      className="rounded-lg border border-stone-300 bg-white p-4"
    >
      <h2 id="photo-title" className="mb-3 text-lg font-semibold">
        照片
      </h2>
      <FormError message={error} />
      <Form
        method="post"
        action={action}
        reloadDocument={action !== undefined}
        encType="multipart/form-data"
        className="space-y-3"
      >
        <input type="hidden" name="intent" value="photo" />
        <div>
          <label htmlFor="photo" className="block font-medium">
            选择照片
          </label>
          <input
            id="photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png"
            className="mt-1 block w-full"
            aria-describedby="photo-hint"
          />
          <p id="photo-hint" className="mt-1 text-sm text-stone-600">
            JPEG 或 PNG，不超过 2 MB；企业在专家介绍中看到。
          </p>
        </div>
        <Button type="submit" disabled={busy}>
          上传照片
        </Button>
      </Form>
      {hasPhoto ? (
        <Form
          method="post"
          action={action}
          reloadDocument={action !== undefined}
          encType="multipart/form-data"
          className="mt-3"
        >
          <input type="hidden" name="intent" value="remove-photo" />
          <Button type="submit" variant="danger" disabled={busy}>
            删除照片
          </Button>
        </Form>
      ) : null}
    </section>
  );
}
