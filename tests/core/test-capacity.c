/* test-capacity.c: tier limits of domain.md §5 and a capacity test's headroom against them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define GP LB_TIER_GENERAL_PURPOSE
#define NGP LB_TIER_NEXT_GEN_GENERAL_PURPOSE
#define BC LB_TIER_BUSINESS_CRITICAL
#define STD LB_HARDWARE_STANDARD
#define PREM LB_HARDWARE_PREMIUM
#define MEMO LB_HARDWARE_MEMORY_OPTIMIZED
#define NOHW LB_UNSET_ENUM

static void
assert_nan_or (double actual,
               double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat_with_epsilon (actual, expected, 1e-9);
}

/* domain.md §5.2: 4.5 MiB/s per vCore (GP, NGP, BC Gen5) or 12 (BC premium), capped. */
static void
test_log_rate_limits (void)
{
  static const struct
  {
    LbTier tier;
    int    hardware;
    gint64 vcores;
    double cap;
  } cases[] = {
    /* The worked examples of §5.2 */
    { GP, STD, 8, 36 },
    { GP, STD, 32, 120 },
    { BC, STD, 16, 72 },
    { BC, PREM, 16, 192 },
    /* Around them */
    { GP, STD, 4, 18 },
    { GP, PREM, 8, 36 },
    { GP, MEMO, 24, 108 },
    { GP, STD, 80, 120 },
    { GP, NOHW, 16, 72 },
    { NGP, STD, 16, 72 },
    { NGP, PREM, 40, 180 },
    { NGP, PREM, 48, 192 },
    { NGP, MEMO, 128, 192 },
    { BC, STD, 8, 36 },
    { BC, STD, 24, 96 },
    { BC, STD, 80, 96 },
    { BC, PREM, 4, 48 },
    { BC, MEMO, 8, 96 },
    { BC, PREM, 128, 192 },
    { BC, NOHW, 16, NAN }, /* depends on the hardware */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LbTierLimits limits;

      g_test_message ("case %u: tier %d hardware %d, %d vCores", i, cases[i].tier, cases[i].hardware,
                      (int) cases[i].vcores);
      g_assert_true (lb_capacity_tier_limits (cases[i].tier, cases[i].hardware, cases[i].vcores, LB_UNSET_INT,
                                              &limits, &error));
      g_assert_no_error (error);
      assert_nan_or (limits.log_rate_mibps, cases[i].cap);
      g_assert_cmpint (limits.vcores, ==, cases[i].vcores);
    }
}

