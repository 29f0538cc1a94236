/* lb-record-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-record-summary"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "lb-record-summary.h"

/* Nicks of the status-like enums, by what they mean for the migration. */
static const char *const success_nicks[] = { "clear", "pass", "success", "done", "approved", "closed", NULL };
static const char *const accent_nicks[] = { "in_progress", "running", "mitigating", NULL };
static const char *const warning_nicks[] = { "partial", "inconclusive", "deferred", "aborted", NULL };
static const char *const error_nicks[] = { "blocked", "fail", "failed", "rejected", NULL };

LbTone
lb_record_summary_tone_for_nick (const char *nick)
{
  if (nick == NULL)
    return LB_TONE_NONE;
  if (g_strv_contains (success_nicks, nick))
    return LB_TONE_SUCCESS;
  if (g_strv_contains (accent_nicks, nick))
    return LB_TONE_ACCENT;
  if (g_strv_contains (warning_nicks, nick))
    return LB_TONE_WARNING;
  if (g_strv_contains (error_nicks, nick))
    return LB_TONE_ERROR;
  return LB_TONE_NONE;
}

const char *
lb_record_summary_tone_class (LbTone tone)
{
  switch (tone)
    {
    case LB_TONE_ACCENT:
      return "accent";
    case LB_TONE_SUCCESS:
      return "success";
    case LB_TONE_WARNING:
      return "warning";
    case LB_TONE_ERROR:
      return "error";
    case LB_TONE_NONE:
    default:
      return NULL;
    }
}

LbTone
lb_record_summary_tone_for_band (int band)
{
  switch (band)
    {
    case LB_RISK_BAND_CRITICAL:
      return LB_TONE_ERROR;
    case LB_RISK_BAND_HIGH:
      return LB_TONE_WARNING;
    default:
      return LB_TONE_NONE;
    }
}

/* ---- numbers ------------------------------------------------------------------------------ */

char *
lb_record_summary_format_money (gint64      minor,
                 const char *currency)
{
  const struct lconv *lc = localeconv ();
  const char *thousands = lc->mon_thousands_sep != NULL && *lc->mon_thousands_sep != '\0'
                          ? lc->mon_thousands_sep : ",";
  const char *point = lc->mon_decimal_point != NULL && *lc->mon_decimal_point != '\0'
                      ? lc->mon_decimal_point : ".";
  guint64 abs_minor = minor < 0 ? (guint64) -(minor + 1) + 1 : (guint64) minor;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, abs_minor / 100);
  gsize n = strlen (digits);
  GString *s = g_string_new (minor < 0 ? "−" : "");

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (s, thousands);
      g_string_append_c (s, digits[i]);
    }
  g_string_append_printf (s, "%s%02u", point, (guint) (abs_minor % 100));
  if (currency != NULL)
    g_string_append_printf (s, " %s", currency);
  return g_string_free (s, FALSE);
}

char *
lb_record_summary_cost_amount (const LbCostItem *item)
{
  g_autofree char *money = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->amount == LB_UNSET_INT)
    return NULL;
  money = lb_record_summary_format_money (item->amount, item->currency);
  if (item->period == LB_PERIOD_MONTHLY && item->months != LB_UNSET_INT)
    /* TRANSLATORS: a monthly cost over some months, "1,520.40 EUR / month × 12" */
    return g_strdup_printf (_("%s / month × %d"), money, (int) item->months);
  if (item->period == LB_PERIOD_MONTHLY)
    /* TRANSLATORS: "1,520.40 EUR / month" */
    return g_strdup_printf (_("%s / month"), money);
  if (item->period == LB_PERIOD_ONE_OFF)
    /* TRANSLATORS: a cost paid once, "11,500.00 USD one-off" */
    return g_strdup_printf (_("%s one-off"), money);
  return g_steal_pointer (&money);
}

/* "73 min", "7.5 min" */
static char *
format_minutes (double minutes)
{
  if (fabs (minutes - round (minutes)) < 0.05)
    /* TRANSLATORS: a duration in minutes */
    return g_strdup_printf (_("%.0f min"), minutes);
  return g_strdup_printf (_("%.1f min"), minutes);
}

