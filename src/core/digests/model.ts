// The digests as plain data: built by digests.ts, rendered for chat (render-chat.ts) and as
// Markdown (render-markdown.ts), and carried in the outbox. The schemas check an outbox payload
// before it is rendered; they carry references, titles, counts and measures, never personal details.
import { z } from "zod";

/** Text from the register or a problem, cut to a length any chat surface shows. */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .transform((value) => (value.length > max ? `${value.slice(0, max - 1)}…` : value));
const day = z.iso.date();
const priority = z.enum(["RED", "AMBER", "GREEN"]);
const classification = z.enum(["OFFICIAL", "OFFICIAL_SENSITIVE"]);

const headline = z.object({ ref: text(30), title: text(200), priority, classification });
const byPriority = z.object({ RED: z.number().int(), AMBER: z.number().int(), GREEN: z.number().int() });
/** A measure this week against the four weeks before; null where there was nothing to measure. */
const comparison = z.object({ thisWeek: z.number().nullable(), lastFourWeeks: z.number().nullable() });

/** Counts for the charts (trends.ts); absent from digests queued before the charts existed. */
const trends = z
  .object({
    openByPriority: z.array(z.object({ weekEnding: day, priority, open: z.number().int() })),
    onTimeByAgency: z.array(z.object({ agency: text(40), percent: z.number(), done: z.number().int() })),
  })
  .optional();

export const weeklyDigestSchema = z.object({
  area: z.object({ code: text(10), name: text(100) }),
  from: day,
  to: day,
  classification,
  newProblems: z.array(headline.extend({ category: text(40) })),
  openByPriority: byPriority,
  overdueByOrganisation: z.array(
    z.object({ organisationName: text(200), count: z.number().int(), oldestDueOn: day }),
  ),
  meetings: z.array(
    z.object({ startsAt: z.iso.datetime({ offset: true }), kind: text(40), refs: z.array(text(30)) }),
  ),
  declined: z.array(headline.extend({ actionText: text(500), organisationName: text(200) })),
  unverified: z.array(
    z.object({
      name: text(200),
      organisationName: text(200),
      verifiedOn: day.nullable(),
      /** Where a register check is open: "asked on 03/12/2026, no answer" or a handover awaited. */
      check: text(300).optional(),
    }),
  ),
  /** The register's verification period; absent from digests written before it was configurable. */
  verifyEveryMonths: z.number().int().min(1).default(6),
  closed: z.array(headline.extend({ outcome: text(500).nullable() })),
  /** People no channel reaches; absent from digests written before it was added. */
  unreachable: z.array(z.object({ name: text(200), organisationName: text(200) })).default([]),
  trends,
});
export type WeeklyDigest = z.infer<typeof weeklyDigestSchema>;

export const areaMeasuresSchema = z.object({
  code: text(10),
  name: text(100),
  doneOnTimePercent: comparison,
  medianDaysToClose: comparison,
  openByPriority: byPriority,
  openByCategory: z.array(z.object({ category: text(40), count: z.number().int() })),
  /** Officers' activities for each agency served; last four weeks as a weekly average. */
  activityByAgency: z.array(z.object({ agency: text(40), thisWeek: z.number(), lastFourWeeks: z.number() })),
});
export type AreaMeasures = z.infer<typeof areaMeasuresSchema>;

export const boardDigestSchema = z.object({
  board: text(200),
  from: day,
  to: day,
  classification,
  escalations: z.array(headline.extend({ areaCode: text(10), reason: text(500).nullable() })),
  longOverdue: z.array(
    headline.extend({
      areaCode: text(10),
      organisationName: text(200),
      actionText: text(500),
      dueOn: day,
      daysOverdue: z.number().int(),
    }),
  ),
  /** How many long-overdue actions there are in all (the list stops at a readable length). */
  longOverdueTotal: z.number().int(),
  areas: z.array(areaMeasuresSchema),
  trends,
});
export type BoardDigest = z.infer<typeof boardDigestSchema>;
