/* lb-report-tables.c: the tables of a report, built once from the loaded report data for
 * every output format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "../model/lb-time.h"
#include "lb-report-private.h"

char *
lb_report_format_time (gint64 ms)
{
  if (ms == LB_UNSET_INT)
    return g_strdup (_("not set"));
  return lb_time_format_local (ms);
}


char *
lb_report_display_field (gconstpointer       record,
               const LbRecordKind *kind,
               const char         *name)
{
  const LbFieldInfo *field = lb_record_kind_find_field (kind, name);
  char *text = field != NULL ? lb_record_field_to_display (field, record) : NULL;

  return text != NULL ? text : g_strdup ("");
}


int
lb_report_verdict_tone (LbGoNoGoVerdict verdict)
{
  switch (verdict)
    {
    case LB_GO:
      return LB_REPORT_TONE_GOOD;
    case LB_NO_GO:
      return LB_REPORT_TONE_BAD;
    case LB_NOT_ENOUGH_EVIDENCE:
    default:
      return LB_REPORT_TONE_WARNING;
    }
}


int
lb_report_rule_tone (LbRuleStatus status)
{
  switch (status)
    {
    case LB_RULE_PASS:
      return LB_REPORT_TONE_GOOD;
    case LB_RULE_FAIL:
      return LB_REPORT_TONE_BAD;
    case LB_RULE_NO_EVIDENCE:
      return LB_REPORT_TONE_WARNING;
    case LB_RULE_NOT_APPLICABLE:
    default:
      return LB_REPORT_TONE_MUTED;
    }
}


/* ---- fallback tables, built from the report when the table builder has none ---------------- */

static LbReportTable *
build_rules_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("rules", _("Go/no-go rules"));

  lb_report_table_add_column (t, "number", _("No."), LB_REPORT_ALIGN_END, 0.35);
  lb_report_table_add_column (t, "rule", _("Rule"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "status", _("Status"), LB_REPORT_ALIGN_START, 0.9);
  lb_report_table_add_column (t, "requirement", _("Requirement"), LB_REPORT_ALIGN_START, 2.2);
  lb_report_table_add_column (t, "finding", _("Finding and evidence"), LB_REPORT_ALIGN_START, 3.2);
  for (guint i = 0; i < LB_N_RULES; i++)
    {
      const LbRuleResult *rule = &report->go_no_go->rules[i];
      g_autoptr(GString) finding = g_string_new (rule->finding);

      for (guint e = 0; rule->evidence != NULL && e < rule->evidence->len; e++)
        g_string_append_printf (finding, "\n• %s", (const char *) rule->evidence->pdata[e]);
      lb_report_table_begin_row (t);
      lb_report_table_add_int (t, i + 1, NULL);
      lb_report_table_add_text (t, _(lb_enum_info_label (&lb_rule_enum, (int) i)));
      lb_report_table_add_enum (t, &lb_rule_status_enum, rule->status);
      lb_report_table_set_tone (t, lb_report_rule_tone (rule->status));
      lb_report_table_add_text (t, rule->requirement);
      lb_report_table_add_text (t, finding->str);
    }
  return t;
}

