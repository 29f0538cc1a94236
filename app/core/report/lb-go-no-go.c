/* lb-go-no-go.c: the eight rules of the cutover decision (rule set version 1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../model/lb-time.h"
#include "../workbench/lb-capacity.h"
#include "../workbench/lb-readiness-gate.h"
#include "../workbench/lb-risk-score.h"
#include "lb-go-no-go.h"

#define ENUM(id, ...)                                                     \
  static const LbEnumValue id##_values[] = { __VA_ARGS__ };               \
  const LbEnumInfo id = { #id, id##_values, G_N_ELEMENTS (id##_values) }

ENUM (lb_rule_status_enum,
      { "pass", N_("Pass") },
      { "fail", N_("Fail") },
      { "no_evidence", N_("Not enough evidence") },
      { "not_applicable", N_("Not applicable") });

ENUM (lb_go_no_go_verdict_enum,
      { "go", N_("GO") },
      { "no_go", N_("NO-GO") },
      { "not_enough_evidence", N_("NOT ENOUGH EVIDENCE") });

ENUM (lb_rule_enum,
      { "readiness", N_("Readiness gate") },
      { "rehearsals", N_("Rehearsals") },
      { "lag", N_("Replication lag") },
      { "capacity", N_("Capacity") },
      { "risks", N_("Open high risks") },
      { "drift", N_("Design drift") },
      { "certificate", N_("Link certificate") },
      { "approval", N_("Go/no-go approval") });

void
lb_go_no_go_policy_init_defaults (LbGoNoGoPolicy *policy)
{
  policy->rehearsals_required = 2;
  policy->max_breach_ms = 5 * 60 * 1000;
  policy->lag_window_ms = 24 * 3600 * 1000;
  policy->cert_horizon_days = 30;
}

static void
rule_set (LbRuleResult *rule,
          LbRuleStatus  status,
          char         *finding)
{
  rule->status = status;
  g_free (rule->finding);
  rule->finding = finding;
}

static void
rule_evidence (LbRuleResult *rule,
               char         *line)
{
  g_ptr_array_add (rule->evidence, line);
}

static guint
array_len (GPtrArray *array)
{
  return array != NULL ? array->len : 0;
}

/* 1. The readiness gate: blocked items fail it; missing or unfinished controls are
 * evidence not yet gathered. */
static void
rule_readiness (const LbGoNoGoInputs *in,
                LbRuleResult         *rule)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(LbReadinessVerdict) verdict = lb_readiness_gate_evaluate (in->readiness_items ? in->readiness_items : empty);
  gboolean blocked = FALSE;

  rule->requirement = g_strdup (_("All five production-readiness controls (owner, dependencies, permission "
                                  "boundary, monitoring signal, rollback evidence) are clear and no technical "
                                  "prerequisite is blocked."));
  for (guint i = 0; i < verdict->gaps->len; i++)
    {
      const LbReadinessGap *gap = verdict->gaps->pdata[i];

      blocked |= gap->status == LB_READINESS_BLOCKED;
      rule_evidence (rule, g_strdup (gap->phrase));
    }
  rule_evidence (rule, g_strdup_printf (_("%u of %d controls clear; %u prerequisites, %u blocked"),
                                        verdict->n_controls_clear, LB_N_CONTROLS, verdict->n_prerequisites,
                                        verdict->n_prerequisites_blocked));
  if (verdict->production_ready)
    rule_set (rule, LB_RULE_PASS, g_strdup (verdict->summary));
  else
    rule_set (rule, blocked ? LB_RULE_FAIL : LB_RULE_NO_EVIDENCE, g_strdup (verdict->summary));
}

static gboolean
rehearsal_finished (const LbRehearsal *rehearsal)
{
  return rehearsal->outcome == LB_OUTCOME_SUCCESS || rehearsal->outcome == LB_OUTCOME_PARTIAL ||
         rehearsal->outcome == LB_OUTCOME_FAILED || rehearsal->outcome == LB_OUTCOME_ABORTED;
}

