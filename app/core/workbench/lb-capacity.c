/* lb-capacity.c
 *
 * Every figure in the tables below is from docs/domain.md §5 (resource-limits, revision
 * 08/10/2026). Where domain.md gives a rule that needs facts a capacity test does not
 * record (GP IOPS per data file size), the check is a note, not a guess.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-capacity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../model/lb-error.h"
#include "lb-capacity.h"

#define N_TIERS 3
#define N_HARDWARE 3
#define MIB_IN_MB 1.048576 /* 1 MiB/s = 1.048576 MB/s */

/* §5.1 "vCore choices". */
static const gint64 vcores_gp[] = { 2, 4, 8, 16, 24, 32, 40, 64, 80 }; /* GP standard/premium; 2 only in pools */
static const gint64 vcores_gp_memopt[] = { 4, 8, 16, 24, 32, 40, 64, 80 };
static const gint64 vcores_gen5[] = { 4, 8, 16, 24, 32, 40, 64, 80 }; /* BC and NGP on Gen5 */
static const gint64 vcores_premium[] = { 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 56, 64, 80, 96, 128 };

#define POOL_ONLY_VCORES 2

typedef struct
{
  const gint64 *vcores;
  guint         n_vcores;
  double        log_per_vcore; /* §5.2 log write throughput, MiB/s */
  double        log_max;
} SkuRule;

#define CHOICES(list) list, G_N_ELEMENTS (list)

/* [tier][hardware] */
static const SkuRule sku_rules[N_TIERS][N_HARDWARE] = {
  [LB_TIER_GENERAL_PURPOSE] = {
    [LB_HARDWARE_STANDARD] = { CHOICES (vcores_gp), 4.5, 120 },
    [LB_HARDWARE_PREMIUM] = { CHOICES (vcores_gp), 4.5, 120 },
    [LB_HARDWARE_MEMORY_OPTIMIZED] = { CHOICES (vcores_gp_memopt), 4.5, 120 },
  },
  [LB_TIER_NEXT_GEN_GENERAL_PURPOSE] = {
    [LB_HARDWARE_STANDARD] = { CHOICES (vcores_gen5), 4.5, 192 },
    [LB_HARDWARE_PREMIUM] = { CHOICES (vcores_premium), 4.5, 192 },
    [LB_HARDWARE_MEMORY_OPTIMIZED] = { CHOICES (vcores_premium), 4.5, 192 },
  },
  [LB_TIER_BUSINESS_CRITICAL] = {
    [LB_HARDWARE_STANDARD] = { CHOICES (vcores_gen5), 4.5, 96 },
    [LB_HARDWARE_PREMIUM] = { CHOICES (vcores_premium), 12, 192 },
    [LB_HARDWARE_MEMORY_OPTIMIZED] = { CHOICES (vcores_premium), 12, 192 },
  },
};

typedef enum { IOPS_PER_FILE, IOPS_BY_STORAGE, IOPS_PER_VCORE } IopsRule;

typedef struct
{
  const char *short_name;   /* in findings: "GP 8-vCore cap" */
  double      latency_min;  /* §5.2 IO latency (approx.), ms */
  double      latency_max;
  double      db_log_min;   /* §5.2 GP log rate per database, MiB/s */
  double      db_log_max;
  IopsRule    iops;
} TierRule;

static const TierRule tier_rules[N_TIERS] = {
  [LB_TIER_GENERAL_PURPOSE] = { N_("GP"), 5, 10, 22, 65, IOPS_PER_FILE },
  [LB_TIER_NEXT_GEN_GENERAL_PURPOSE] = { N_("Next-gen GP"), 3, 5, NAN, NAN, IOPS_BY_STORAGE },
  [LB_TIER_BUSINESS_CRITICAL] = { N_("BC"), 1, 2, NAN, NAN, IOPS_PER_VCORE },
};

