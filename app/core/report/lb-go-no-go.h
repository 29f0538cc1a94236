/* lb-go-no-go.h: the cutover decision — an explicit, versioned rule set evaluated for one
 * project at a planned cutover date.
 *
 * Each rule gives pass, fail or not enough evidence, with the evidence it used; the
 * conditional rules (design drift, certificate validity) are not applicable when the
 * project has no recorded design or no known certificate. The verdict is NO-GO when any
 * rule fails (naming them), NOT ENOUGH EVIDENCE when none fails but some lack evidence
 * (naming what is missing), else GO. The rules take their data from LbGoNoGoInputs, so
 * tests drive them from tables without a database; lb-report-data.h fills the inputs from
 * the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../azure/lb-drift.h"
#include "../model/lb-records.h"
#include "../lag/lb-lag-stats.h"
#include "../workbench/lb-rehearsal-metrics.h"

G_BEGIN_DECLS

/* Printed in every report's appendix; bump it whenever a rule's meaning changes. */
#define LB_GO_NO_GO_RULESET_VERSION 1

typedef enum
{
  LB_RULE_READINESS,   /* 1. readiness gate clear, no blocked prerequisite */
  LB_RULE_REHEARSALS,  /* 2. N successful rehearsals; the latest within target, no data loss */
  LB_RULE_LAG,         /* 3. lag p95 (last 24 h of samples) ≤ threshold, no long breach */
  LB_RULE_CAPACITY,    /* 4. a passing capacity test for the target SKU */
  LB_RULE_RISKS,       /* 5. no open risk scored ≥ 15 without an accepted mitigation */
  LB_RULE_DRIFT,       /* 6. no drift from the approved design (when one is recorded) */
  LB_RULE_CERTIFICATE, /* 7. link certificate valid ≥ N days past the cutover (when known) */
  LB_RULE_APPROVAL,    /* 8. a go/no-go approval recorded */
} LbRuleId;

#define LB_N_RULES 8

typedef enum
{
  LB_RULE_PASS,
  LB_RULE_FAIL,
  LB_RULE_NO_EVIDENCE,    /* not enough evidence to decide */
  LB_RULE_NOT_APPLICABLE, /* a conditional rule whose condition does not hold */
} LbRuleStatus;

typedef enum
{
  LB_GO,
  LB_NO_GO,
  LB_NOT_ENOUGH_EVIDENCE,
} LbGoNoGoVerdict;

extern const LbEnumInfo lb_rule_status_enum;       /* nicks pass, fail, no_evidence, not_applicable */
extern const LbEnumInfo lb_go_no_go_verdict_enum;  /* nicks go, no_go, not_enough_evidence;
                                                    * labels "GO", "NO-GO", "NOT ENOUGH EVIDENCE" */
extern const LbEnumInfo lb_rule_enum;              /* nicks readiness … approval; labels are the
                                                    * rules' short titles ("Readiness gate") */

/* The numbers the rules are evaluated with (settings, with these defaults). */
typedef struct
{
  guint  rehearsals_required;  /* 2 */
  gint64 max_breach_ms;        /* longest allowed stretch above the threshold: 5 min */
  gint64 lag_window_ms;        /* the lag rule's window, ending at the last sample: 24 h */
  guint  cert_horizon_days;    /* 30 */
} LbGoNoGoPolicy;

void lb_go_no_go_policy_init_defaults (LbGoNoGoPolicy *policy);

/* What the rules look at. Arrays hold records of one project; NULL counts as empty. */
typedef struct
{
  const LbProject          *project;
  gint64                    cutover_at;      /* the planned cutover the rules judge (UTC ms) */
  GPtrArray                *readiness_items; /* LbReadinessItem */
  GPtrArray                *rehearsals;      /* LbRehearsal, any order */
  GPtrArray                *downtimes;       /* LbRehearsalDowntime, parallel to rehearsals */
  const LbLagStats         *lag;             /* over the policy's lag window; NULL: no samples */
  GPtrArray                *capacity_tests;  /* LbCapacityTest */
  GPtrArray                *risks;           /* LbRisk */
  GPtrArray                *approvals;       /* LbApproval */
  gboolean                  has_design;      /* an approved design baseline is recorded */
  gboolean                  drift_checked;   /* a drift check against it has a result */
  guint                     n_drift;         /* differences that check found (critical, review) */
  const LbDriftResult      *drift;           /* that check's details; may be NULL */
  gint64                    drift_checked_at;/* when it ran */
  gint64                    cert_valid_until;/* LB_UNSET_INT when unknown */
} LbGoNoGoInputs;

typedef struct
{
  LbRuleId     id;
  LbRuleStatus status;
  char        *requirement; /* the rule with the policy's numbers, for the appendix:
                             * "At least 2 successful rehearsals; the latest within its
                             * downtime target and without data loss." */
  char        *finding;     /* one sentence on what was found: "2 of 2 successful; the
                             * latest took 73 of 120 min without data loss." */
  GPtrArray   *evidence;    /* char *: the records it used, one line each ("Rehearsal #4
                             * “Cutover rehearsal 2”: success, 73 min") */
} LbRuleResult;

typedef struct
{
  LbGoNoGoVerdict verdict;
  gint64          cutover_at;
  LbGoNoGoPolicy  policy;
  LbRuleResult    rules[LB_N_RULES]; /* in LbRuleId order */
  char           *detail;   /* the reason, for beside a printed verdict: "Failing rules:
                             * 2. Rehearsals, 5. Open high risks." */
  char           *summary;  /* the verdict and the detail: "NO-GO: failing rules: …" */
} LbGoNoGoResult;

LbGoNoGoResult *lb_go_no_go_evaluate (const LbGoNoGoInputs *inputs,
                                      const LbGoNoGoPolicy *policy);
void            lb_go_no_go_result_free (LbGoNoGoResult *result);
/* Rules, findings, evidence and the policy in machine form. */
JsonNode       *lb_go_no_go_result_to_json (const LbGoNoGoResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbGoNoGoResult, lb_go_no_go_result_free)

G_END_DECLS