static LbReportTable *
build_rehearsals_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("rehearsals", _("Rehearsals"));

  lb_report_table_add_column (t, "rehearsal", _("Rehearsal"), LB_REPORT_ALIGN_START, 2);
  lb_report_table_add_column (t, "kind", _("Kind"), LB_REPORT_ALIGN_START, 1.2);
  lb_report_table_add_column (t, "started_at", _("Started"), LB_REPORT_ALIGN_START, 1.2);
  lb_report_table_add_column (t, "outcome", _("Outcome"), LB_REPORT_ALIGN_START, 0.9);
  lb_report_table_add_column (t, "downtime_min", _("Downtime"), LB_REPORT_ALIGN_END, 0.8);
  lb_report_table_add_column (t, "target_min", _("Target"), LB_REPORT_ALIGN_END, 0.7);
  lb_report_table_add_column (t, "data_loss", _("Data loss"), LB_REPORT_ALIGN_CENTER, 0.7);
  for (guint i = 0; report->rehearsals != NULL && i < report->rehearsals->len; i++)
    {
      const LbRehearsal *r = report->rehearsals->pdata[i];
      const LbRehearsalDowntime *d = report->downtimes->pdata[i];
      g_autofree char *kind = lb_report_display_field (r, &lb_rehearsal_kind, "kind");
      g_autofree char *outcome = lb_report_display_field (r, &lb_rehearsal_kind, "outcome");

      lb_report_table_begin_row (t);
      lb_report_table_add_text (t, r->title);
      lb_report_table_add_text (t, kind);
      lb_report_table_add_time (t, r->started_at);
      lb_report_table_add_text (t, outcome);
      lb_report_table_set_tone (t, r->outcome == LB_OUTCOME_SUCCESS ? LB_REPORT_TONE_GOOD
                                   : r->outcome == LB_OUTCOME_FAILED || r->outcome == LB_OUTCOME_ABORTED
                                     ? LB_REPORT_TONE_BAD
                                   : r->outcome == LB_OUTCOME_PARTIAL ? LB_REPORT_TONE_WARNING
                                                                      : LB_REPORT_TONE_MUTED);
      lb_report_table_add_int (t, d->downtime_ms == LB_UNSET_INT ? LB_UNSET_INT
                                                                 : (gint64) round (d->downtime_ms / 60000.0),
                               _("min"));
      if (d->target == LB_TARGET_MISSED)
        lb_report_table_set_tone (t, LB_REPORT_TONE_BAD);
      lb_report_table_add_int (t, d->target_min, _("min"));
      lb_report_table_add_text (t, r->data_loss ? _("Yes") : _("No"));
      if (r->data_loss)
        lb_report_table_set_tone (t, LB_REPORT_TONE_BAD);
    }
  return t;
}

static LbReportTable *
build_evidence_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("evidence", _("Evidence"));

  lb_report_table_add_column (t, "title", _("Title"), LB_REPORT_ALIGN_START, 2.2);
  lb_report_table_add_column (t, "kind", _("Kind"), LB_REPORT_ALIGN_START, 0.9);
  lb_report_table_add_column (t, "captured_at", _("Captured"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "sha256", _("SHA-256"), LB_REPORT_ALIGN_START, 2.6);
  for (guint i = 0; report->evidence != NULL && i < report->evidence->len; i++)
    {
      const LbEvidence *e = report->evidence->pdata[i];
      g_autofree char *kind = lb_report_display_field (e, &lb_evidence_kind, "kind");

      lb_report_table_begin_row (t);
      lb_report_table_add_text (t, e->title);
      lb_report_table_add_text (t, kind);
      lb_report_table_add_time (t, e->captured_at);
      lb_report_table_add_text (t, e->sha256);
    }
  return t;
}

static LbReportTable *
build_risks_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("risks", _("Risks"));

  lb_report_table_add_column (t, "title", _("Risk"), LB_REPORT_ALIGN_START, 2.4);
  lb_report_table_add_column (t, "score", _("Score"), LB_REPORT_ALIGN_END, 0.55);
  lb_report_table_add_column (t, "status", _("Status"), LB_REPORT_ALIGN_START, 0.8);
  lb_report_table_add_column (t, "owner", _("Owner"), LB_REPORT_ALIGN_START, 1);
  lb_report_table_add_column (t, "mitigation", _("Mitigation"), LB_REPORT_ALIGN_START, 2.6);
  for (guint i = 0; report->risks != NULL && i < report->risks->len; i++)
    {
      const LbRisk *r = report->risks->pdata[i];
      gint64 score = lb_risk_score (r);
      int band = lb_risk_band_for_score (score);
      g_autofree char *status = lb_report_display_field (r, &lb_risk_kind, "status");

      lb_report_table_begin_row (t);
      lb_report_table_add_text (t, r->title);
      lb_report_table_add_int (t, score > 0 ? score : LB_UNSET_INT, NULL);
      if (r->status != LB_RISK_CLOSED)
        lb_report_table_set_tone (t, band == LB_RISK_BAND_CRITICAL ? LB_REPORT_TONE_BAD
                                     : band == LB_RISK_BAND_HIGH   ? LB_REPORT_TONE_WARNING
                                                                   : LB_REPORT_TONE_NONE);
      lb_report_table_add_text (t, status);
      lb_report_table_add_text (t, r->owner);
      lb_report_table_add_text (t, r->mitigation);
    }
  return t;
}