/* Hardware as findings name it; only Business Critical's log rate depends on it. */
static const char *const hardware_short[N_HARDWARE] = {
  [LB_HARDWARE_STANDARD] = N_("Gen5"),
  [LB_HARDWARE_PREMIUM] = N_("premium-series"),
  [LB_HARDWARE_MEMORY_OPTIMIZED] = N_("memory-optimized"),
};

/* §5.2/§5.3 Next-gen GP: 3 IOPS per GB reserved (at least 300), extra IOPS purchasable up to
 * the VM cap below; throughput IOPS ÷ 30 MB/s (at least 75) within the cap. */
#define NGP_IOPS_PER_GB 3.0
#define NGP_IOPS_MIN 300.0
#define NGP_IOPS_PER_MBPS 30.0
#define NGP_THROUGHPUT_MIN 75.0

static const struct
{
  gint64 vcores; /* this row applies from here up */
  double iops;
  double mbps;
} ngp_caps[] = {
  { 4, 6400, 145 }, { 6, 9600, 217 }, { 8, 12800, 290 }, { 10, 16000, 367 }, { 12, 19200, 445 },
  { 16, 25600, 600 }, { 20, 32000, 665 }, { 24, 38400, 730 }, { 32, 51200, 865 }, { 40, 64000, 1152 },
  { 48, 76800, 1152 }, { 56, 80000, 1200 },
};

/* §5.2 Business Critical: 4,000 IOPS per vCore, 320K from 80 vCores up. */
#define BC_IOPS_PER_VCORE 4000.0
#define BC_IOPS_VCORE_CEILING 80

static gboolean
tier_valid (int tier)
{
  return tier >= 0 && tier < N_TIERS;
}

static gboolean
hardware_valid (int hardware)
{
  return hardware >= 0 && hardware < N_HARDWARE;
}

static gboolean
rule_offers (const SkuRule *rule,
             gint64         vcores)
{
  for (guint i = 0; i < rule->n_vcores; i++)
    if (rule->vcores[i] == vcores)
      return TRUE;
  return FALSE;
}

static char *
choices_text (const SkuRule *rule)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rule->n_vcores; i++)
    g_string_append_printf (s, "%s%d", i > 0 ? ", " : "", (int) rule->vcores[i]);
  return g_string_free (s, FALSE);
}

static const char *
vcores_label (void)
{
  return _(lb_record_kind_find_field (&lb_capacity_test_kind, "target_vcores")->label);
}

gboolean
lb_capacity_check_vcores (LbTier   tier,
                          int      hardware,
                          gint64   vcores,
                          GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tier_valid (tier))
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_REQUIRED, "target_tier", _("%s: must be set"),
                               _(lb_record_kind_find_field (&lb_capacity_test_kind, "target_tier")->label));
      return FALSE;
    }

  if (hardware_valid (hardware))
    {
      const SkuRule *rule = &sku_rules[tier][hardware];
      g_autofree char *choices = NULL;

      if (rule_offers (rule, vcores))
        return TRUE;
      choices = choices_text (rule);
      lb_validation_error_set (error, LB_VALIDATION_ERROR_RANGE, "target_vcores",
                               /* TRANSLATORS: "vCores: 6 is not offered for General Purpose on
                                * Standard-series (Gen5); choose one of 2, 4, 8 …" */
                               _("%s: %d is not offered for %s on %s; choose one of %s"), vcores_label (),
                               (int) vcores, lb_enum_info_label (&lb_tier_enum, tier),
                               lb_enum_info_label (&lb_hardware_enum, hardware), choices);
      return FALSE;
    }

  for (int h = 0; h < N_HARDWARE; h++)
    if (rule_offers (&sku_rules[tier][h], vcores))
      return TRUE;
  {
    /* The premium-series list is the widest for every tier but GP, whose lists are equal. */
    const SkuRule *widest = &sku_rules[tier][tier == LB_TIER_GENERAL_PURPOSE ? LB_HARDWARE_STANDARD
                                                                                : LB_HARDWARE_PREMIUM];
    g_autofree char *choices = choices_text (widest);

    lb_validation_error_set (error, LB_VALIDATION_ERROR_RANGE, "target_vcores",
                             _("%s: %d is not offered for %s; choose one of %s"), vcores_label (), (int) vcores,
                             lb_enum_info_label (&lb_tier_enum, tier), choices);
    return FALSE;
  }
}

