import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "./button.tsx";

/**
 * A destructive submit that asks first. Before JavaScript loads it is a plain
 * submit button; afterwards the first press shows the question and the real
 * submit beside a cancel button.
 */
export function ConfirmButton({
  name,
  value,
  label,
  question,
  variant = "danger",
}: {
  name: string;
  value: string;
  label: string;
  question: string;
  variant?: "danger" | "secondary";
}) {
  const [asking, setAsking] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // Once the submission is answered the question closes (the page may stay, e.g. a reminder's result).
  const state = useNavigation().state;
  const was = useRef(state);
  useEffect(() => {
    if (was.current !== "idle" && state === "idle") setAsking(false);
    was.current = state;
  }, [state]);
  if (!hydrated || asking) {
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        {asking ? <span role="alert">{question}</span> : null}
        <Button type="submit" name={name} value={value} variant={variant}>
          {asking ? `确认${label}` : label}
        </Button>
        {asking ? (
          <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
            取消
          </Button>
        ) : null}
      </span>
    );
  }
  return (
    <Button type="button" variant={variant} onClick={() => setAsking(true)}>
      {label}
    </Button>
  );
}