static LbReportTable *
build_approvals_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("approvals", _("Approvals"));

  lb_report_table_add_column (t, "subject", _("Subject"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "decision", _("Decision"), LB_REPORT_ALIGN_START, 0.8);
  lb_report_table_add_column (t, "approver", _("Approver"), LB_REPORT_ALIGN_START, 1.3);
  lb_report_table_add_column (t, "decided_at", _("Decided"), LB_REPORT_ALIGN_START, 1);
  lb_report_table_add_column (t, "comment", _("Comment"), LB_REPORT_ALIGN_START, 2.4);
  for (guint i = 0; report->approvals != NULL && i < report->approvals->len; i++)
    {
      const LbApproval *a = report->approvals->pdata[i];
      g_autofree char *subject = lb_report_display_field (a, &lb_approval_kind, "subject");
      g_autofree char *decision = lb_report_display_field (a, &lb_approval_kind, "decision");
      g_autofree char *who = a->role != NULL ? g_strdup_printf ("%s (%s)", a->approver, a->role)
                                             : g_strdup (a->approver);

      lb_report_table_begin_row (t);
      lb_report_table_add_text (t, subject);
      lb_report_table_add_text (t, decision);
      lb_report_table_set_tone (t, a->decision == LB_DECISION_APPROVED   ? LB_REPORT_TONE_GOOD
                                   : a->decision == LB_DECISION_REJECTED ? LB_REPORT_TONE_BAD
                                                                         : LB_REPORT_TONE_WARNING);
      lb_report_table_add_text (t, who);
      lb_report_table_add_time (t, a->decided_at);
      lb_report_table_add_text (t, a->comment);
    }
  return t;
}

static LbReportTable *
build_readiness_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("readiness", _("Readiness"));

  lb_report_table_add_column (t, "title", _("Item"), LB_REPORT_ALIGN_START, 2.4);
  lb_report_table_add_column (t, "kind", _("Kind"), LB_REPORT_ALIGN_START, 1);
  lb_report_table_add_column (t, "status", _("Status"), LB_REPORT_ALIGN_START, 0.9);
  lb_report_table_add_column (t, "owner", _("Owner"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "note", _("Note"), LB_REPORT_ALIGN_START, 2.2);
  for (guint i = 0; report->readiness_items != NULL && i < report->readiness_items->len; i++)
    {
      const LbReadinessItem *item = report->readiness_items->pdata[i];
      g_autofree char *kind = item->kind == LB_READINESS_CONTROL && item->control >= 0
                                ? g_strdup (_(lb_enum_info_label (&lb_control_enum, item->control)))
                                : lb_report_display_field (item, &lb_readiness_item_kind, "kind");
      g_autofree char *status = lb_report_display_field (item, &lb_readiness_item_kind, "status");

      lb_report_table_begin_row (t);
      lb_report_table_add_text (t, item->title);
      lb_report_table_add_text (t, kind);
      lb_report_table_add_text (t, status);
      lb_report_table_set_tone (t, item->status == LB_READINESS_CLEAR     ? LB_REPORT_TONE_GOOD
                                   : item->status == LB_READINESS_BLOCKED ? LB_REPORT_TONE_BAD
                                                                          : LB_REPORT_TONE_WARNING);
      lb_report_table_add_text (t, item->owner);
      lb_report_table_add_text (t, item->note);
    }
  return t;
}