gboolean
lb_capacity_tier_limits (LbTier        tier,
                         int           hardware,
                         gint64        vcores,
                         gint64        storage_gb,
                         LbTierLimits *out,
                         GError      **error)
{
  const TierRule *t;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lb_capacity_check_vcores (tier, hardware, vcores, error))
    return FALSE;

  t = &tier_rules[tier];
  *out = (LbTierLimits) {
    .tier = tier,
    .hardware = hardware_valid (hardware) ? hardware : LB_UNSET_ENUM,
    .vcores = vcores,
    .pool_only = vcores == POOL_ONLY_VCORES,
    .log_rate_per_vcore_mibps = NAN,
    .log_rate_max_mibps = NAN,
    .log_rate_mibps = NAN,
    .db_log_rate_min_mibps = t->db_log_min,
    .db_log_rate_max_mibps = t->db_log_max,
    .io_latency_min_ms = t->latency_min,
    .io_latency_max_ms = t->latency_max,
    .iops_max = NAN,
    .iops_included = NAN,
    .throughput_max_mbps = NAN,
    .throughput_included_mbps = NAN,
  };

  /* The log rate differs by hardware only on Business Critical; elsewhere any row serves. */
  if (hardware_valid (hardware) || tier != LB_TIER_BUSINESS_CRITICAL)
    {
      const SkuRule *rule = &sku_rules[tier][hardware_valid (hardware) ? hardware : LB_HARDWARE_STANDARD];

      out->log_rate_per_vcore_mibps = rule->log_per_vcore;
      out->log_rate_max_mibps = rule->log_max;
      out->log_rate_mibps = MIN (rule->log_per_vcore * (double) vcores, rule->log_max);
    }

  switch (t->iops)
    {
    case IOPS_BY_STORAGE:
      for (guint i = 0; i < G_N_ELEMENTS (ngp_caps); i++)
        if (vcores >= ngp_caps[i].vcores)
          {
            out->iops_max = ngp_caps[i].iops;
            out->throughput_max_mbps = ngp_caps[i].mbps;
          }
      if (storage_gb != LB_UNSET_INT && storage_gb > 0 && !isnan (out->iops_max))
        {
          out->iops_included = MIN (MAX (NGP_IOPS_PER_GB * (double) storage_gb, NGP_IOPS_MIN), out->iops_max);
          out->throughput_included_mbps = MIN (MAX (out->iops_included / NGP_IOPS_PER_MBPS, NGP_THROUGHPUT_MIN),
                                               out->throughput_max_mbps);
        }
      break;
    case IOPS_PER_VCORE:
      out->iops_max = BC_IOPS_PER_VCORE * (double) MIN (vcores, BC_IOPS_VCORE_CEILING);
      break;
    case IOPS_PER_FILE:
    default:
      break;
    }
  return TRUE;
}

/* ---- evaluation ----------------------------------------------------------------------- */

/* Whole numbers without decimals, others with one: "36", "40.5". */
static char *
num (double value)
{
  if (fabs (value - rint (value)) < 0.05)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

/* "GP 8-vCore", "BC Gen5 16-vCore". */
static char *
sku_name (const LbTierLimits *limits)
{
  const char *tier = _(tier_rules[limits->tier].short_name);

  if (limits->tier == LB_TIER_BUSINESS_CRITICAL && limits->hardware != LB_UNSET_ENUM)
    /* TRANSLATORS: tier, hardware and vCores: "BC Gen5 16-vCore" */
    return g_strdup_printf (_("%s %s %d-vCore"), tier, _(hardware_short[limits->hardware]), (int) limits->vcores);
  /* TRANSLATORS: tier and vCores: "GP 8-vCore" */
  return g_strdup_printf (_("%s %d-vCore"), tier, (int) limits->vcores);
}

static void
finding_free (gpointer data)
{
  LbCapacityFinding *finding = data;

  g_free (finding->message);
  g_free (finding);
}

void
lb_capacity_result_free (LbCapacityResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->findings, g_ptr_array_unref);
  g_free (result->summary);
  g_free (result);
}

