import { createEvent } from "ics";

// An iCalendar (RFC 5545) event for a confirmed booking, written by the maintained `ics`
// library (escaping, line folding, CRLF). Times are written as UTC instants ("…Z"): a
// calendar shows them in its own zone, so a Beijing-time device shows the booked Beijing time
// and a device elsewhere shows the same moment, never a shifted one. DTSTAMP is the time the
// file is generated (the library's default), as RFC 5545 asks for a download.
export type IcsEvent = {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location?: string;
  /** The meeting link of an online consultation (URL property). */
  url?: string;
};

const utcParts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

export function buildIcs(event: IcsEvent): string {
  const { error, value } = createEvent({
    productId: "-//fzxt//consultations//ZH",
    method: "PUBLISH",
    uid: event.uid,
    start: utcParts(event.start),
    startInputType: "utc",
    startOutputType: "utc",
    end: utcParts(event.end),
    endInputType: "utc",
    endOutputType: "utc",
    title: event.summary,
    description: event.description,
    ...(event.location ? { location: event.location } : {}),
    ...(event.url ? { url: event.url } : {}),
    status: "CONFIRMED",
    alarms: [
      { action: "display", description: event.summary, trigger: { hours: 1, before: true } },
    ],
  });
  if (error || !value) throw error ?? new Error("ICS generation failed");
  return value;
}

/**
 * LOCATION, URL and DESCRIPTION with the meeting link / dial-in of an online or phone
 * consultation (the link is the location a calendar app offers to open).
 */
export function icsMeeting(
  b: { meetingUrl: string | null; meetingDialIn: string | null },
  description: string,
  location: string | undefined,
): Pick<IcsEvent, "description" | "location" | "url"> {
  const lines = [
    description,
    b.meetingUrl ? `会议链接：${b.meetingUrl}` : null,
    b.meetingDialIn ? `拨入方式：${b.meetingDialIn}` : null,
  ].filter((l): l is string => l !== null);
  return {
    description: lines.join("\n"),
    location: b.meetingUrl ?? b.meetingDialIn ?? location,
    ...(b.meetingUrl ? { url: b.meetingUrl } : {}),
  };
}