char *
lb_record_summary_downtime (const LbRehearsal *rehearsal,
                            GPtrArray         *steps,
                            const LbProject   *project)
{
  g_autoptr(LbRehearsalDowntime) downtime = NULL;
  g_autofree char *measured = NULL;
  g_autofree char *target_text = NULL;

  g_return_val_if_fail (rehearsal != NULL, NULL);

  downtime = lb_rehearsal_downtime_compute (rehearsal, steps, project);
  if (downtime->downtime_ms != LB_UNSET_INT)
    {
      g_autofree char *minutes = format_minutes ((double) downtime->downtime_ms / 60000.0);

      if (downtime->source == LB_DOWNTIME_FROM_REHEARSAL)
        /* TRANSLATORS: an upper bound of a rehearsal's downtime (the whole rehearsal), "≤ 95 min" */
        measured = g_strdup_printf (_("≤ %s"), minutes);
      else
        measured = g_steal_pointer (&minutes);
    }
  if (downtime->target_min != LB_UNSET_INT)
    target_text = format_minutes ((double) downtime->target_min);

  if (measured != NULL && target_text != NULL)
    /* TRANSLATORS: measured downtime against the target, "73 min of 120 min target" */
    return g_strdup_printf (_("%s of %s target"), measured, target_text);
  if (measured != NULL)
    return g_steal_pointer (&measured);
  if (target_text != NULL)
    /* TRANSLATORS: a rehearsal's downtime target before it was measured, "120 min target" */
    return g_strdup_printf (_("%s target"), target_text);
  return NULL;
}

/* ---- per kind ----------------------------------------------------------------------------- */

static char *
display (gconstpointer record,
         const char   *field_name)
{
  const LbFieldInfo *field = lb_record_kind_find_field (lb_record_get_kind (record), field_name);

  g_assert (field != NULL);
  return lb_record_field_to_display (field, record);
}

static void
set_badge (LbRecordSummary *summary,
           gconstpointer    record,
           const char      *field_name)
{
  const LbFieldInfo *field = lb_record_kind_find_field (lb_record_get_kind (record), field_name);
  int value;

  g_assert (field != NULL && field->type == LB_FIELD_ENUM);
  if (!lb_record_field_is_set (field, record))
    return;
  value = (int) lb_record_get_int (field, record);
  summary->badge = g_strdup (lb_enum_info_label (field->enum_info, value));
  summary->badge_tone = lb_record_summary_tone_for_nick (lb_enum_info_nick (field->enum_info, value));
}

/* Parts joined by " · "; NULL parts are skipped, and so are empty results. */
static char *
join_parts (GPtrArray *parts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);

      if (part == NULL || *part == '\0')
        continue;
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append (s, part);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
summarize_generic (LbRecordSummary *summary,
                   gconstpointer    record)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  summary->title = lb_record_describe (record);
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];

      if (!(field->flags & LB_FIELD_IDENTITY) || field->type == LB_FIELD_REF ||
          g_strcmp0 (field->name, kind->title_field) == 0)
        continue;
      g_ptr_array_add (parts, lb_record_field_to_display (field, record));
    }
  summary->subtitle = join_parts (parts);
}

static void
summarize_readiness (LbRecordSummary       *summary,
                     const LbReadinessItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  summary->title = g_strdup (item->title);
  g_ptr_array_add (parts, display (item, "control"));
  g_ptr_array_add (parts, g_strdup (item->owner));
  if (item->verified_by != NULL && item->verified_at != LB_UNSET_INT)
    {
      g_autofree char *when = lb_time_format_local (item->verified_at);

      /* TRANSLATORS: "Verified by Tomasz Nowak, 2026-10-12 09:30" */
      g_ptr_array_add (parts, g_strdup_printf (_("Verified by %s, %s"), item->verified_by, when));
    }
  else if (item->verified_by != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Verified by %s"), item->verified_by));
  summary->subtitle = join_parts (parts);
  /* A prerequisite's note says what was found ("Fail: SIMPLE recovery …", from a probe):
   * its first line leads, the rest is for the form. */
  if (item->kind == LB_READINESS_PREREQUISITE && item->note != NULL && *item->note != '\0')
    {
      g_autofree char *first = g_strndup (item->note, strcspn (item->note, "\n"));
      char *subtitle = summary->subtitle != NULL ? g_strdup_printf ("%s\n%s", first, summary->subtitle)
                                                 : g_strdup (first);

      g_free (summary->subtitle);
      summary->subtitle = subtitle;
    }
  set_badge (summary, item, "status");
}

static void
summarize_capacity (LbRecordSummary      *summary,
                    const LbCapacityTest *test)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *method = display (test, "method");
  g_autofree char *when = display (test, "tested_at");

  /* TRANSLATORS: a capacity test, "Workload replay, 2026-11-02 10:00" */
  summary->title = g_strdup_printf (_("%s, %s"), method != NULL ? method : "", when != NULL ? when : "");
  g_ptr_array_add (parts, display (test, "target_tier"));
  if (test->target_vcores != LB_UNSET_INT)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d vCore", "%d vCores", (gulong) test->target_vcores),
                                             (int) test->target_vcores));
  if (!isnan (test->log_gen_peak_mibps))
    {
      g_autofree char *peak = display (test, "log_gen_peak_mibps");

      /* TRANSLATORS: log generation rate, "12.4 MiB/s log peak" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s log peak"), peak));
    }
  if (!isnan (test->cpu_pct))
    {
      g_autofree char *cpu = display (test, "cpu_pct");

      /* TRANSLATORS: "CPU 63 %" */
      g_ptr_array_add (parts, g_strdup_printf (_("CPU %s"), cpu));
    }
  summary->details = join_parts (parts);

  /* The core's verdict on the figures; what was tested goes into the details. A verdict
   * recorded by hand that the figures do not support is shown with both, never hidden. */
  {
    g_autoptr(LbCapacityResult) result = lb_capacity_evaluate (test);
    const LbFieldInfo *field = lb_record_kind_find_field (&lb_capacity_test_kind, "verdict");
    const char *computed = lb_enum_info_label (field->enum_info, result->verdict);

    if (test->verdict == LB_UNSET_ENUM || test->verdict == (int) result->verdict)
      {
        summary->subtitle = g_strdup (result->summary);
        summary->badge = g_strdup (computed);
        summary->badge_tone = lb_record_summary_tone_for_nick (lb_enum_info_nick (field->enum_info,
                                                                                  result->verdict));
      }
    else
      {
        /* TRANSLATORS: "Recorded as Pass; the figures say Fail: log generation p95 …" */
        summary->subtitle = g_strdup_printf (_("Recorded as %s; the figures say %s"),
                                             lb_enum_info_label (field->enum_info, test->verdict), result->summary);
        summary->badge = g_strdup (lb_enum_info_label (field->enum_info, test->verdict));
        summary->badge_tone = LB_TONE_WARNING;
      }
  }
}