static LbReportTable *
build_capacity_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("capacity", _("Capacity findings"));

  lb_report_table_add_column (t, "test", _("Test"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "status", _("Status"), LB_REPORT_ALIGN_START, 0.8);
  lb_report_table_add_column (t, "headroom_pct", _("Headroom"), LB_REPORT_ALIGN_END, 0.8);
  lb_report_table_add_column (t, "message", _("Finding"), LB_REPORT_ALIGN_START, 4);
  for (guint i = 0; report->capacity_results != NULL && i < report->capacity_results->len; i++)
    {
      const LbCapacityTest *test = report->capacity_tests->pdata[i];
      const LbCapacityResult *result = report->capacity_results->pdata[i];
      g_autofree char *when = lb_report_format_time (test->tested_at);
      g_autofree char *label = g_strdup_printf (_("#%" G_GINT64_FORMAT ", %s"), test->id, when);

      for (guint f = 0; f < result->findings->len; f++)
        {
          const LbCapacityFinding *finding = result->findings->pdata[f];

          if (finding->status == LB_CAPACITY_NOTE)
            continue;
          lb_report_table_begin_row (t);
          lb_report_table_add_text (t, label);
          lb_report_table_add_text (t, finding->status == LB_CAPACITY_OK        ? _("OK")
                                       : finding->status == LB_CAPACITY_WARNING ? _("Warning")
                                       : finding->status == LB_CAPACITY_FAIL    ? _("Fail")
                                                                                : _("Unknown"));
          lb_report_table_set_tone (t, finding->status == LB_CAPACITY_OK        ? LB_REPORT_TONE_GOOD
                                       : finding->status == LB_CAPACITY_WARNING ? LB_REPORT_TONE_WARNING
                                       : finding->status == LB_CAPACITY_FAIL    ? LB_REPORT_TONE_BAD
                                                                                : LB_REPORT_TONE_MUTED);
          lb_report_table_add_real (t, finding->headroom_pct, 0, "%");
          lb_report_table_add_text (t, finding->message);
        }
    }
  return t;
}


const LbRehearsalDowntime *
lb_report_latest_downtime (const LbProjectReport *report,
                 const LbRehearsal    **rehearsal)
{
  /* The newest rehearsal that ran; planned ones (not started) sort last. */
  for (guint i = report->rehearsals->len; i-- > 0;)
    {
      const LbRehearsal *r = report->rehearsals->pdata[i];

      if (r->outcome == LB_OUTCOME_PLANNED || r->started_at == LB_UNSET_INT)
        continue;
      *rehearsal = r;
      return report->downtimes->pdata[i];
    }
  *rehearsal = NULL;
  return NULL;
}


