import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Button } from "#app/components/ui/button.tsx";

const minutes = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`);

/**
 * The lesson's "标记为已读" with a live countdown from the server's seconds left. With
 * JavaScript the button waits for zero; without it the button is always there and the server
 * answers an early press with the time still needed (the server clock stays the judge).
 */
export function ReadingClock({ secondsLeft }: { secondsLeft: number }) {
  const [left, setLeft] = useState(secondsLeft);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    setLeft(secondsLeft);
    if (secondsLeft <= 0) return;
    const end = Date.now() + secondsLeft * 1000;
    const t = setInterval(() => {
      const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) clearInterval(t);
    }, 500);
    return () => clearInterval(t);
  }, [secondsLeft]);
  const waiting = hydrated && left > 0;
  return (
    <>
      {left > 0 ? (
        <p className="mb-2 text-stone-700" data-testid="reading-countdown">
          还需阅读 <span className="font-mono font-semibold">{minutes(left)}</span>
          才能标记为已读（以服务器时间为准）。
        </p>
      ) : (
        <p className="mb-2 text-stone-700" role="status">
          阅读时间已满，可以标记为已读。
        </p>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="mark-read" />
        <Button type="submit" disabled={waiting} aria-describedby="reading-hint">
          标记为已读
        </Button>
        <span id="reading-hint" className="sr-only">
          {waiting ? `还需 ${minutes(left)}` : ""}
        </span>
      </Form>
    </>
  );
}

/** Keeps the reader's scroll position per lesson in this browser and restores it on return. */
export function useReadingPosition(key: string) {
  useEffect(() => {
    const storageKey = `reading:${key}`;
    try {
      const saved = Number(window.localStorage.getItem(storageKey));
      if (!window.location.hash && saved > 0) window.scrollTo({ top: saved });
    } catch {
      // storage may be disabled: reading still works, only the position is not kept
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          window.localStorage.setItem(storageKey, String(Math.round(window.scrollY)));
        } catch {
          // see above
        }
      }, 250);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
    };
  }, [key]);
}