static void
test_other_limits (void)
{
  static const struct
  {
    LbTier tier;
    int    hardware;
    gint64 vcores;
    gint64 storage_gb;
    double latency_min, latency_max;
    double db_min, db_max;
    double iops_max, iops_included;
    double mbps_max, mbps_included;
  } cases[] = {
    { GP, STD, 8, 1024, 5, 10, 22, 65, NAN, NAN, NAN, NAN },
    /* NGP: 3 IOPS per GB (min 300) within the VM cap; IOPS ÷ 30 MB/s (min 75) within the cap */
    { NGP, PREM, 8, 1536, 3, 5, NAN, NAN, 12800, 4608, 290, 153.6 },
    { NGP, PREM, 16, 2048, 3, 5, NAN, NAN, 25600, 6144, 600, 204.8 },
    { NGP, STD, 4, 64, 3, 5, NAN, NAN, 6400, 300, 145, 75 },
    { NGP, PREM, 4, 32768, 3, 5, NAN, NAN, 6400, 6400, 145, 145 },
    { NGP, PREM, 56, LB_UNSET_INT, 3, 5, NAN, NAN, 80000, NAN, 1200, NAN },
    { NGP, MEMO, 128, 4096, 3, 5, NAN, NAN, 80000, 12288, 1200, 409.6 },
    { NGP, PREM, 6, 100, 3, 5, NAN, NAN, 9600, 300, 217, 75 },
    /* BC: 4,000 IOPS per vCore, 320K from 80 up; throughput not limited */
    { BC, STD, 4, 512, 1, 2, NAN, NAN, 16000, NAN, NAN, NAN },
    { BC, STD, 16, 1024, 1, 2, NAN, NAN, 64000, NAN, NAN, NAN },
    { BC, PREM, 80, 4096, 1, 2, NAN, NAN, 320000, NAN, NAN, NAN },
    { BC, PREM, 128, 4096, 1, 2, NAN, NAN, 320000, NAN, NAN, NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LbTierLimits l;

      g_test_message ("case %u", i);
      g_assert_true (lb_capacity_tier_limits (cases[i].tier, cases[i].hardware, cases[i].vcores, cases[i].storage_gb,
                                              &l, NULL));
      assert_nan_or (l.io_latency_min_ms, cases[i].latency_min);
      assert_nan_or (l.io_latency_max_ms, cases[i].latency_max);
      assert_nan_or (l.db_log_rate_min_mibps, cases[i].db_min);
      assert_nan_or (l.db_log_rate_max_mibps, cases[i].db_max);
      assert_nan_or (l.iops_max, cases[i].iops_max);
      assert_nan_or (l.iops_included, cases[i].iops_included);
      assert_nan_or (l.throughput_max_mbps, cases[i].mbps_max);
      assert_nan_or (l.throughput_included_mbps, cases[i].mbps_included);
      g_assert_false (l.pool_only);
    }
}

/* domain.md §5.1 "vCore choices". */
static void
test_vcore_choices (void)
{
  static const struct
  {
    LbTier      tier;
    int         hardware;
    gint64      vcores;
    gboolean    offered;
  } cases[] = {
    { GP, STD, 2, TRUE }, { GP, PREM, 2, TRUE }, { GP, MEMO, 2, FALSE }, { GP, MEMO, 4, TRUE },
    { GP, STD, 6, FALSE }, { GP, STD, 24, TRUE }, { GP, PREM, 48, FALSE }, { GP, STD, 80, TRUE },
    { GP, STD, 96, FALSE }, { GP, MEMO, 128, FALSE },
    { NGP, STD, 4, TRUE }, { NGP, STD, 6, FALSE }, { NGP, STD, 96, FALSE }, { NGP, PREM, 6, TRUE },
    { NGP, PREM, 2, FALSE }, { NGP, MEMO, 128, TRUE }, { NGP, PREM, 60, FALSE },
    { BC, STD, 16, TRUE }, { BC, STD, 10, FALSE }, { BC, STD, 128, FALSE }, { BC, PREM, 10, TRUE },
    { BC, MEMO, 96, TRUE }, { BC, PREM, 100, FALSE }, { BC, STD, 2, FALSE },
    /* Without hardware any hardware's choice does */
    { GP, NOHW, 2, TRUE }, { GP, NOHW, 6, FALSE }, { NGP, NOHW, 6, TRUE }, { BC, NOHW, 128, TRUE },
    { BC, NOHW, 7, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LbTierLimits limits;
      gboolean ok = lb_capacity_check_vcores (cases[i].tier, cases[i].hardware, cases[i].vcores, &error);

      g_test_message ("case %u: tier %d hardware %d, %d vCores", i, cases[i].tier, cases[i].hardware,
                      (int) cases[i].vcores);
      g_assert_cmpint (ok, ==, cases[i].offered);
      g_assert_cmpint (lb_capacity_tier_limits (cases[i].tier, cases[i].hardware, cases[i].vcores, 256, &limits, NULL),
                       ==, cases[i].offered);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (limits.pool_only, ==, cases[i].vcores == 2);
        }
      else
        {
          g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_RANGE);
          g_assert_cmpstr (lb_validation_error_get_field (error), ==, "target_vcores");
        }
    }
}