static char *
downtime_text (const LbRehearsalDowntime *downtime)
{
  if (downtime == NULL || downtime->downtime_ms == LB_UNSET_INT)
    return g_strdup (_("downtime unknown"));
  if (downtime->target_min == LB_UNSET_INT)
    return g_strdup_printf (_("%.0f min, no target"), downtime->downtime_ms / 60000.0);
  return g_strdup_printf (_("%.0f of %" G_GINT64_FORMAT " min"), downtime->downtime_ms / 60000.0,
                          downtime->target_min);
}

/* 2. Enough successful rehearsals, and the latest one within its target without loss. */
static void
rule_rehearsals (const LbGoNoGoInputs *in,
                 const LbGoNoGoPolicy *policy,
                 LbRuleResult         *rule)
{
  const LbRehearsal *latest = NULL;
  const LbRehearsalDowntime *latest_downtime = NULL;
  g_autofree char *latest_text = NULL;
  guint n_success = 0;

  rule->requirement = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "At least %u successful rehearsal; the latest finished "
                                                    "rehearsal within its downtime target and without data loss.",
                                                    "At least %u successful rehearsals; the latest finished "
                                                    "rehearsal within its downtime target and without data loss.",
                                                    policy->rehearsals_required),
                                       policy->rehearsals_required);
  for (guint i = 0; i < array_len (in->rehearsals); i++)
    {
      const LbRehearsal *rehearsal = in->rehearsals->pdata[i];
      const LbRehearsalDowntime *downtime = i < array_len (in->downtimes) ? in->downtimes->pdata[i] : NULL;
      g_autofree char *when = rehearsal->started_at != LB_UNSET_INT ? lb_time_format_local (rehearsal->started_at)
                                                                    : g_strdup (_("not started"));
      g_autofree char *text = downtime_text (downtime);

      if (!rehearsal_finished (rehearsal))
        continue;
      n_success += rehearsal->outcome == LB_OUTCOME_SUCCESS;
      rule_evidence (rule, g_strdup_printf (_("Rehearsal #%" G_GINT64_FORMAT " “%s” (%s): %s, %s%s"), rehearsal->id,
                                            rehearsal->title != NULL ? rehearsal->title : "", when,
                                            lb_enum_info_label (lb_record_kind_find_field (&lb_rehearsal_kind, "outcome")->enum_info,
                                                                rehearsal->outcome),
                                            text, rehearsal->data_loss ? _(", data lost") : ""));
      if (latest == NULL || rehearsal->started_at > latest->started_at)
        {
          latest = rehearsal;
          latest_downtime = downtime;
        }
    }
  if (latest == NULL)
    {
      rule_set (rule, LB_RULE_NO_EVIDENCE, g_strdup (_("No rehearsal has finished yet.")));
      return;
    }
  latest_text = downtime_text (latest_downtime);
  if (latest->outcome != LB_OUTCOME_SUCCESS)
    rule_set (rule, LB_RULE_FAIL,
              g_strdup_printf (_("The latest rehearsal, “%s”, did not succeed (%s)."), latest->title,
                               lb_enum_info_label (lb_record_kind_find_field (&lb_rehearsal_kind, "outcome")->enum_info,
                                                   latest->outcome)));
  else if (latest->data_loss)
    rule_set (rule, LB_RULE_FAIL, g_strdup_printf (_("The latest rehearsal, “%s”, lost data."), latest->title));
  else if (latest_downtime == NULL || latest_downtime->target == LB_TARGET_UNKNOWN)
    rule_set (rule, LB_RULE_NO_EVIDENCE,
              g_strdup_printf (_("The latest rehearsal, “%s”, has no measured downtime or no target (%s)."),
                               latest->title, latest_text));
  else if (latest_downtime->target == LB_TARGET_MISSED)
    rule_set (rule, LB_RULE_FAIL,
              g_strdup_printf (_("The latest rehearsal, “%s”, missed its downtime target: %s."), latest->title,
                               latest_text));
  else if (n_success < policy->rehearsals_required)
    rule_set (rule, LB_RULE_NO_EVIDENCE,
              g_strdup_printf (_("%u of %u required successful rehearsals; the latest took %s."), n_success,
                               policy->rehearsals_required, latest_text));
  else
    rule_set (rule, LB_RULE_PASS,
              g_strdup_printf (_("%u successful rehearsals (%u required); the latest took %s without data loss."),
                               n_success, policy->rehearsals_required, latest_text));
}