/* Takes @message. */
static LbCapacityFinding *
add (LbCapacityResult *result,
     LbCapacityCheck   check,
     LbCapacityStatus  status,
     double            measured,
     double            limit,
     char             *message)
{
  LbCapacityFinding *finding = g_new0 (LbCapacityFinding, 1);

  finding->check = check;
  finding->status = status;
  finding->measured = measured;
  finding->limit = limit;
  finding->headroom = limit - measured; /* NAN when either is */
  finding->headroom_pct = limit > 0 ? finding->headroom / limit * 100.0 : NAN;
  finding->message = message;
  g_ptr_array_add (result->findings, finding);
  return finding;
}

static void
check_log_rate (LbCapacityResult     *result,
                const LbCapacityTest *test,
                const char           *sku)
{
  const LbTierLimits *l = &result->limits;
  double p95 = test->log_gen_p95_mibps;
  double peak = test->log_gen_peak_mibps;
  g_autofree char *cap = NULL;
  g_autofree char *p95_text = num (p95);
  g_autofree char *peak_text = num (peak);

  if (isnan (l->log_rate_mibps))
    {
      add (result, LB_CAPACITY_CHECK_LOG_RATE, LB_CAPACITY_UNKNOWN, p95, NAN,
           g_strdup (_("hardware not set: the BC log-rate cap differs between Gen5 and premium-series")));
      return;
    }
  cap = num (l->log_rate_mibps);

  if (isnan (p95))
    add (result, LB_CAPACITY_CHECK_LOG_RATE, LB_CAPACITY_UNKNOWN, p95, l->log_rate_mibps,
         g_strdup_printf (_("log generation p95 not measured: nothing to check against the %s cap of %s MiB/s"),
                          sku, cap));
  else if (p95 > l->log_rate_mibps)
    add (result, LB_CAPACITY_CHECK_LOG_RATE, LB_CAPACITY_FAIL, p95, l->log_rate_mibps,
         /* TRANSLATORS: "log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s" */
         g_strdup_printf (_("log generation p95 %s MiB/s exceeds %s cap %s MiB/s"), p95_text, sku, cap));
  else
    {
      g_autofree char *pct = num ((l->log_rate_mibps - p95) / l->log_rate_mibps * 100.0);

      add (result, LB_CAPACITY_CHECK_LOG_RATE, LB_CAPACITY_OK, p95, l->log_rate_mibps,
           g_strdup_printf (_("log generation p95 %s MiB/s is within %s cap %s MiB/s (%s%% headroom)"), p95_text, sku,
                            cap, pct));
    }

  if (isnan (peak))
    return;
  if (peak > l->log_rate_mibps)
    add (result, LB_CAPACITY_CHECK_LOG_RATE_PEAK, LB_CAPACITY_WARNING, peak, l->log_rate_mibps,
         g_strdup_printf (_("log generation peak %s MiB/s exceeds %s cap %s MiB/s: peaks are throttled and the "
                            "link falls behind until they pass"), peak_text, sku, cap));
  else
    add (result, LB_CAPACITY_CHECK_LOG_RATE_PEAK, LB_CAPACITY_OK, peak, l->log_rate_mibps,
         g_strdup_printf (_("log generation peak %s MiB/s is within %s cap %s MiB/s"), peak_text, sku, cap));
}