static void
test_vcore_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lb_capacity_check_vcores (GP, STD, 6, &error));
  g_assert_cmpstr (error->message, ==,
                   "vCores: 6 is not offered for General Purpose on Standard-series (Gen5); "
                   "choose one of 2, 4, 8, 16, 24, 32, 40, 64, 80");
  g_clear_error (&error);

  g_assert_false (lb_capacity_check_vcores (BC, NOHW, 7, &error));
  g_assert_cmpstr (error->message, ==,
                   "vCores: 7 is not offered for Business Critical; "
                   "choose one of 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 56, 64, 80, 96, 128");
  g_clear_error (&error);

  g_assert_false (lb_capacity_check_vcores (LB_UNSET_ENUM, STD, 8, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpstr (lb_validation_error_get_field (error), ==, "target_tier");
  g_assert_cmpstr (error->message, ==, "Service tier: must be set");
}

/* ---- evaluation ----------------------------------------------------------------------- */

typedef struct
{
  LbTier tier;
  int    hardware;
  gint64 vcores;
  gint64 storage_gb;
  double peak, p95, cpu, iops, mibps, latency;
} Measure;

static LbCapacityTest *
make_test (const Measure *m)
{
  LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);

  test->project_id = 1;
  test->tested_at = G_GINT64_CONSTANT (1795957500000);
  test->target_tier = m->tier;
  test->target_hardware = m->hardware;
  test->target_vcores = m->vcores;
  test->target_storage_gb = m->storage_gb;
  test->log_gen_peak_mibps = m->peak;
  test->log_gen_p95_mibps = m->p95;
  test->cpu_pct = m->cpu;
  test->iops = m->iops;
  test->throughput_mibps = m->mibps;
  test->io_latency_ms = m->latency;
  return test;
}

static const LbCapacityFinding *
find (const LbCapacityResult *result,
      LbCapacityCheck         check)
{
  for (guint i = 0; i < result->findings->len; i++)
    {
      const LbCapacityFinding *finding = g_ptr_array_index (result->findings, i);

      if (finding->check == check)
        return finding;
    }
  return NULL;
}

typedef struct
{
  const char *name;
  Measure     m;
  LbVerdict   verdict;
  const char *summary;
  const char *reasons;
} EvalCase;

#define X NAN