/* 3. Replication lag over the policy's window of recent samples. */
static void
rule_lag (const LbGoNoGoInputs *in,
          const LbGoNoGoPolicy *policy,
          LbRuleResult         *rule)
{
  double threshold = in->project != NULL ? in->project->lag_threshold_s : NAN;
  /* "24 h" reads better than "1 d 0 h" in a rule. */
  g_autofree char *window = policy->lag_window_ms % 3600000 == 0
                            ? g_strdup_printf (_("%" G_GINT64_FORMAT " h"), policy->lag_window_ms / 3600000)
                            : lb_duration_format (policy->lag_window_ms);
  g_autofree char *breach_limit = lb_duration_format (policy->max_breach_ms);
  const LbLagStats *stats = in->lag;

  rule->requirement = g_strdup_printf (_("Lag p95 over the last %s of samples at or under the approved threshold, "
                                         "and no breach longer than %s."), window, breach_limit);
  if (!isfinite (threshold))
    {
      rule_set (rule, LB_RULE_NO_EVIDENCE, g_strdup (_("The project has no approved lag threshold.")));
      return;
    }
  if (stats == NULL || stats->n_samples == 0)
    {
      rule_set (rule, LB_RULE_NO_EVIDENCE, g_strdup (_("No lag samples have been recorded.")));
      return;
    }
  {
    g_autofree char *from = lb_time_format_local (stats->from);
    g_autofree char *to = lb_time_format_local (stats->to);
    g_autofree char *longest = lb_duration_format (stats->longest_breach_ms);

    rule_evidence (rule, g_strdup_printf (_("%u samples from %s to %s: p50 %.2f s, p95 %.2f s, max %.2f s"),
                                          stats->n_samples, from, to, stats->p50, stats->p95, stats->max));
    rule_evidence (rule, g_strdup_printf (_("%.2f %% of the time above %.0f s; longest breach %s; %u gaps"),
                                          stats->pct_above, threshold, longest, stats->n_gaps));
    if (stats->p95 > threshold)
      rule_set (rule, LB_RULE_FAIL,
                g_strdup_printf (_("Lag p95 %.2f s exceeds the approved threshold of %.0f s."), stats->p95, threshold));
    else if (stats->longest_breach_ms > policy->max_breach_ms)
      rule_set (rule, LB_RULE_FAIL,
                g_strdup_printf (_("Lag stayed above %.0f s for %s at a stretch (limit %s)."), threshold, longest,
                                 breach_limit));
    else
      rule_set (rule, LB_RULE_PASS,
                g_strdup_printf (_("Lag p95 %.2f s is within the approved %.0f s; longest breach %s."), stats->p95,
                                 threshold, longest));
  }
}

static char *
sku_text (int tier,
          int hardware,
          gint64 vcores)
{
  const LbFieldInfo *tier_field = lb_record_kind_find_field (&lb_project_kind, "target_tier");
  const LbFieldInfo *hardware_field = lb_record_kind_find_field (&lb_project_kind, "target_hardware");
  const char *tier_label = lb_enum_info_label (tier_field->enum_info, tier);
  const char *hardware_label = hardware != LB_UNSET_ENUM ? lb_enum_info_label (hardware_field->enum_info, hardware) : NULL;

  return g_strdup_printf ("%s%s%s, %" G_GINT64_FORMAT " vCores", tier_label != NULL ? tier_label : "?",
                          hardware_label != NULL ? " " : "", hardware_label != NULL ? hardware_label : "",
                          vcores);
}