static void
summarize_rehearsal (LbRecordSummary   *summary,
                     const LbRehearsal *rehearsal,
                     GPtrArray         *steps,
                     const LbProject   *project)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *kind = display (rehearsal, "kind");
  g_autoptr(LbRehearsalDowntime) downtime = lb_rehearsal_downtime_compute (rehearsal, steps, project);

  summary->title = g_strdup (rehearsal->title);
  /* A "Planned failover drill" titled "Planned failover drill" says so once. */
  if (g_strcmp0 (kind, rehearsal->title) != 0)
    g_ptr_array_add (parts, g_steal_pointer (&kind));
  g_ptr_array_add (parts, display (rehearsal, "started_at"));
  if (rehearsal->started_at != LB_UNSET_INT && rehearsal->ended_at != LB_UNSET_INT)
    g_ptr_array_add (parts, lb_duration_format (rehearsal->ended_at - rehearsal->started_at));
  if (rehearsal->data_loss)
    g_ptr_array_add (parts, g_strdup (_("Data loss")));
  summary->subtitle = join_parts (parts);
  set_badge (summary, rehearsal, "outcome");

  summary->value = lb_record_summary_downtime (rehearsal, steps, project);
  summary->value_tone = downtime->target == LB_TARGET_MISSED ? LB_TONE_ERROR : LB_TONE_NONE;
  /* The core's explanation: where the downtime comes from and how it compares. */
  if (summary->value != NULL)
    summary->value_tooltip = g_strdup (downtime->explanation);
}

static void
summarize_step (LbRecordSummary       *summary,
                const LbRehearsalStep *step)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  summary->title = g_strdup (step->name);
  g_ptr_array_add (parts, display (step, "started_at"));
  if (step->started_at != LB_UNSET_INT && step->ended_at != LB_UNSET_INT)
    g_ptr_array_add (parts, lb_duration_format (step->ended_at - step->started_at));
  /* The steps the downtime is measured by say so. */
  g_ptr_array_add (parts, display (step, "role"));
  summary->subtitle = join_parts (parts);
  set_badge (summary, step, "outcome");
}

static void
summarize_evidence (LbRecordSummary  *summary,
                    const LbEvidence *evidence)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  summary->title = g_strdup (evidence->title);
  g_ptr_array_add (parts, display (evidence, "kind"));
  g_ptr_array_add (parts, display (evidence, "size_bytes"));
  if (evidence->media_type != NULL && !g_str_equal (evidence->media_type, "text/plain"))
    g_ptr_array_add (parts, g_strdup (evidence->media_type));
  g_ptr_array_add (parts, display (evidence, "captured_at"));
  summary->subtitle = join_parts (parts);
}