static const EvalCase eval_cases[] = {
  { "the issue's example: GP 8 fails on the p95 (demo: Luma ERP)",
    { GP, STD, 8, 1024, 58.3, 41, 71, 11800, 212, 8.7 }, LB_VERDICT_FAIL,
    "Fail: log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s",
    "log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s\n"
    "log generation peak 58.3 MiB/s exceeds GP 8-vCore cap 36 MiB/s: peaks are throttled and the link falls behind "
    "until they pass\n"
    "log generation p95 41 MiB/s may exceed the GP per-database limit of 22–65 MiB/s, which depends on the log file "
    "size" },
  { "BC Gen5 16 passes the same trace",
    { BC, STD, 16, 1024, 58.9, 41.3, 46, 14200, 236, 1.6 }, LB_VERDICT_PASS,
    "Pass: log generation p95 41.3 MiB/s is within BC Gen5 16-vCore cap 72 MiB/s (42.6% headroom)", "" },
  { "BC premium 16: 192 MiB/s",
    { BC, PREM, 16, 1024, 180, 150, X, X, X, X }, LB_VERDICT_PASS,
    "Pass: log generation p95 150 MiB/s is within BC premium-series 16-vCore cap 192 MiB/s (21.9% headroom)", "" },
  { "exactly at the cap passes",
    { GP, STD, 8, 256, 36, 36, X, X, X, X }, LB_VERDICT_PASS,
    "Pass: log generation p95 36 MiB/s is within GP 8-vCore cap 36 MiB/s (0% headroom)",
    "log generation p95 36 MiB/s may exceed the GP per-database limit of 22–65 MiB/s, which depends on the log file "
    "size" },
  { "p95 not measured",
    { GP, STD, 8, 256, 20, X, X, X, X, X }, LB_VERDICT_INCONCLUSIVE,
    "Inconclusive: log generation p95 not measured: nothing to check against the GP 8-vCore cap of 36 MiB/s",
    "log generation p95 not measured: nothing to check against the GP 8-vCore cap of 36 MiB/s" },
  { "BC without hardware",
    { BC, NOHW, 16, 1024, X, 41, X, X, X, X }, LB_VERDICT_INCONCLUSIVE,
    "Inconclusive: hardware not set: the BC log-rate cap differs between Gen5 and premium-series",
    "hardware not set: the BC log-rate cap differs between Gen5 and premium-series" },
  { "vCores not offered",
    { GP, STD, 6, 256, X, 10, X, X, X, X }, LB_VERDICT_INCONCLUSIVE,
    "Inconclusive: vCores: 6 is not offered for General Purpose on Standard-series (Gen5); "
    "choose one of 2, 4, 8, 16, 24, 32, 40, 64, 80",
    "vCores: 6 is not offered for General Purpose on Standard-series (Gen5); "
    "choose one of 2, 4, 8, 16, 24, 32, 40, 64, 80" },
  { "GP 32: within the instance cap but above the per-database maximum",
    { GP, STD, 32, 4096, 110, 100, X, X, X, 6 }, LB_VERDICT_FAIL,
    "Fail: log generation p95 100 MiB/s exceeds the GP per-database maximum of 65 MiB/s",
    "log generation p95 100 MiB/s exceeds the GP per-database maximum of 65 MiB/s" },
  { "NGP IOPS over the VM cap fail even without a p95",
    { NGP, PREM, 8, 1536, X, X, X, 13000, X, X }, LB_VERDICT_FAIL,
    "Fail: IOPS 13000 exceed Next-gen GP 8-vCore cap 12800",
    "IOPS 13000 exceed Next-gen GP 8-vCore cap 12800\n"
    "log generation p95 not measured: nothing to check against the Next-gen GP 8-vCore cap of 36 MiB/s" },
  { "NGP beyond the included IOPS and throughput (demo: HelioGrid outage)",
    { NGP, PREM, 8, 1536, 31, 22.8, 57, 9900, 180, 3.9 }, LB_VERDICT_PASS,
    "Pass: log generation p95 22.8 MiB/s is within Next-gen GP 8-vCore cap 36 MiB/s (36.7% headroom)",
    "IOPS 9900 exceed the 4608 IOPS included with 1536 GB of storage: extra IOPS must be bought\n"
    "throughput 188.7 MB/s exceeds the 153.6 MB/s the included IOPS allow: extra IOPS must be bought" },
  { "NGP throughput over the cap",
    { NGP, PREM, 8, 1536, X, 10, X, 4000, 300, X }, LB_VERDICT_FAIL,
    "Fail: throughput 300 MiB/s (314.6 MB/s) exceeds Next-gen GP 8-vCore cap 290 MB/s",
    "throughput 300 MiB/s (314.6 MB/s) exceeds Next-gen GP 8-vCore cap 290 MB/s" },
  { "BC IOPS over 4,000 per vCore",
    { BC, STD, 4, 512, X, 10, X, 16001, X, 1.5 }, LB_VERDICT_FAIL,
    "Fail: IOPS 16001 exceed BC Gen5 4-vCore cap 16000", "IOPS 16001 exceed BC Gen5 4-vCore cap 16000" },
  { "a source faster than the GP latency class",
    { GP, PREM, 16, 2048, 20, 18.4, 49, 9600, 160, 2 }, LB_VERDICT_PASS,
    "Pass: log generation p95 18.4 MiB/s is within GP 16-vCore cap 72 MiB/s (74.4% headroom)",
    "IO latency 2 ms at the source is below the GP class of 5–10 ms: expect slower IO on the managed instance" },
  { "2 vCores only in instance pools",
    { GP, STD, 2, 64, 5, 3, X, X, X, X }, LB_VERDICT_PASS,
    "Pass: log generation p95 3 MiB/s is within GP 2-vCore cap 9 MiB/s (66.7% headroom)", "" },
};

static void
test_evaluate (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (eval_cases); i++)
    {
      const EvalCase *ec = &eval_cases[i];
      LbCapacityTest *test = make_test (&ec->m);
      g_autoptr(LbCapacityResult) result = lb_capacity_evaluate (test);
      g_autofree char *reasons = lb_capacity_result_reasons (result);
      int previous_check = -1;

      g_test_message ("case: %s", ec->name);
      g_assert_cmpint (result->verdict, ==, ec->verdict);
      g_assert_cmpstr (result->summary, ==, ec->summary);
      g_assert_cmpstr (reasons, ==, ec->reasons);
      /* Findings come in check order. */
      for (guint f = 0; f < result->findings->len; f++)
        {
          const LbCapacityFinding *finding = g_ptr_array_index (result->findings, f);

          g_assert_cmpint (finding->check, >=, previous_check);
          previous_check = finding->check;
        }
      lb_record_free (test);
    }
}