/* 4. The latest capacity test of the project's target SKU passes the core's rules. */
static void
rule_capacity (const LbGoNoGoInputs *in,
               LbRuleResult         *rule)
{
  const LbProject *project = in->project;
  const LbCapacityTest *latest = NULL;
  g_autofree char *sku = NULL;
  g_autoptr(LbCapacityResult) result = NULL;

  rule->requirement = g_strdup (_("The latest capacity test of the target SKU (tier, hardware, vCores) passes "
                                  "against the tier's limits."));
  if (project == NULL || project->target_tier == LB_UNSET_ENUM || project->target_vcores == LB_UNSET_INT)
    {
      rule_set (rule, LB_RULE_NO_EVIDENCE, g_strdup (_("The project has no target tier and vCores.")));
      return;
    }
  sku = sku_text (project->target_tier, project->target_hardware, project->target_vcores);
  for (guint i = 0; i < array_len (in->capacity_tests); i++)
    {
      const LbCapacityTest *test = in->capacity_tests->pdata[i];
      gboolean same = test->target_tier == project->target_tier && test->target_vcores == project->target_vcores &&
                      (project->target_hardware == LB_UNSET_ENUM || test->target_hardware == project->target_hardware);
      g_autoptr(LbCapacityResult) r = lb_capacity_evaluate (test);
      g_autofree char *test_sku = sku_text (test->target_tier, test->target_hardware, test->target_vcores);
      g_autofree char *when = lb_time_format_local (test->tested_at);

      rule_evidence (rule, g_strdup_printf (_("Capacity test #%" G_GINT64_FORMAT " (%s) of %s%s: %s"), test->id, when,
                                            test_sku, same ? "" : _(", not the target"), r->summary));
      if (same && (latest == NULL || test->tested_at > latest->tested_at))
        latest = test;
    }
  if (latest == NULL)
    {
      rule_set (rule, LB_RULE_NO_EVIDENCE, g_strdup_printf (_("No capacity test of the target SKU, %s."), sku));
      return;
    }
  result = lb_capacity_evaluate (latest);
  switch (result->verdict)
    {
    case LB_VERDICT_PASS:
      rule_set (rule, LB_RULE_PASS, g_strdup_printf (_("Capacity test #%" G_GINT64_FORMAT " of %s passes."),
                                                     latest->id, sku));
      break;
    case LB_VERDICT_FAIL:
      rule_set (rule, LB_RULE_FAIL, g_strdup_printf (_("Capacity test #%" G_GINT64_FORMAT " of %s fails: %s"),
                                                     latest->id, sku, result->summary));
      break;
    default:
      rule_set (rule, LB_RULE_NO_EVIDENCE,
                g_strdup_printf (_("Capacity test #%" G_GINT64_FORMAT " of %s is inconclusive: %s"), latest->id, sku,
                                 result->summary));
      break;
    }
}

/* 5. No open risk in the critical band without an accepted mitigation. */
static void
rule_risks (const LbGoNoGoInputs *in,
            LbRuleResult         *rule)
{
  guint n_open_high = 0;

  rule->requirement = g_strdup_printf (_("No open risk scored %d or more (likelihood × impact) without an accepted "
                                         "mitigation."), LB_RISK_OPEN_HIGH_MIN);
  for (guint i = 0; i < array_len (in->risks); i++)
    {
      const LbRisk *risk = in->risks->pdata[i];

      if (!lb_risk_is_open_high (risk))
        continue;
      n_open_high++;
      rule_evidence (rule, g_strdup_printf (_("Risk #%" G_GINT64_FORMAT " “%s”: score %" G_GINT64_FORMAT "%s"), risk->id,
                                            risk->title, lb_risk_score (risk),
                                            risk->owner != NULL ? "" : _(", no owner")));
    }
  if (array_len (in->risks) == 0)
    rule_set (rule, LB_RULE_NO_EVIDENCE, g_strdup (_("No risks are recorded: the register has not been kept.")));
  else if (n_open_high > 0)
    rule_set (rule, LB_RULE_FAIL,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open high risk without an accepted mitigation.",
                                            "%u open high risks without an accepted mitigation.", n_open_high),
                               n_open_high));
  else
    rule_set (rule, LB_RULE_PASS,
              g_strdup_printf (_("None of the %u recorded risks is open at score %d or more."), in->risks->len,
                               LB_RISK_OPEN_HIGH_MIN));
}