/* A linked project is one database, so its log generation meets the per-database limit. */
static void
check_db_log_rate (LbCapacityResult     *result,
                   const LbCapacityTest *test)
{
  const LbTierLimits *l = &result->limits;
  double p95 = test->log_gen_p95_mibps;
  g_autofree char *p95_text = num (p95);
  g_autofree char *lo = num (l->db_log_rate_min_mibps);
  g_autofree char *hi = num (l->db_log_rate_max_mibps);

  if (isnan (l->db_log_rate_max_mibps) || isnan (p95))
    return;
  if (p95 > l->db_log_rate_max_mibps)
    add (result, LB_CAPACITY_CHECK_DB_LOG_RATE, LB_CAPACITY_FAIL, p95, l->db_log_rate_max_mibps,
         g_strdup_printf (_("log generation p95 %s MiB/s exceeds the GP per-database maximum of %s MiB/s"),
                          p95_text, hi));
  else if (p95 > l->db_log_rate_min_mibps)
    add (result, LB_CAPACITY_CHECK_DB_LOG_RATE, LB_CAPACITY_WARNING, p95, l->db_log_rate_max_mibps,
         g_strdup_printf (_("log generation p95 %s MiB/s may exceed the GP per-database limit of %s–%s MiB/s, "
                            "which depends on the log file size"), p95_text, lo, hi));
  else
    add (result, LB_CAPACITY_CHECK_DB_LOG_RATE, LB_CAPACITY_OK, p95, l->db_log_rate_max_mibps,
         g_strdup_printf (_("log generation p95 %s MiB/s is within the lowest GP per-database limit of %s MiB/s"),
                          p95_text, lo));
}

static void
check_io (LbCapacityResult     *result,
          const LbCapacityTest *test,
          const char           *sku)
{
  const LbTierLimits *l = &result->limits;
  double iops = test->iops;
  double mbps = test->throughput_mibps * MIB_IN_MB;
  g_autofree char *iops_text = num (iops);
  g_autofree char *mibps_text = num (test->throughput_mibps);
  g_autofree char *mbps_text = num (mbps);

  if (l->tier == LB_TIER_GENERAL_PURPOSE)
    {
      if (!isnan (iops) || !isnan (mbps))
        add (result, LB_CAPACITY_CHECK_IOPS, LB_CAPACITY_NOTE, iops, NAN,
             g_strdup (_("IOPS and throughput not checked: General Purpose sets them per data file by its size "
                         "(500–7,500 IOPS and 100–250 MiB/s per file)")));
      return;
    }

  if (!isnan (iops) && !isnan (l->iops_max))
    {
      g_autofree char *cap = num (l->iops_max);

      if (iops > l->iops_max)
        add (result, LB_CAPACITY_CHECK_IOPS, LB_CAPACITY_FAIL, iops, l->iops_max,
             g_strdup_printf (_("IOPS %s exceed %s cap %s"), iops_text, sku, cap));
      else
        {
          g_autofree char *pct = num ((l->iops_max - iops) / l->iops_max * 100.0);

          add (result, LB_CAPACITY_CHECK_IOPS, LB_CAPACITY_OK, iops, l->iops_max,
               g_strdup_printf (_("IOPS %s are within %s cap %s (%s%% headroom)"), iops_text, sku, cap, pct));
        }
    }

  if (l->tier != LB_TIER_NEXT_GEN_GENERAL_PURPOSE)
    return;

  if (!isnan (iops) && iops <= l->iops_max)
    {
      g_autofree char *included = num (l->iops_included);
      g_autofree char *storage = g_strdup_printf ("%d", (int) test->target_storage_gb);

      if (isnan (l->iops_included))
        add (result, LB_CAPACITY_CHECK_IOPS_INCLUDED, LB_CAPACITY_NOTE, iops, NAN,
             g_strdup (_("storage not set: cannot tell how many IOPS it includes (3 per GB, at least 300)")));
      else if (iops > l->iops_included)
        add (result, LB_CAPACITY_CHECK_IOPS_INCLUDED, LB_CAPACITY_WARNING, iops, l->iops_included,
             g_strdup_printf (_("IOPS %s exceed the %s IOPS included with %s GB of storage: extra IOPS must be "
                                "bought"), iops_text, included, storage));
      else
        add (result, LB_CAPACITY_CHECK_IOPS_INCLUDED, LB_CAPACITY_OK, iops, l->iops_included,
             g_strdup_printf (_("IOPS %s are within the %s IOPS included with %s GB of storage"), iops_text,
                              included, storage));
    }

  if (isnan (mbps))
    return;
  {
    g_autofree char *cap = num (l->throughput_max_mbps);

    if (mbps > l->throughput_max_mbps)
      add (result, LB_CAPACITY_CHECK_THROUGHPUT, LB_CAPACITY_FAIL, mbps, l->throughput_max_mbps,
           g_strdup_printf (_("throughput %s MiB/s (%s MB/s) exceeds %s cap %s MB/s"), mibps_text, mbps_text, sku,
                            cap));
    else
      {
        g_autofree char *pct = num ((l->throughput_max_mbps - mbps) / l->throughput_max_mbps * 100.0);

        add (result, LB_CAPACITY_CHECK_THROUGHPUT, LB_CAPACITY_OK, mbps, l->throughput_max_mbps,
             g_strdup_printf (_("throughput %s MiB/s (%s MB/s) is within %s cap %s MB/s (%s%% headroom)"),
                              mibps_text, mbps_text, sku, cap, pct));
      }
  }
  if (mbps <= l->throughput_max_mbps && !isnan (l->throughput_included_mbps) && mbps > l->throughput_included_mbps)
    {
      g_autofree char *included = num (l->throughput_included_mbps);

      add (result, LB_CAPACITY_CHECK_THROUGHPUT_INCLUDED, LB_CAPACITY_WARNING, mbps, l->throughput_included_mbps,
           g_strdup_printf (_("throughput %s MB/s exceeds the %s MB/s the included IOPS allow: extra IOPS must be "
                              "bought"), mbps_text, included));
    }
}