/* Measured, limit and headroom of each finding of the GP 8 example. */
static void
test_headroom (void)
{
  Measure m = { GP, STD, 8, 1024, 58.3, 41, 71, 11800, 212, 8.7 };
  LbCapacityTest *test = make_test (&m);
  g_autoptr(LbCapacityResult) result = lb_capacity_evaluate (test);
  const LbCapacityFinding *f;

  g_assert_true (result->limits_known);
  g_assert_cmpfloat (result->limits.log_rate_mibps, ==, 36);
  g_assert_cmpuint (result->findings->len, ==, 6);

  f = find (result, LB_CAPACITY_CHECK_LOG_RATE);
  g_assert_cmpint (f->status, ==, LB_CAPACITY_FAIL);
  g_assert_cmpfloat (f->measured, ==, 41);
  g_assert_cmpfloat (f->limit, ==, 36);
  g_assert_cmpfloat (f->headroom, ==, -5);
  g_assert_cmpfloat_with_epsilon (f->headroom_pct, -500.0 / 36, 1e-9);

  f = find (result, LB_CAPACITY_CHECK_LOG_RATE_PEAK);
  g_assert_cmpint (f->status, ==, LB_CAPACITY_WARNING);
  g_assert_cmpfloat_with_epsilon (f->headroom, 36 - 58.3, 1e-9);

  f = find (result, LB_CAPACITY_CHECK_DB_LOG_RATE);
  g_assert_cmpint (f->status, ==, LB_CAPACITY_WARNING);
  g_assert_cmpfloat (f->limit, ==, 65);
  g_assert_cmpfloat (f->headroom, ==, 24);

  f = find (result, LB_CAPACITY_CHECK_IOPS);
  g_assert_cmpint (f->status, ==, LB_CAPACITY_NOTE);
  g_assert_true (isnan (f->limit));
  g_assert_true (isnan (f->headroom));
  g_assert_cmpstr (f->message, ==,
                   "IOPS and throughput not checked: General Purpose sets them per data file by its size "
                   "(500–7,500 IOPS and 100–250 MiB/s per file)");

  f = find (result, LB_CAPACITY_CHECK_IO_LATENCY);
  g_assert_cmpint (f->status, ==, LB_CAPACITY_OK);
  g_assert_cmpfloat (f->measured, ==, 8.7);
  g_assert_cmpfloat (f->limit, ==, 5);
  g_assert_true (isnan (f->headroom));
  g_assert_cmpstr (f->message, ==, "IO latency 8.7 ms at the source is not below the GP class of 5–10 ms");

  f = find (result, LB_CAPACITY_CHECK_CPU);
  g_assert_cmpint (f->status, ==, LB_CAPACITY_NOTE);
  g_assert_cmpstr (f->message, ==,
                   "CPU 71% at the source not checked: there is no tier limit to compare it with; size the vCores to "
                   "the source's CPU use");
  g_assert_null (find (result, LB_CAPACITY_CHECK_THROUGHPUT));
  lb_record_free (test);

  /* Nothing measured but the SKU: only the p95 is missing, nothing else is said. */
  {
    Measure empty = { NGP, PREM, 16, LB_UNSET_INT, X, X, X, X, X, X };
    g_autoptr(LbCapacityResult) bare = NULL;

    test = make_test (&empty);
    bare = lb_capacity_evaluate (test);
    g_assert_cmpint (bare->verdict, ==, LB_VERDICT_INCONCLUSIVE);
    g_assert_cmpuint (bare->findings->len, ==, 1);
    g_assert_cmpint (((LbCapacityFinding *) g_ptr_array_index (bare->findings, 0))->check, ==,
                     LB_CAPACITY_CHECK_LOG_RATE);
    lb_record_free (test);
  }

  /* NGP IOPS without storage: the included share is unknown, said as a note. */
  {
    Measure no_storage = { NGP, PREM, 16, LB_UNSET_INT, X, 10, X, 5000, X, X };
    g_autoptr(LbCapacityResult) r = NULL;

    test = make_test (&no_storage);
    r = lb_capacity_evaluate (test);
    f = find (r, LB_CAPACITY_CHECK_IOPS_INCLUDED);
    g_assert_cmpint (f->status, ==, LB_CAPACITY_NOTE);
    g_assert_cmpstr (f->message, ==, "storage not set: cannot tell how many IOPS it includes (3 per GB, at least 300)");
    f = find (r, LB_CAPACITY_CHECK_IOPS);
    g_assert_cmpint (f->status, ==, LB_CAPACITY_OK);
    g_assert_cmpstr (f->message, ==, "IOPS 5000 are within Next-gen GP 16-vCore cap 25600 (80.5% headroom)");
    g_assert_cmpint (r->verdict, ==, LB_VERDICT_PASS);
    lb_record_free (test);
  }
}