/* 6. The newest live or imported state matches the approved design. A check that could
 * not compare everything (no instance state, say) is not evidence of no drift. */
static void
rule_drift (const LbGoNoGoInputs *in,
            LbRuleResult         *rule)
{
  rule->requirement = g_strdup (_("When an approved design is recorded: the newest live or imported link state "
                                  "does not differ from it."));
  if (!in->has_design)
    {
      rule_set (rule, LB_RULE_NOT_APPLICABLE, g_strdup (_("No approved design is recorded.")));
      return;
    }
  if (!in->drift_checked)
    {
      rule_set (rule, LB_RULE_NO_EVIDENCE,
                g_strdup (_("An approved design is recorded, but no drift check has compared the live or imported "
                            "link state with it.")));
      return;
    }
  if (in->drift_checked_at != LB_UNSET_INT && in->drift_checked_at != 0)
    {
      g_autofree char *when = lb_time_format_local (in->drift_checked_at);

      /* TRANSLATORS: %s is a date and time */
      rule_evidence (rule, g_strdup_printf (_("Drift check of %s"), when));
    }
  for (guint i = 0; in->drift != NULL && i < in->drift->differences->len; i++)
    {
      const LbDriftDifference *d = in->drift->differences->pdata[i];

      /* TRANSLATORS: "Critical: Failover mode approved Manual, found None" */
      rule_evidence (rule, g_strdup_printf (_("%s: %s approved %s, found %s"),
                                            _(lb_enum_info_label (&lb_drift_severity_enum, d->severity)), d->label,
                                            d->approved, d->found != NULL ? d->found : _("none")));
    }
  for (guint i = 0; in->drift != NULL && i < in->drift->unchecked->len; i++)
    /* TRANSLATORS: %s says what a drift check could not compare and why */
    rule_evidence (rule, g_strdup_printf (_("Not checked: %s"), (const char *) in->drift->unchecked->pdata[i]));

  if (in->n_drift > 0)
    rule_set (rule, LB_RULE_FAIL,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u difference from the approved design.",
                                            "%u differences from the approved design.", in->n_drift),
                               in->n_drift));
  else if (in->drift != NULL && in->drift->unchecked->len > 0)
    rule_set (rule, LB_RULE_NO_EVIDENCE,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "No drift in what was compared, but %u part of the design could not be "
                                            "checked.",
                                            "No drift in what was compared, but %u parts of the design could not be "
                                            "checked.",
                                            in->drift->unchecked->len),
                               in->drift->unchecked->len));
  else
    rule_set (rule, LB_RULE_PASS, g_strdup (_("The link matches the approved design.")));
}