/* The source's latency is what the workload is used to: a target class slower than that
 * is worth knowing, not a failure (§5.4 "compare with MI latency class"). */
static void
check_latency (LbCapacityResult     *result,
               const LbCapacityTest *test)
{
  const LbTierLimits *l = &result->limits;
  double ms = test->io_latency_ms;
  g_autofree char *ms_text = num (ms);
  g_autofree char *lo = num (l->io_latency_min_ms);
  g_autofree char *hi = num (l->io_latency_max_ms);
  const char *tier = _(tier_rules[l->tier].short_name);
  LbCapacityFinding *finding;

  if (isnan (ms))
    return;
  if (ms < l->io_latency_min_ms)
    finding = add (result, LB_CAPACITY_CHECK_IO_LATENCY, LB_CAPACITY_WARNING, ms, l->io_latency_min_ms,
                   /* TRANSLATORS: "IO latency 2 ms at the source is below the GP class of 5–10 ms: …" */
                   g_strdup_printf (_("IO latency %s ms at the source is below the %s class of %s–%s ms: expect "
                                      "slower IO on the managed instance"), ms_text, tier, lo, hi));
  else
    finding = add (result, LB_CAPACITY_CHECK_IO_LATENCY, LB_CAPACITY_OK, ms, l->io_latency_min_ms,
                   g_strdup_printf (_("IO latency %s ms at the source is not below the %s class of %s–%s ms"),
                                    ms_text, tier, lo, hi));
  /* More latency is not "headroom": leave the ratio to the message. */
  finding->headroom = finding->headroom_pct = NAN;
}

