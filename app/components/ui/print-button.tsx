import { useEffect, useState } from "react";
import { Button } from "./button.tsx";

/** Opens the print dialog; hidden until JavaScript runs (the browser's own print menu works without it). */
export function PrintButton() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      打印 / 另存为 PDF
    </Button>
  );
}