LbReportTable *
lb_report_projects_table (const LbPortfolioReport *portfolio,
                      gint64                   wave_id,
                      gboolean                 all)
{
  LbReportTable *t = lb_report_table_new ("projects", _("Projects"));

  lb_report_table_add_column (t, "project", _("Project"), LB_REPORT_ALIGN_START, 2.4);
  if (all)
    lb_report_table_add_column (t, "wave", _("Wave"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "verdict", _("Verdict"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "rehearsal", _("Latest rehearsal"), LB_REPORT_ALIGN_START, 1.2);
  lb_report_table_add_column (t, "lag_p95_s", _("Lag p95"), LB_REPORT_ALIGN_END, 0.8);
  lb_report_table_add_column (t, "open_high_risks", _("Open high risks"), LB_REPORT_ALIGN_END, 0.8);
  lb_report_table_add_column (t, "cost", _("Cost"), LB_REPORT_ALIGN_END, 1.3);
  for (guint i = 0; i < portfolio->projects->len; i++)
    {
      const LbProjectReport *r = portfolio->projects->pdata[i];
      const LbRehearsal *latest = NULL;
      const LbRehearsalDowntime *d = lb_report_latest_downtime (r, &latest);
      g_autoptr(GString) cost = g_string_new (NULL);
      g_autofree char *rehearsal = NULL;

      if (!all && r->project->wave_id != wave_id)
        continue;
      if (latest == NULL)
        rehearsal = g_strdup (_("none yet"));
      else
        {
          g_autofree char *outcome = lb_report_display_field (latest, &lb_rehearsal_kind, "outcome");

          rehearsal = d->downtime_ms != LB_UNSET_INT ? g_strdup_printf (_("%s, %.0f min"), outcome,
                                                                        d->downtime_ms / 60000.0)
                                                     : g_strdup (outcome);
        }
      for (guint c = 0; r->costs != NULL && c < r->costs->currencies->len; c++)
        {
          const LbCostTotals *totals = r->costs->currencies->pdata[c];
          g_autofree char *money = lb_money_format (totals->amounts.total, totals->currency);

          if (cost->len > 0)
            g_string_append (cost, "\n");
          g_string_append (cost, money);
        }
      lb_report_table_begin_row (t);
      lb_report_table_add_text (t, r->project->name);
      if (all)
        lb_report_table_add_text (t, r->wave_name != NULL ? r->wave_name : _("No wave"));
      lb_report_table_add_enum (t, &lb_go_no_go_verdict_enum, r->go_no_go->verdict);
      lb_report_table_set_tone (t, lb_report_verdict_tone (r->go_no_go->verdict));
      lb_report_table_add_text (t, rehearsal);
      if (latest != NULL)
        lb_report_table_set_tone (t, latest->outcome == LB_OUTCOME_SUCCESS && d->target != LB_TARGET_MISSED
                                       ? LB_REPORT_TONE_GOOD
                                       : LB_REPORT_TONE_BAD);
      if (r->has_lag && r->lag_recent.n_samples > 0)
        {
          lb_report_table_add_real (t, r->lag_recent.p95, 2, _("s"));
          if (!isnan (r->project->lag_threshold_s))
            lb_report_table_set_tone (t, r->lag_recent.p95 <= r->project->lag_threshold_s ? LB_REPORT_TONE_NONE
                                                                                         : LB_REPORT_TONE_BAD);
        }
      else
        lb_report_table_add_text (t, _("n/a"));
      lb_report_table_add_int (t, r->risk_summary.n_open_high, NULL);
      if (r->risk_summary.n_open_high > 0)
        lb_report_table_set_tone (t, LB_REPORT_TONE_BAD);
      lb_report_table_add_text (t, cost->len > 0 ? cost->str : "—");
    }
  return t;
}


static LbReportTable *
build_steps_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("rehearsal_steps", _("Rehearsal steps"));

  lb_report_table_add_column (t, "rehearsal", _("Rehearsal"), LB_REPORT_ALIGN_START, 1.4);
  lb_report_table_add_column (t, "position", _("Step"), LB_REPORT_ALIGN_END, 0.4);
  lb_report_table_add_column (t, "name", _("Name"), LB_REPORT_ALIGN_START, 2.6);
  lb_report_table_add_column (t, "role", _("Downtime role"), LB_REPORT_ALIGN_START, 1);
  lb_report_table_add_column (t, "started_at", _("Started"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "ended_at", _("Ended"), LB_REPORT_ALIGN_START, 1.1);
  lb_report_table_add_column (t, "outcome", _("Outcome"), LB_REPORT_ALIGN_START, 0.8);
  for (guint i = 0; report->rehearsals != NULL && i < report->rehearsals->len; i++)
    {
      const LbRehearsal *r = report->rehearsals->pdata[i];
      GPtrArray *steps = report->steps->pdata[i];

      for (guint j = 0; j < steps->len; j++)
        {
          const LbRehearsalStep *step = steps->pdata[j];

          lb_report_table_begin_row (t);
          lb_report_table_add_text (t, r->title);
          lb_report_table_add_int (t, step->position, NULL);
          lb_report_table_add_text (t, step->name);
          lb_report_table_add_enum (t, &lb_step_role_enum, step->role);
          lb_report_table_add_time (t, step->started_at);
          lb_report_table_add_time (t, step->ended_at);
          lb_report_table_add_enum (t, lb_record_kind_find_field (&lb_rehearsal_step_kind, "outcome")->enum_info,
                                    step->outcome);
          lb_report_table_set_tone (t, step->outcome == LB_STEP_DONE     ? LB_REPORT_TONE_GOOD
                                       : step->outcome == LB_STEP_FAILED ? LB_REPORT_TONE_BAD
                                                                         : LB_REPORT_TONE_MUTED);
        }
    }
  return t;
}

static void
add_lag_row (LbReportTable    *t,
             const char       *window,
             const LbLagStats *stats)
{
  lb_report_table_begin_row (t);
  lb_report_table_add_text (t, window);
  lb_report_table_add_time (t, stats->from);
  lb_report_table_add_time (t, stats->to);
  lb_report_table_add_int (t, stats->n_samples, NULL);
  lb_report_table_add_real (t, stats->p50, 2, _("s"));
  lb_report_table_add_real (t, stats->p95, 2, _("s"));
  lb_report_table_add_real (t, stats->p99, 2, _("s"));
  lb_report_table_add_real (t, stats->max, 2, _("s"));
  lb_report_table_add_real (t, stats->threshold_s, 0, _("s"));
  lb_report_table_add_real (t, stats->pct_above, 2, "%");
  lb_report_table_add_real (t, stats->longest_breach_ms / 1000.0, 0, _("s"));
  lb_report_table_add_int (t, stats->n_gaps, NULL);
  lb_report_table_add_real (t, stats->gap_ms / 1000.0, 0, _("s"));
}

static LbReportTable *
build_lag_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("lag_statistics", _("Replication lag statistics"));
  static const struct { const char *key, *label; double weight; } columns[] = {
    /* Thirteen columns: the dates keep "2026-11-25" on a line, the figures "11.77 s". */
    { "window", N_("Window"), 1.0 }, { "from", N_("From"), 1.09 }, { "to", N_("To"), 1.09 },
    { "samples", N_("Samples"), 0.84 }, { "p50_s", N_("p50"), 0.68 }, { "p95_s", N_("p95"), 0.68 },
    { "p99_s", N_("p99"), 0.68 }, { "max_s", N_("Max"), 0.78 }, { "threshold_s", N_("Threshold"), 0.92 },
    { "pct_above", N_("Above"), 0.84 }, { "longest_breach_s", N_("Longest breach"), 0.84 },
    { "gaps", N_("Gaps"), 0.6 }, { "gap_s", N_("Gap time"), 0.62 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    lb_report_table_add_column (t, columns[i].key, _(columns[i].label), i < 3 ? LB_REPORT_ALIGN_START : LB_REPORT_ALIGN_END,
                                columns[i].weight);
  if (report->has_lag)
    {
      /* TRANSLATORS: rows of the "Window" column: the chart's window and the rule's */
      add_lag_row (t, _("Chart"), &report->lag_window);
      add_lag_row (t, _("Go/no-go"), &report->lag_recent);
    }
  return t;
}

static LbReportTable *
build_costs_table (const LbProjectReport *report)
{
  LbReportTable *t = lb_report_table_new ("costs", _("Cost items"));

  /* The short columns are as wide as their heads and "Estimate", so no word is split. */
  lb_report_table_add_column (t, "category", _("Category"), LB_REPORT_ALIGN_START, 1.25);
  lb_report_table_add_column (t, "description", _("Description"), LB_REPORT_ALIGN_START, 1.7);
  lb_report_table_add_column (t, "amount_minor", _("Amount"), LB_REPORT_ALIGN_END, 1.0);
  lb_report_table_add_column (t, "currency", _("Currency"), LB_REPORT_ALIGN_CENTER, 0.95);
  lb_report_table_add_column (t, "period", _("Period"), LB_REPORT_ALIGN_START, 0.85);
  lb_report_table_add_column (t, "months", _("Months"), LB_REPORT_ALIGN_END, 0.9);
  lb_report_table_add_column (t, "basis", _("Basis"), LB_REPORT_ALIGN_START, 0.95);
  lb_report_table_add_column (t, "tags", _("Tags"), LB_REPORT_ALIGN_START, 1.9);
  for (guint i = 0; report->cost_items != NULL && i < report->cost_items->len; i++)
    {
      const LbCostItem *item = report->cost_items->pdata[i];
      g_autoptr(GString) tags = g_string_new (NULL);
      g_autofree char *money = lb_money_format (item->amount, NULL);
      JsonNode *amount = NULL;

      for (guint j = 0; report->cost_tags != NULL && j < report->cost_tags->len; j++)
        {
          const LbCostTag *tag = report->cost_tags->pdata[j];

          if (tag->cost_item_id == item->id)
            g_string_append_printf (tags, "%s%s=%s", tags->len > 0 ? ", " : "", tag->key,
                                    tag->value != NULL ? tag->value : "");
        }
      if (item->amount != LB_UNSET_INT)
        {
          amount = json_node_new (JSON_NODE_VALUE);
          json_node_set_int (amount, item->amount);
        }
      lb_report_table_begin_row (t);
      lb_report_table_add_enum (t, lb_record_kind_find_field (&lb_cost_item_kind, "category")->enum_info,
                                item->category);
      lb_report_table_add_text (t, item->description);
      lb_report_table_add_cell (t, item->amount != LB_UNSET_INT ? money : NULL, amount);
      lb_report_table_add_text (t, item->currency);
      lb_report_table_add_enum (t, lb_record_kind_find_field (&lb_cost_item_kind, "period")->enum_info, item->period);
      lb_report_table_add_int (t, item->months, NULL);
      lb_report_table_add_enum (t, lb_record_kind_find_field (&lb_cost_item_kind, "basis")->enum_info, item->basis);
      lb_report_table_add_text (t, tags->len > 0 ? tags->str : NULL);
    }
  return t;
}

GPtrArray *
lb_report_tables_for_project (const LbProjectReport *report)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_report_table_free);

  g_ptr_array_add (tables, build_rules_table (report));
  g_ptr_array_add (tables, build_rehearsals_table (report));
  g_ptr_array_add (tables, build_steps_table (report));
  g_ptr_array_add (tables, build_lag_table (report));
  g_ptr_array_add (tables, build_capacity_table (report));
  g_ptr_array_add (tables, build_costs_table (report));
  g_ptr_array_add (tables, build_risks_table (report));
  g_ptr_array_add (tables, build_readiness_table (report));
  g_ptr_array_add (tables, build_approvals_table (report));
  g_ptr_array_add (tables, build_evidence_table (report));
  return tables;
}

/* @table's rows appended to @into (created on first use) behind a project column. */
static LbReportTable *
append_with_project (LbReportTable       *into,
                     const LbReportTable *table,
                     const char          *project)
{
  if (into == NULL)
    {
      into = lb_report_table_new (table->name, table->title);
      lb_report_table_add_column (into, "project", _("Project"), LB_REPORT_ALIGN_START, 1.6);
      for (guint c = 0; c < table->columns->len; c++)
        {
          const LbReportColumn *column = table->columns->pdata[c];

          lb_report_table_add_column (into, column->key, column->label, column->align, column->weight);
        }
    }
  for (guint r = 0; r < lb_report_table_get_n_rows (table); r++)
    {
      lb_report_table_begin_row (into);
      lb_report_table_add_text (into, project);
      for (guint c = 0; c < table->columns->len; c++)
        {
          const LbReportCell *cell = lb_report_table_get_cell (table, r, c);

          lb_report_table_add_cell (into, cell->text, json_node_copy (cell->value));
          lb_report_table_set_tone (into, cell->tone);
        }
    }
  return into;
}

GPtrArray *
lb_report_tables_for_portfolio (const LbPortfolioReport *report)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_report_table_free);
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();

  g_ptr_array_add (tables, lb_report_projects_table (report, 0, TRUE));
  for (guint i = 0; i < report->projects->len; i++)
    {
      const LbProjectReport *project = report->projects->pdata[i];
      g_autoptr(GPtrArray) project_tables = lb_report_tables_for_project (project);

      g_ptr_array_set_size (merged, project_tables->len);
      for (guint t = 0; t < project_tables->len; t++)
        merged->pdata[t] = append_with_project (merged->pdata[t], project_tables->pdata[t], project->project->name);
    }
  for (guint t = 0; t < merged->len; t++)
    if (merged->pdata[t] != NULL)
      g_ptr_array_add (tables, merged->pdata[t]);
  return tables;
}

GPtrArray *
lb_report_tables_for (const LbProjectReport   *project,
                      const LbPortfolioReport *portfolio)
{
  return project != NULL ? lb_report_tables_for_project (project) : lb_report_tables_for_portfolio (portfolio);
}

char *
lb_report_cell_value_text (const LbReportCell *cell)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (cell->value == NULL || JSON_NODE_HOLDS_NULL (cell->value))
    return g_strdup ("");
  switch (json_node_get_value_type (cell->value) == G_TYPE_INT64 ? 0
          : json_node_get_value_type (cell->value) == G_TYPE_DOUBLE ? 1
          : json_node_get_value_type (cell->value) == G_TYPE_BOOLEAN ? 2 : 3)
    {
    case 0:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (cell->value));
    case 1:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (cell->value)));
    case 2:
      return g_strdup (json_node_get_boolean (cell->value) ? "true" : "false");
    default:
      return g_strdup (json_node_get_string (cell->value));
    }
}