static void
test_compare (void)
{
  Measure before = { GP, STD, 8, 1024, 58.3, 41, 71, 11800, 212, 8.7 };
  Measure after = { BC, STD, 16, 1024, 58.9, 41.3, X, 14200, 236, 1.6 };
  LbCapacityTest *previous = make_test (&before);
  LbCapacityTest *current = make_test (&after);
  g_autoptr(LbCapacityComparison) cmp = NULL;
  const LbCapacityDelta *d;

  previous->id = 7;
  current->id = 9;
  previous->duration_min = 240;
  current->duration_min = 240;
  cmp = lb_capacity_compare (previous, current);

  g_assert_cmpint (cmp->previous_id, ==, 7);
  g_assert_cmpint (cmp->current_id, ==, 9);
  g_assert_false (cmp->same_target);
  g_assert_cmpint (cmp->previous_verdict, ==, LB_VERDICT_FAIL);
  g_assert_cmpint (cmp->current_verdict, ==, LB_VERDICT_PASS);
  /* vCores, storage, duration, peak, p95, CPU, IOPS, throughput, latency */
  g_assert_cmpuint (cmp->deltas->len, ==, 9);

  d = lb_capacity_comparison_get (cmp, "log_gen_p95_mibps");
  g_assert_cmpfloat (d->previous, ==, 41);
  g_assert_cmpfloat (d->current, ==, 41.3);
  g_assert_cmpfloat_with_epsilon (d->delta, 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->delta_pct, 0.3 / 41 * 100, 1e-9);

  d = lb_capacity_comparison_get (cmp, "target_vcores");
  g_assert_cmpfloat (d->delta, ==, 8);
  g_assert_cmpfloat (d->delta_pct, ==, 100);

  d = lb_capacity_comparison_get (cmp, "io_latency_ms");
  g_assert_cmpfloat_with_epsilon (d->delta, -7.1, 1e-9);

  d = lb_capacity_comparison_get (cmp, "duration_min");
  g_assert_cmpfloat (d->delta, ==, 0);
  g_assert_cmpfloat (d->delta_pct, ==, 0);

  /* Unset on one side: no delta. */
  d = lb_capacity_comparison_get (cmp, "cpu_pct");
  g_assert_cmpfloat (d->previous, ==, 71);
  g_assert_true (isnan (d->current));
  g_assert_true (isnan (d->delta));
  g_assert_true (isnan (d->delta_pct));

  g_assert_null (lb_capacity_comparison_get (cmp, "verdict"));
  g_assert_null (lb_capacity_comparison_get (cmp, "no_such_field"));
  g_clear_pointer (&cmp, lb_capacity_comparison_free);

  /* From zero: a delta but no percentage. Same target. */
  previous->target_tier = BC;
  previous->target_vcores = 16;
  previous->iops = 0;
  cmp = lb_capacity_compare (previous, current);
  g_assert_true (cmp->same_target);
  d = lb_capacity_comparison_get (cmp, "iops");
  g_assert_cmpfloat (d->delta, ==, 14200);
  g_assert_true (isnan (d->delta_pct));

  lb_record_free (previous);
  lb_record_free (current);
}

/* ---- store ---------------------------------------------------------------------------- */

static gint64
insert_or_die (LbStore *store,
               gpointer record)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!lb_store_insert (store, record, &error))
    g_error ("insert %s: %s", lb_record_get_kind (record)->table, error->message);
  id = LB_RECORD_ID (record);
  lb_record_free (record);
  return id;
}

