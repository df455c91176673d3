import { useEffect, useRef, type KeyboardEvent } from "react";

/**
 * What a `<details>` drop-down needs once JavaScript runs (it opens without it): it closes when
 * `closeWhen` changes (pass the location's key, so every navigation closes it, the same page's
 * link too), on a pointer press outside it, and on Escape, which gives the focus back to its
 * `<summary>`. The desktop menu's groups and the phone's 菜单 use it.
 */
export function useDropDown(closeWhen: unknown) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [closeWhen]);
  useEffect(() => {
    const away = (e: PointerEvent) => {
      const el = ref.current;
      if (el?.open && e.target instanceof Node && !el.contains(e.target)) el.open = false;
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    if (e.key !== "Escape" || !ref.current?.open) return;
    ref.current.open = false;
    ref.current.querySelector("summary")?.focus();
  };
  return { ref, onKeyDown };
}