static void
check_cpu (LbCapacityResult     *result,
           const LbCapacityTest *test)
{
  g_autofree char *pct = NULL;

  if (isnan (test->cpu_pct))
    return;
  pct = num (test->cpu_pct);
  /* domain.md §5.4 compares CPU with "vCores × expected utilization" and states no limit. */
  add (result, LB_CAPACITY_CHECK_CPU, LB_CAPACITY_NOTE, test->cpu_pct, NAN,
       g_strdup_printf (_("CPU %s%% at the source not checked: there is no tier limit to compare it with; size "
                          "the vCores to the source's CPU use"), pct));
}

static const LbCapacityFinding *
first_with_status (const LbCapacityResult *result,
                   LbCapacityStatus        status)
{
  for (guint i = 0; i < result->findings->len; i++)
    {
      const LbCapacityFinding *finding = g_ptr_array_index (result->findings, i);

      if (finding->status == status)
        return finding;
    }
  return NULL;
}

LbCapacityResult *
lb_capacity_evaluate (const LbCapacityTest *test)
{
  g_autoptr(LbCapacityResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const LbCapacityFinding *decisive;
  const LbFieldInfo *verdict_field;

  g_return_val_if_fail (test != NULL, NULL);

  result = g_new0 (LbCapacityResult, 1);
  result->findings = g_ptr_array_new_with_free_func (finding_free);

  result->limits_known = lb_capacity_tier_limits (test->target_tier, test->target_hardware, test->target_vcores,
                                                  test->target_storage_gb, &result->limits, &error);
  if (!result->limits_known)
    add (result, LB_CAPACITY_CHECK_SKU, LB_CAPACITY_UNKNOWN, NAN, NAN, g_strdup (error->message));
  else
    {
      g_autofree char *sku = sku_name (&result->limits);

      if (result->limits.pool_only)
        add (result, LB_CAPACITY_CHECK_SKU, LB_CAPACITY_NOTE, NAN, NAN,
             g_strdup (_("2 vCores are offered only inside instance pools")));
      check_log_rate (result, test, sku);
      check_db_log_rate (result, test);
      check_io (result, test, sku);
      check_latency (result, test);
      check_cpu (result, test);
    }
  /* The checks above run, and so add their findings, in LbCapacityCheck order. */

  /* A hard limit exceeded fails the test even when another figure is missing. */
  if ((decisive = first_with_status (result, LB_CAPACITY_FAIL)) != NULL)
    result->verdict = LB_VERDICT_FAIL;
  else if ((decisive = first_with_status (result, LB_CAPACITY_UNKNOWN)) != NULL)
    result->verdict = LB_VERDICT_INCONCLUSIVE;
  else
    {
      result->verdict = LB_VERDICT_PASS;
      decisive = first_with_status (result, LB_CAPACITY_OK);
    }

  verdict_field = lb_record_kind_find_field (&lb_capacity_test_kind, "verdict");
  /* TRANSLATORS: "Fail: log generation p95 41 MiB/s exceeds GP 8-vCore cap 36 MiB/s" */
  result->summary = g_strdup_printf (_("%s: %s"), lb_enum_info_label (verdict_field->enum_info, result->verdict),
                                     decisive != NULL ? decisive->message : "");
  return g_steal_pointer (&result);
}

char *
lb_capacity_result_reasons (const LbCapacityResult *result)
{
  static const LbCapacityStatus order[] = { LB_CAPACITY_FAIL, LB_CAPACITY_UNKNOWN, LB_CAPACITY_WARNING };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  for (guint o = 0; o < G_N_ELEMENTS (order); o++)
    for (guint i = 0; i < result->findings->len; i++)
      {
        const LbCapacityFinding *finding = g_ptr_array_index (result->findings, i);

        if (finding->status != order[o])
          continue;
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, finding->message);
      }
  return g_string_free (text, FALSE);
}

/* ---- comparison ----------------------------------------------------------------------- */