/* 7. The link's certificate outlives the cutover by the policy's horizon. */
static void
rule_certificate (const LbGoNoGoInputs *in,
                  const LbGoNoGoPolicy *policy,
                  LbRuleResult         *rule)
{
  gint64 needed = in->cutover_at + (gint64) policy->cert_horizon_days * 24 * 3600 * 1000;

  rule->requirement = g_strdup_printf (_("When the link certificate's expiry is known: valid at least %u days past "
                                         "the cutover."), policy->cert_horizon_days);
  if (in->cert_valid_until == LB_UNSET_INT)
    {
      rule_set (rule, LB_RULE_NOT_APPLICABLE, g_strdup (_("The link certificate's expiry is not known.")));
      return;
    }
  {
    g_autofree char *until = lb_time_format_local (in->cert_valid_until);
    double days = (in->cert_valid_until - in->cutover_at) / (24.0 * 3600 * 1000);

    if (in->cert_valid_until >= needed)
      rule_set (rule, LB_RULE_PASS,
                g_strdup_printf (_("The certificate is valid until %s, %.0f days after the cutover."), until, days));
    else
      rule_set (rule, LB_RULE_FAIL,
                g_strdup_printf (_("The certificate is valid until %s, only %.0f days after the cutover."), until,
                                 days));
  }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* 8. The go/no-go sign-off: each approver's latest decision counts; one rejection
 * fails, a deferral leaves the decision open. */
static void
rule_approval (const LbGoNoGoInputs *in,
               LbRuleResult         *rule)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const LbFieldInfo *decision_field = lb_record_kind_find_field (&lb_approval_kind, "decision");
  guint n_approved = 0, n_rejected = 0, n_deferred = 0;
  GHashTableIter iter;
  gpointer value;

  rule->requirement = g_strdup (_("A go/no-go approval is recorded, and no approver's latest go/no-go decision is "
                                  "a rejection or a deferral."));
  for (guint i = 0; i < array_len (in->approvals); i++)
    {
      const LbApproval *approval = in->approvals->pdata[i];
      g_autofree char *key = NULL;
      const LbApproval *seen;

      if (approval->subject != LB_SUBJECT_GO_NO_GO)
        continue;
      key = g_utf8_casefold (approval->approver != NULL ? approval->approver : "", -1);
      seen = g_hash_table_lookup (latest, key);
      if (seen == NULL || approval->decided_at > seen->decided_at)
        g_hash_table_replace (latest, g_steal_pointer (&key), (gpointer) approval);
    }
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const LbApproval *approval = value;
      g_autofree char *when = approval->decided_at != LB_UNSET_INT ? lb_time_format_local (approval->decided_at)
                                                                   : g_strdup ("—");

      n_approved += approval->decision == LB_DECISION_APPROVED;
      n_rejected += approval->decision == LB_DECISION_REJECTED;
      n_deferred += approval->decision == LB_DECISION_DEFERRED;
      rule_evidence (rule, g_strdup_printf (_("%s (%s): %s on %s"), approval->approver,
                                            approval->role != NULL ? approval->role : _("no role"),
                                            lb_enum_info_label (decision_field->enum_info, approval->decision), when));
    }
  /* Hash order is arbitrary; people read evidence sorted. */
  g_ptr_array_sort (rule->evidence, compare_lines);
  if (n_rejected > 0)
    rule_set (rule, LB_RULE_FAIL,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u approver rejected the cutover.",
                                            "%u approvers rejected the cutover.", n_rejected), n_rejected));
  else if (n_deferred > 0)
    rule_set (rule, LB_RULE_NO_EVIDENCE,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u approver deferred the decision.",
                                            "%u approvers deferred the decision.", n_deferred), n_deferred));
  else if (n_approved == 0)
    rule_set (rule, LB_RULE_NO_EVIDENCE, g_strdup (_("No go/no-go approval is recorded.")));
  else
    rule_set (rule, LB_RULE_PASS,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Approved by %u approver.", "Approved by %u approvers.",
                                            n_approved), n_approved));
}

static char *
join_rule_titles (const LbGoNoGoResult *result,
                  LbRuleStatus          status)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < LB_N_RULES; i++)
    if (result->rules[i].status == status)
      g_string_append_printf (names, "%s%u. %s", names->len > 0 ? ", " : "", i + 1,
                              lb_enum_info_label (&lb_rule_enum, (int) i));
  return g_string_free (names, FALSE);
}

