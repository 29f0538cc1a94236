/* lb-capacity.h: a capacity test's headroom against the target tier's limits.
 *
 * The limits are those of docs/domain.md §5.1–5.3 (tier, hardware and vCores): instance
 * log write throughput, the General Purpose per-database log rate, IO latency class,
 * IOPS and throughput caps where the rule can be applied from vCores and storage. A test
 * fails when its log generation p95 exceeds the instance cap (or a hard IOPS or throughput
 * cap); peaks above the cap and a faster source than the target's latency class are
 * warnings; it is inconclusive when the p95 was not measured or the limits are unknown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"
#include "../store/lb-store.h"

G_BEGIN_DECLS

/* Unknown figures are NAN. Rates in MiB/s except the Next-gen GP throughput figures,
 * which domain.md gives in MB/s. */
typedef struct
{
  LbTier   tier;
  int      hardware;                  /* LbHardware, or LB_UNSET_ENUM */
  gint64   vcores;
  gboolean pool_only;                 /* 2 vCores: offered only inside instance pools */
  double   log_rate_per_vcore_mibps;
  double   log_rate_max_mibps;        /* per-instance ceiling */
  double   log_rate_mibps;            /* the cap for these vCores */
  double   db_log_rate_min_mibps;     /* GP: 22–65 MiB/s per database by log file size */
  double   db_log_rate_max_mibps;
  double   io_latency_min_ms;         /* the tier's approximate IO latency class */
  double   io_latency_max_ms;
  double   iops_max;                  /* NGP: VM cap by vCores; BC: 4,000 per vCore; GP: per file */
  double   iops_included;             /* NGP: 3 per GB reserved, at least 300 (needs storage) */
  double   throughput_max_mbps;       /* NGP: cap by vCores */
  double   throughput_included_mbps;  /* NGP: included IOPS ÷ 30, at least 75, within the cap */
} LbTierLimits;

/* FALSE with LB_VALIDATION_ERROR (field "target_vcores", or "target_tier") when the
 * tier/hardware does not offer @vcores. With @hardware unset, any hardware's choices do. */
gboolean lb_capacity_check_vcores (LbTier        tier,
                                   int           hardware,
                                   gint64        vcores,
                                   GError      **error);
/* Fills @out for a valid SKU. @storage_gb may be LB_UNSET_INT. A Business Critical SKU
 * without hardware has no log-rate cap (NAN): it differs between Gen5 and premium-series. */
gboolean lb_capacity_tier_limits  (LbTier        tier,
                                   int           hardware,
                                   gint64        vcores,
                                   gint64        storage_gb,
                                   LbTierLimits *out,
                                   GError      **error);

typedef enum
{
  LB_CAPACITY_CHECK_SKU,                 /* the target itself: vCores offered, tier set */
  LB_CAPACITY_CHECK_LOG_RATE,            /* p95 vs the instance log write cap */
  LB_CAPACITY_CHECK_LOG_RATE_PEAK,       /* peak vs the same cap */
  LB_CAPACITY_CHECK_DB_LOG_RATE,         /* GP: p95 vs the per-database log rate */
  LB_CAPACITY_CHECK_IOPS,
  LB_CAPACITY_CHECK_IOPS_INCLUDED,       /* NGP: IOPS included with the storage */
  LB_CAPACITY_CHECK_THROUGHPUT,
  LB_CAPACITY_CHECK_THROUGHPUT_INCLUDED, /* NGP */
  LB_CAPACITY_CHECK_IO_LATENCY,
  LB_CAPACITY_CHECK_CPU,
} LbCapacityCheck;

typedef enum
{
  LB_CAPACITY_OK,
  LB_CAPACITY_NOTE,    /* not checked, with the reason; no effect on the verdict */
  LB_CAPACITY_WARNING, /* within the hard limits, but worth a look */
  LB_CAPACITY_FAIL,
  LB_CAPACITY_UNKNOWN, /* a figure needed for the verdict is missing: inconclusive */
} LbCapacityStatus;

typedef struct
{
  LbCapacityCheck  check;
  LbCapacityStatus status;
  double           measured;     /* NAN when not measured */
  double           limit;        /* NAN when there is none */
  double           headroom;     /* limit − measured, in the limit's unit; NAN when unknown */
  double           headroom_pct; /* headroom ÷ limit × 100 (negative: over the limit) */
  char            *message;      /* "log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s" */
} LbCapacityFinding;

typedef struct
{
  LbVerdict    verdict;
  gboolean     limits_known;
  LbTierLimits limits;
  GPtrArray   *findings; /* LbCapacityFinding, in LbCapacityCheck order */
  char        *summary;  /* "Fail: log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s" */
} LbCapacityResult;

LbCapacityResult *lb_capacity_evaluate        (const LbCapacityTest   *test);
/* The findings that decide or qualify the verdict (fail, unknown, warning), one per line;
 * an empty string when there are none. For the test's findings text. */
char             *lb_capacity_result_reasons  (const LbCapacityResult *result);
void              lb_capacity_result_free     (LbCapacityResult       *result);

/* Per-figure change between two tests of a project. */
typedef struct
{
  const LbFieldInfo *field;     /* the LbCapacityTest field compared */
  double             previous;  /* NAN when unset */
  double             current;
  double             delta;     /* current − previous; NAN when either is unset */
  double             delta_pct; /* delta ÷ previous × 100; NAN when previous is unset or 0 */
} LbCapacityDelta;

typedef struct
{
  gint64    previous_id;
  gint64    current_id;
  gboolean  same_target;      /* tier, hardware and vCores equal */
  LbVerdict previous_verdict; /* as lb_capacity_evaluate() judges them now */
  LbVerdict current_verdict;
  GArray   *deltas;           /* LbCapacityDelta: the numeric fields, in field order */
} LbCapacityComparison;

LbCapacityComparison *lb_capacity_compare          (const LbCapacityTest  *previous,
                                                    const LbCapacityTest  *current);
void                  lb_capacity_comparison_free  (LbCapacityComparison  *comparison);
/* The delta of one field ("log_gen_p95_mibps"), or NULL. */
const LbCapacityDelta *lb_capacity_comparison_get  (const LbCapacityComparison *comparison,
                                                    const char            *field_name);

/* Loads test @test_id and evaluates it. */
LbCapacityResult *lb_capacity_evaluate_stored      (LbStore               *store,
                                                    gint64                 test_id,
                                                    GError               **error);
/* Compares test @test_id with the project's test before it (by test time). *@out is NULL
 * when there is none. */
gboolean          lb_capacity_compare_with_previous (LbStore              *store,
                                                     gint64                test_id,
                                                     LbCapacityComparison **out,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbCapacityResult, lb_capacity_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbCapacityComparison, lb_capacity_comparison_free)

G_END_DECLS