static void
summarize_cost (LbRecordSummary  *summary,
                const LbCostItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  summary->title = g_strdup (item->description);
  g_ptr_array_add (parts, display (item, "category"));
  g_ptr_array_add (parts, display (item, "basis"));
  summary->subtitle = join_parts (parts);
  summary->value = lb_record_summary_cost_amount (item);
  summary->value_tooltip = g_strdup (item->source);
}

static void
summarize_tag (LbRecordSummary *summary,
               const LbCostTag *tag)
{
  summary->title = g_strdup (tag->key);
  summary->subtitle = g_strdup (tag->value);
}

static void
summarize_risk (LbRecordSummary *summary,
                const LbRisk    *risk,
                gint64           now)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 score = lb_risk_score (risk);
  int band = lb_risk_band_for_score (score);
  gboolean settled = risk->status == LB_RISK_ACCEPTED || risk->status == LB_RISK_CLOSED;

  summary->title = g_strdup (risk->title);
  /* TRANSLATORS: how a risk's score is made up, "Likelihood 4 × impact 5" */
  g_ptr_array_add (parts, g_strdup_printf (_("Likelihood %d × impact %d"), (int) risk->likelihood,
                                           (int) risk->impact));
  g_ptr_array_add (parts, g_strdup (risk->owner));
  if (risk->due_at != LB_UNSET_INT)
    {
      g_autofree char *due = lb_time_format_local (risk->due_at);

      /* TRANSLATORS: a risk's due date, "Due 2026-12-01 00:00" */
      g_ptr_array_add (parts, g_strdup_printf (_("Due %s"), due));
    }
  summary->subtitle = join_parts (parts);
  set_badge (summary, risk, "status");

  /* TRANSLATORS: a risk's likelihood × impact, "score 20" */
  summary->value = g_strdup_printf (_("score %d"), (int) score);
  summary->value_tone = settled ? LB_TONE_NONE : lb_record_summary_tone_for_band (band);
  summary->value_tooltip = g_strdup_printf (_("Likelihood %d × impact %d"), (int) risk->likelihood,
                                            (int) risk->impact);
  summary->overdue = lb_risk_is_overdue (risk, now);
}

static void
summarize_approval (LbRecordSummary  *summary,
                    const LbApproval *approval)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  summary->title = display (approval, "subject");
  if (approval->approver != NULL && approval->role != NULL)
    /* TRANSLATORS: "Henrik Dahl (Chief Operating Officer)" */
    g_ptr_array_add (parts, g_strdup_printf (_("%s (%s)"), approval->approver, approval->role));
  else
    g_ptr_array_add (parts, g_strdup (approval->approver));
  g_ptr_array_add (parts, display (approval, "decided_at"));
  summary->subtitle = join_parts (parts);
  set_badge (summary, approval, "decision");
}

void
lb_record_summary_init (LbRecordSummary *summary,
                        gconstpointer    record,
                        const LbProject *project,
                        gint64           now)
{
  lb_record_summary_init_full (summary, record, NULL, project, now);
}

void
lb_record_summary_init_full (LbRecordSummary *summary,
                             gconstpointer    record,
                             GPtrArray       *children,
                             const LbProject *project,
                             gint64           now)
{
  const LbRecordKind *kind;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (record != NULL);

  memset (summary, 0, sizeof *summary);
  kind = lb_record_get_kind (record);

  if (kind == &lb_readiness_item_kind)
    summarize_readiness (summary, record);
  else if (kind == &lb_capacity_test_kind)
    summarize_capacity (summary, record);
  else if (kind == &lb_rehearsal_kind)
    summarize_rehearsal (summary, record, children, project);
  else if (kind == &lb_rehearsal_step_kind)
    summarize_step (summary, record);
  else if (kind == &lb_evidence_kind)
    summarize_evidence (summary, record);
  else if (kind == &lb_cost_item_kind)
    summarize_cost (summary, record);
  else if (kind == &lb_cost_tag_kind)
    summarize_tag (summary, record);
  else if (kind == &lb_risk_kind)
    summarize_risk (summary, record, now);
  else if (kind == &lb_approval_kind)
    summarize_approval (summary, record);
  else
    summarize_generic (summary, record);

  if (summary->title == NULL)
    summary->title = lb_record_describe (record);
}

void
lb_record_summary_clear (LbRecordSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->title, g_free);
  g_clear_pointer (&summary->subtitle, g_free);
  g_clear_pointer (&summary->badge, g_free);
  g_clear_pointer (&summary->value, g_free);
  g_clear_pointer (&summary->value_tooltip, g_free);
  g_clear_pointer (&summary->details, g_free);
}