LbGoNoGoResult *
lb_go_no_go_evaluate (const LbGoNoGoInputs *inputs,
                      const LbGoNoGoPolicy *policy)
{
  LbGoNoGoResult *result = g_new0 (LbGoNoGoResult, 1);
  gboolean any_fail = FALSE, any_missing = FALSE;

  g_return_val_if_fail (inputs != NULL && policy != NULL, NULL);

  result->cutover_at = inputs->cutover_at;
  result->policy = *policy;
  for (guint i = 0; i < LB_N_RULES; i++)
    {
      result->rules[i].id = i;
      result->rules[i].evidence = g_ptr_array_new_with_free_func (g_free);
    }
  rule_readiness (inputs, &result->rules[LB_RULE_READINESS]);
  rule_rehearsals (inputs, policy, &result->rules[LB_RULE_REHEARSALS]);
  rule_lag (inputs, policy, &result->rules[LB_RULE_LAG]);
  rule_capacity (inputs, &result->rules[LB_RULE_CAPACITY]);
  rule_risks (inputs, &result->rules[LB_RULE_RISKS]);
  rule_drift (inputs, &result->rules[LB_RULE_DRIFT]);
  rule_certificate (inputs, policy, &result->rules[LB_RULE_CERTIFICATE]);
  rule_approval (inputs, &result->rules[LB_RULE_APPROVAL]);

  for (guint i = 0; i < LB_N_RULES; i++)
    {
      any_fail |= result->rules[i].status == LB_RULE_FAIL;
      any_missing |= result->rules[i].status == LB_RULE_NO_EVIDENCE;
    }
  if (any_fail)
    {
      g_autofree char *names = join_rule_titles (result, LB_RULE_FAIL);

      result->verdict = LB_NO_GO;
      result->detail = g_strdup_printf (_("Failing rules: %s."), names);
    }
  else if (any_missing)
    {
      g_autofree char *names = join_rule_titles (result, LB_RULE_NO_EVIDENCE);

      result->verdict = LB_NOT_ENOUGH_EVIDENCE;
      result->detail = g_strdup_printf (_("Evidence is missing for %s."), names);
    }
  else
    {
      result->verdict = LB_GO;
      result->detail = g_strdup (_("Every applicable rule passes."));
    }
  /* TRANSLATORS: a go/no-go verdict ("NO-GO") and its reason */
  result->summary = g_strdup_printf (_("%s: %s"), lb_enum_info_label (&lb_go_no_go_verdict_enum, result->verdict),
                                     result->detail);
  return result;
}

void
lb_go_no_go_result_free (LbGoNoGoResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < LB_N_RULES; i++)
    {
      g_free (result->rules[i].requirement);
      g_free (result->rules[i].finding);
      g_clear_pointer (&result->rules[i].evidence, g_ptr_array_unref);
    }
  g_free (result->detail);
  g_free (result->summary);
  g_free (result);
}

JsonNode *
lb_go_no_go_result_to_json (const LbGoNoGoResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *cutover = lb_time_format_iso_utc (result->cutover_at);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ruleset_version");
  json_builder_add_int_value (b, LB_GO_NO_GO_RULESET_VERSION);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, lb_enum_info_nick (&lb_go_no_go_verdict_enum, result->verdict));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, result->summary);
  json_builder_set_member_name (b, "detail");
  json_builder_add_string_value (b, result->detail);
  json_builder_set_member_name (b, "cutover_at");
  json_builder_add_string_value (b, cutover);
  json_builder_set_member_name (b, "policy");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rehearsals_required");
  json_builder_add_int_value (b, result->policy.rehearsals_required);
  json_builder_set_member_name (b, "max_breach_s");
  json_builder_add_int_value (b, result->policy.max_breach_ms / 1000);
  json_builder_set_member_name (b, "lag_window_s");
  json_builder_add_int_value (b, result->policy.lag_window_ms / 1000);
  json_builder_set_member_name (b, "cert_horizon_days");
  json_builder_add_int_value (b, result->policy.cert_horizon_days);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; i < LB_N_RULES; i++)
    {
      const LbRuleResult *rule = &result->rules[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "number");
      json_builder_add_int_value (b, i + 1);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, lb_enum_info_nick (&lb_rule_enum, (int) i));
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, lb_enum_info_nick (&lb_rule_status_enum, rule->status));
      json_builder_set_member_name (b, "requirement");
      json_builder_add_string_value (b, rule->requirement);
      json_builder_set_member_name (b, "finding");
      json_builder_add_string_value (b, rule->finding);
      json_builder_set_member_name (b, "evidence");
      json_builder_begin_array (b);
      for (guint j = 0; j < rule->evidence->len; j++)
        json_builder_add_string_value (b, rule->evidence->pdata[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