static double
field_value (const LbFieldInfo *field,
             gconstpointer      record)
{
  if (!lb_record_field_is_set (field, record))
    return NAN;
  if (field->type == LB_FIELD_REAL)
    return lb_record_get_real (field, record);
  return (double) lb_record_get_int (field, record);
}

void
lb_capacity_comparison_free (LbCapacityComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->deltas, g_array_unref);
  g_free (comparison);
}

LbCapacityComparison *
lb_capacity_compare (const LbCapacityTest *previous,
                     const LbCapacityTest *current)
{
  const LbRecordKind *kind = &lb_capacity_test_kind;
  LbCapacityComparison *comparison;
  g_autoptr(LbCapacityResult) before = NULL;
  g_autoptr(LbCapacityResult) after = NULL;

  g_return_val_if_fail (previous != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);

  comparison = g_new0 (LbCapacityComparison, 1);
  comparison->previous_id = previous->id;
  comparison->current_id = current->id;
  comparison->same_target = previous->target_tier == current->target_tier &&
                            previous->target_hardware == current->target_hardware &&
                            previous->target_vcores == current->target_vcores;
  before = lb_capacity_evaluate (previous);
  after = lb_capacity_evaluate (current);
  comparison->previous_verdict = before->verdict;
  comparison->current_verdict = after->verdict;
  comparison->deltas = g_array_new (FALSE, TRUE, sizeof (LbCapacityDelta));

  /* Every measured figure and size of the kind: new numeric fields join by themselves. */
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];
      LbCapacityDelta delta = { field, NAN, NAN, NAN, NAN };

      if (field->type != LB_FIELD_REAL && field->type != LB_FIELD_INT)
        continue;
      delta.previous = field_value (field, previous);
      delta.current = field_value (field, current);
      delta.delta = delta.current - delta.previous;
      if (!isnan (delta.delta) && delta.previous != 0)
        delta.delta_pct = delta.delta / fabs (delta.previous) * 100.0;
      g_array_append_val (comparison->deltas, delta);
    }
  return comparison;
}

const LbCapacityDelta *
lb_capacity_comparison_get (const LbCapacityComparison *comparison,
                            const char                 *field_name)
{
  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (field_name != NULL, NULL);

  for (guint i = 0; i < comparison->deltas->len; i++)
    {
      const LbCapacityDelta *delta = &g_array_index (comparison->deltas, LbCapacityDelta, i);

      if (g_str_equal (delta->field->name, field_name))
        return delta;
    }
  return NULL;
}

/* ---- store ---------------------------------------------------------------------------- */

LbCapacityResult *
lb_capacity_evaluate_stored (LbStore *store,
                             gint64   test_id,
                             GError **error)
{
  LbCapacityTest *test;
  LbCapacityResult *result;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  test = lb_store_get (store, &lb_capacity_test_kind, test_id, error);
  if (test == NULL)
    return NULL;
  result = lb_capacity_evaluate (test);
  lb_record_free (test);
  return result;
}

gboolean
lb_capacity_compare_with_previous (LbStore               *store,
                                   gint64                 test_id,
                                   LbCapacityComparison **out,
                                   GError               **error)
{
  g_autoptr(GPtrArray) tests = NULL;
  LbCapacityTest *test;
  gint64 project_id;

  g_return_val_if_fail (LB_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out = NULL;
  test = lb_store_get (store, &lb_capacity_test_kind, test_id, error);
  if (test == NULL)
    return FALSE;
  project_id = test->project_id;
  lb_record_free (test);

  /* The kind lists by test time, then id: "previous" is the row before. */
  tests = lb_store_list (store, &lb_capacity_test_kind, "project_id", project_id, error);
  if (tests == NULL)
    return FALSE;
  for (guint i = 1; i < tests->len; i++)
    {
      const LbCapacityTest *current = g_ptr_array_index (tests, i);

      if (current->id == test_id)
        {
          *out = lb_capacity_compare (g_ptr_array_index (tests, i - 1), current);
          break;
        }
    }
  return TRUE;
}