static void
test_store (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "capacity.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbCapacityComparison) cmp = NULL;
  g_autoptr(LbCapacityResult) result = NULL;
  LbStore *store = lb_store_open (path, &error);
  Measure gp8 = { GP, STD, 8, 1024, 58.3, 41, 71, 11800, 212, 8.7 };
  Measure bc16 = { BC, STD, 16, 1024, 58.9, 41.3, 46, 14200, 236, 1.6 };
  Measure bc16_later = { BC, STD, 16, 1024, 60, 45, 50, 15000, 240, 1.7 };
  LbProject *project = lb_record_new (&lb_project_kind);
  LbCapacityTest *test;
  gint64 project_id, first_id, second_id, third_id;

  g_assert_no_error (error);
  project->name = g_strdup ("ERP");
  project_id = insert_or_die (store, project);

  /* Inserted out of time order: "previous" goes by test time. */
  test = make_test (&bc16_later);
  test->project_id = project_id;
  test->tested_at = 3000;
  third_id = insert_or_die (store, test);
  test = make_test (&gp8);
  test->project_id = project_id;
  test->tested_at = 1000;
  first_id = insert_or_die (store, test);
  test = make_test (&bc16);
  test->project_id = project_id;
  test->tested_at = 2000;
  second_id = insert_or_die (store, test);

  g_assert_true (lb_capacity_compare_with_previous (store, second_id, &cmp, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cmp);
  g_assert_cmpint (cmp->previous_id, ==, first_id);
  g_assert_cmpint (cmp->current_id, ==, second_id);
  g_clear_pointer (&cmp, lb_capacity_comparison_free);

  g_assert_true (lb_capacity_compare_with_previous (store, third_id, &cmp, &error));
  g_assert_cmpint (cmp->previous_id, ==, second_id);
  g_assert_true (cmp->same_target);
  g_assert_cmpfloat_with_epsilon (lb_capacity_comparison_get (cmp, "log_gen_p95_mibps")->delta, 3.7, 1e-9);
  g_clear_pointer (&cmp, lb_capacity_comparison_free);

  g_assert_true (lb_capacity_compare_with_previous (store, first_id, &cmp, &error));
  g_assert_no_error (error);
  g_assert_null (cmp);

  g_assert_false (lb_capacity_compare_with_previous (store, 4242, &cmp, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  g_assert_null (cmp);
  g_clear_error (&error);

  result = lb_capacity_evaluate_stored (store, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->summary, ==, "Fail: log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s");
  g_clear_pointer (&result, lb_capacity_result_free);
  result = lb_capacity_evaluate_stored (store, 4242, &error);
  g_assert_null (result);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The demo portfolio judges its tests by the same §5.2 log-rate rule: every pass or fail it
 * wrote must come out the same here. */
static void
test_agrees_with_demo (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tests = NULL;
  LbStore *store = lb_store_open (path, &error);
  LbDemoOptions options;
  guint judged = 0;

  g_assert_no_error (error);
  lb_demo_options_init (&options);
  options.anchor = G_GINT64_CONSTANT (1795957200000);
  options.lag_days = 0;
  g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  tests = lb_store_list (store, &lb_capacity_test_kind, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tests->len, >, 5);
  for (guint i = 0; i < tests->len; i++)
    {
      const LbCapacityTest *test = g_ptr_array_index (tests, i);
      g_autoptr(LbCapacityResult) result = lb_capacity_evaluate (test);

      g_assert_true (result->limits_known);
      if (test->verdict == LB_VERDICT_INCONCLUSIVE)
        continue; /* a judgement of the test's coverage, not of the figures */
      g_assert_cmpint (result->verdict, ==, test->verdict);
      judged++;
    }
  g_assert_cmpuint (judged, >, 5);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/capacity/log-rate-limits", test_log_rate_limits);
  g_test_add_func ("/lb/capacity/other-limits", test_other_limits);
  g_test_add_func ("/lb/capacity/vcore-choices", test_vcore_choices);
  g_test_add_func ("/lb/capacity/vcore-messages", test_vcore_messages);
  g_test_add_func ("/lb/capacity/evaluate", test_evaluate);
  g_test_add_func ("/lb/capacity/headroom", test_headroom);
  g_test_add_func ("/lb/capacity/compare", test_compare);
  g_test_add_func ("/lb/capacity/store", test_store);
  g_test_add_func ("/lb/capacity/agrees-with-demo", test_agrees_with_demo);

  return g_test_run ();
}
