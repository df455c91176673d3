import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useForm, type FieldValues } from "react-hook-form";
import type { z } from "zod";

type ServerResult = { fieldErrors?: Record<string, string> } | undefined;

/**
 * react-hook-form with the form's zod schema in the browser. The form stays a
 * plain <Form method="post">: before JavaScript loads it posts natively and the
 * action validates with the same schema.
 */
export function useValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  server: ServerResult,
  defaultValues?: Partial<z.input<S>>,
) {
  const submit = useSubmit();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    // The resolver's overloads cannot name a generic schema's types.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    resolver: zodResolver(schema as any) as any,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    defaultValues: defaultValues as any,
    mode: "onTouched",
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() =>
      submit(submitter ?? target, {
        method: "post",
        action: target.getAttribute("action") ?? undefined,
      }),
    )(event);
  };
  const fieldError = (name: string): string | undefined => {
    const local = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]
      ?.message;
    return local ?? server?.fieldErrors?.[name];
  };
  return { ...form, onSubmit, fieldError };
}
