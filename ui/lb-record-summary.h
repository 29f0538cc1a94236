/* lb-record-summary.h: one record as a list row says it — title, subtitle, a status
 * badge and a value — for every kind the pages list.
 *
 * Pure formatting of what the record holds; the rules about what it means (readiness
 * verdicts, roll-ups) belong to the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lb-core.h"

G_BEGIN_DECLS

/* Colour of a badge or value; the text always says the same on its own. */
typedef enum
{
  LB_TONE_NONE,
  LB_TONE_ACCENT,
  LB_TONE_SUCCESS,
  LB_TONE_WARNING,
  LB_TONE_ERROR,
} LbTone;

typedef struct
{
  char     *title;
  char     *subtitle;      /* nullable */
  char     *badge;         /* nullable: status, outcome, verdict, decision */
  LbTone    badge_tone;
  char     *value;         /* nullable: amount, downtime, score; shown at the end of the row */
  LbTone    value_tone;
  char     *value_tooltip; /* nullable */
  gboolean  overdue;       /* risks: due and still open or mitigating */
  char     *details;       /* nullable: what the subtitle gave way to (a capacity test's target and figures) */
} LbRecordSummary;

/* @project: (nullable): the record's project, for targets a record may leave to it.
 * @now: UTC ms, for what is overdue. */
void        lb_record_summary_init           (LbRecordSummary   *summary,
                                              gconstpointer      record,
                                              const LbProject   *project,
                                              gint64             now);
/* @children: (nullable): the record's children, e.g. a rehearsal's steps, which the core
 * measures its downtime from. */
void        lb_record_summary_init_full      (LbRecordSummary   *summary,
                                              gconstpointer      record,
                                              GPtrArray         *children,
                                              const LbProject   *project,
                                              gint64             now);
void        lb_record_summary_clear          (LbRecordSummary   *summary);

/* "success", "warning", "error", "accent" or NULL. */
const char *lb_record_summary_tone_class     (LbTone             tone);
/* The tone of an enum value by its nick: "clear", "pass", "success" … are success. */
LbTone      lb_record_summary_tone_for_nick  (const char        *nick);

/* "1,520.40 EUR", with the locale's separators (',' and '.' when it has none). */
char       *lb_record_summary_format_money   (gint64             minor,
                                              const char        *currency);
/* "1,520.40 EUR / month × 12", "11,500.00 USD one-off" */
char       *lb_record_summary_cost_amount    (const LbCostItem  *item);
/* "73 min of 120 min target", from lb_rehearsal_downtime_compute() over the rehearsal's
 * @steps (nullable) and @project (nullable); "≤ 95 min …" when only the whole rehearsal
 * bounds it. NULL when neither the downtime nor a target is known. */
char       *lb_record_summary_downtime       (const LbRehearsal *rehearsal,
                                              GPtrArray         *steps,
                                              const LbProject   *project);
/* The tone of a LbRiskBand (LB_UNSET_ENUM: none): critical error, high warning. */
LbTone      lb_record_summary_tone_for_band  (int                band);

G_END_DECLS
