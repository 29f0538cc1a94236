/* lb-lag-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-writer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../model/lb-error.h"
#include "../model/lb-records.h"
#include "../model/lb-time.h"
#include "lb-lag-writer.h"
#include "lb-store-private.h"

static const LbEnumValue sync_state_values[] = {
  { "not_synchronizing", N_("Not synchronizing") },
  { "synchronizing", N_("Synchronizing") },
  { "synchronized", N_("Synchronized") },
  { "reverting", N_("Reverting") },
  { "initializing", N_("Initializing") },
};
const LbEnumInfo lb_sync_state_enum = { "lb_sync_state_enum", sync_state_values, G_N_ELEMENTS (sync_state_values) };

static const LbEnumValue sync_health_values[] = {
  { "not_healthy", N_("Not healthy") },
  { "partially_healthy", N_("Partially healthy") },
  { "healthy", N_("Healthy") },
};
const LbEnumInfo lb_sync_health_enum = { "lb_sync_health_enum", sync_health_values, G_N_ELEMENTS (sync_health_values) };

static const LbEnumValue lag_source_values[] = {
  { "sqlserver", N_("SQL Server DMVs") },
  { "arm", N_("Azure Resource Manager") },
  { "import", N_("Imported file") },
  { "demo", N_("Demo data") },
};
const LbEnumInfo lb_lag_source_enum = { "lb_lag_source_enum", lag_source_values, G_N_ELEMENTS (lag_source_values) };

#define MINUTE_MS 60000
#define HOUR_MS 3600000

typedef struct
{
  gint64 bucket;
  double min;
  double max;
  double sum;
  gint64 n;
} Rollup;

/* Rollups of the open batch, keyed by bucket start. Samples mostly arrive in time order, so
 * the last bucket touched is kept at hand. */
typedef struct
{
  gint64      width;
  GHashTable *buckets; /* gint64* → Rollup* (key points into the value) */
  Rollup     *last;
} RollupSet;

struct _LbLagWriter
{
  LbStore    *store;
  gint64      project_id;
  LbLagSource source;
  gint64      gap_after_ms;
  char       *gap_reason; /* set: the next sample opens a gap with this reason */
  guint       batch_size;

  gboolean    in_batch;
  guint       batch_count;  /* samples written in the open batch */
  gint64      batch_first;
  gint64      batch_last;
  gint64      last_t;       /* latest instant seen, LB_UNSET_INT before the first */
  gint64      last_t_committed;
  RollupSet   minute;
  RollupSet   hour;

  guint64     written;
  guint64     skipped;

  sqlite3_stmt *insert; /* owned by the store's statement cache */
};

static void
rollup_set_init (RollupSet *set,
                 gint64     width)
{
  set->width = width;
  set->buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  set->last = NULL;
}

static void
rollup_set_clear (RollupSet *set)
{
  g_hash_table_remove_all (set->buckets);
  set->last = NULL;
}

static void
rollup_set_add (RollupSet *set,
                gint64     t,
                double     lag)
{
  gint64 bucket = t / set->width * set->width;
  Rollup *r = set->last;

  if (r == NULL || r->bucket != bucket)
    {
      r = g_hash_table_lookup (set->buckets, &bucket);
      if (r == NULL)
        {
          r = g_new (Rollup, 1);
          r->bucket = bucket;
          r->min = r->max = lag;
          r->sum = 0;
          r->n = 0;
          g_hash_table_insert (set->buckets, &r->bucket, r);
        }
      set->last = r;
    }
  r->min = MIN (r->min, lag);
  r->max = MAX (r->max, lag);
  r->sum += lag;
  r->n++;
}

static gboolean
rollup_set_flush (LbLagWriter *self,
                  RollupSet   *set,
                  const char  *table,
                  GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO %s (project_id, bucket, min_lag_s, max_lag_s, sum_lag_s, n)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (project_id, bucket) DO UPDATE SET"
    " min_lag_s = min(min_lag_s, excluded.min_lag_s),"
    " max_lag_s = max(max_lag_s, excluded.max_lag_s),"
    " sum_lag_s = sum_lag_s + excluded.sum_lag_s, n = n + excluded.n",
    table);
  GHashTableIter iter;
  Rollup *r;
  sqlite3_stmt *stmt = _lb_store_prepare (self->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, set->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &r))
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, self->project_id);
      sqlite3_bind_int64 (stmt, 2, r->bucket);
      sqlite3_bind_double (stmt, 3, r->min);
      sqlite3_bind_double (stmt, 4, r->max);
      sqlite3_bind_double (stmt, 5, r->sum);
      sqlite3_bind_int64 (stmt, 6, r->n);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _lb_store_set_error (self->store, rc, error, _("update the lag rollups"));
          return FALSE;
        }
    }
  return TRUE;
}

void
lb_lag_sample_init (LbLagSample *sample,
                    gint64       t)
{
  g_return_if_fail (sample != NULL);

  sample->t = t;
  sample->lag_s = NAN;
  sample->secondary_lag_s = NAN;
  sample->log_send_queue_kb = NAN;
  sample->redo_queue_kb = NAN;
  sample->send_rate_bps = NAN;
  sample->redo_rate_bps = NAN;
  sample->sync_state = LB_UNSET_ENUM;
  sample->sync_health = LB_UNSET_ENUM;
}

LbLagWriter *
lb_lag_writer_new (LbStore     *store,
                   gint64       project_id,
                   LbLagSource  source,
                   gint64       gap_after_ms,
                   GError     **error)
{
  LbLagWriter *self;
  sqlite3_stmt *stmt;
  gpointer project;

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (gap_after_ms >= 0, NULL);

  project = lb_store_get (store, &lb_project_kind, project_id, error);
  if (project == NULL)
    return NULL;
  lb_record_free (project);

  self = g_new0 (LbLagWriter, 1);
  self->store = g_object_ref (store);
  self->project_id = project_id;
  self->source = source;
  self->gap_after_ms = gap_after_ms;
  self->batch_size = 50000;
  self->last_t = LB_UNSET_INT;
  rollup_set_init (&self->minute, MINUTE_MS);
  rollup_set_init (&self->hour, HOUR_MS);

  /* Continue from what is stored, so that a sampler restarted after an outage records the
   * outage as a gap. */
  stmt = _lb_store_prepare (store, "SELECT max(t) FROM lag_sample WHERE project_id = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, project_id);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        self->last_t = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  self->last_t_committed = self->last_t;
  return self;
}

void
lb_lag_writer_set_batch_size (LbLagWriter *self,
                              guint        batch_size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (batch_size > 0);
  self->batch_size = batch_size;
}

static void
bind_real_or_null (sqlite3_stmt *stmt,
                   int           index,
                   double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static void
bind_enum_or_null (sqlite3_stmt     *stmt,
                   int               index,
                   const LbEnumInfo *info,
                   int               value)
{
  const char *nick = lb_enum_info_nick (info, value);

  if (nick == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, nick, -1, SQLITE_STATIC);
}

/* Foreign keys are checked once per batch instead of once per sample: the project is looked
 * up inside the batch's write transaction, so no other connection can delete it before the
 * commit. PRAGMA foreign_keys cannot change inside a transaction, so inside a caller's
 * transaction the usual per-row checks simply stay on. */
static void
set_foreign_keys (LbLagWriter *self,
                  gboolean     on)
{
  if (sqlite3_get_autocommit (_lb_store_get_db (self->store)))
    sqlite3_exec (_lb_store_get_db (self->store), on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
                  NULL, NULL, NULL);
}

static gboolean
begin_batch (LbLagWriter *self,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  set_foreign_keys (self, FALSE);
  if (!_lb_store_begin (self->store, error))
    {
      set_foreign_keys (self, TRUE);
      return FALSE;
    }
  self->in_batch = TRUE;

  stmt = _lb_store_prepare (self->store, "SELECT 1 FROM project WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->project_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("Project #%lld was deleted while its lag samples were written"),
                 (long long) self->project_id);
  else
    _lb_store_set_error (self->store, rc, error, _("save lag samples"));
  return FALSE;
}

static void
discard_batch (LbLagWriter *self)
{
  if (self->in_batch)
    _lb_store_rollback (self->store);
  set_foreign_keys (self, TRUE);
  self->in_batch = FALSE;
  self->last_t = self->last_t_committed;
  self->batch_count = 0;
  rollup_set_clear (&self->minute);
  rollup_set_clear (&self->hour);
}

void
lb_lag_writer_set_gap_reason (LbLagWriter *self,
                              const char  *reason)
{
  g_return_if_fail (self != NULL);
  g_free (self->gap_reason);
  self->gap_reason = g_strdup (reason);
}

static gboolean
record_gap (LbLagWriter *self,
            gint64       start,
            gint64       end,
            GError     **error)
{
  sqlite3_stmt *stmt = _lb_store_prepare (self->store,
                                          "INSERT INTO lag_gap (project_id, start_t, end_t, reason)"
                                          " VALUES (?1, ?2, ?3, coalesce (?4, 'no samples'))",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->project_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_text (stmt, 4, self->gap_reason, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  g_clear_pointer (&self->gap_reason, g_free);
  if (rc != SQLITE_DONE)
    {
      _lb_store_set_error (self->store, rc, error, _("record a sampling gap"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lb_lag_writer_add (LbLagWriter       *self,
                   const LbLagSample *sample,
                   GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sample != NULL, FALSE);

  if (isfinite (sample->lag_s) && sample->lag_s < 0)
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_RANGE, "lag_s",
                               _("%s: must not be negative"), _("Lag"));
      discard_batch (self);
      return FALSE;
    }

  if (!self->in_batch)
    {
      if (!begin_batch (self, error))
        goto fail;
      self->batch_first = sample->t;
      self->batch_last = sample->t;
    }

  /* Prepared once per writer: this is the hot path of every import and of the sampler. */
  if (self->insert == NULL)
    self->insert = _lb_store_prepare (self->store,
                                      "INSERT INTO lag_sample (project_id, t, lag_s, secondary_lag_s, log_send_queue_kb,"
                                      " redo_queue_kb, send_rate_bps, redo_rate_bps, sync_state, sync_health, source)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                                      " ON CONFLICT (project_id, t) DO NOTHING",
                                      error);
  stmt = self->insert;
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->project_id);
  sqlite3_bind_int64 (stmt, 2, sample->t);
  bind_real_or_null (stmt, 3, sample->lag_s);
  bind_real_or_null (stmt, 4, sample->secondary_lag_s);
  bind_real_or_null (stmt, 5, sample->log_send_queue_kb);
  bind_real_or_null (stmt, 6, sample->redo_queue_kb);
  bind_real_or_null (stmt, 7, sample->send_rate_bps);
  bind_real_or_null (stmt, 8, sample->redo_rate_bps);
  bind_enum_or_null (stmt, 9, &lb_sync_state_enum, sample->sync_state);
  bind_enum_or_null (stmt, 10, &lb_sync_health_enum, sample->sync_health);
  sqlite3_bind_text (stmt, 11, lb_enum_info_nick (&lb_lag_source_enum, self->source), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lb_store_set_error (self->store, rc, error, _("save lag samples"));
      goto fail;
    }

  if (sqlite3_changes (_lb_store_get_db (self->store)) == 0)
    self->skipped++;
  else
    {
      if (self->last_t != LB_UNSET_INT && sample->t > self->last_t
          && (self->gap_reason != NULL || (self->gap_after_ms > 0 && sample->t - self->last_t > self->gap_after_ms))
          && !record_gap (self, self->last_t, sample->t, error))
        goto fail;
      if (self->last_t == LB_UNSET_INT || sample->t > self->last_t)
        self->last_t = sample->t;
      if (!isnan (sample->lag_s))
        {
          rollup_set_add (&self->minute, sample->t, sample->lag_s);
          rollup_set_add (&self->hour, sample->t, sample->lag_s);
        }
      self->batch_first = MIN (self->batch_first, sample->t);
      self->batch_last = MAX (self->batch_last, sample->t);
      self->batch_count++;
    }

  if (self->batch_count >= self->batch_size)
    return lb_lag_writer_commit (self, error);
  return TRUE;

fail:
  discard_batch (self);
  return FALSE;
}

gboolean
lb_lag_writer_commit (LbLagWriter *self,
                      GError     **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint count;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->in_batch)
    return TRUE;

  if (!rollup_set_flush (self, &self->minute, "lag_rollup_minute", error) ||
      !rollup_set_flush (self, &self->hour, "lag_rollup_hour", error))
    goto fail;

  count = self->batch_count;
  if (count > 0)
    {
      /* One audit row per batch: who imported how many samples of which span. */
      from = lb_time_format_iso_utc (self->batch_first);
      to = lb_time_format_iso_utc (self->batch_last);
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "project_id");
      json_builder_add_int_value (builder, self->project_id);
      json_builder_set_member_name (builder, "samples");
      json_builder_add_int_value (builder, count);
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, to);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, lb_enum_info_nick (&lb_lag_source_enum, self->source));
      json_builder_end_object (builder);
      summary = json_builder_get_root (builder);
      if (!_lb_store_audit (self->store, "lag_sample", self->project_id, LB_ACTION_IMPORT, NULL, summary, error))
        goto fail;
    }

  if (!_lb_store_commit (self->store, error))
    goto fail;
  set_foreign_keys (self, TRUE);

  self->in_batch = FALSE;
  self->last_t_committed = self->last_t;
  self->written += count;
  self->batch_count = 0;
  rollup_set_clear (&self->minute);
  rollup_set_clear (&self->hour);
  if (count > 0)
    _lb_store_emit_changed (self->store, "lag_sample", self->project_id);
  return TRUE;

fail:
  discard_batch (self);
  return FALSE;
}

guint64
lb_lag_writer_get_written (LbLagWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->written;
}

guint64
lb_lag_writer_get_skipped (LbLagWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->skipped;
}

void
lb_lag_writer_free (LbLagWriter *self)
{
  if (self == NULL)
    return;
  discard_batch (self);
  g_hash_table_unref (self->minute.buckets);
  g_hash_table_unref (self->hour.buckets);
  g_object_unref (self->store);
  g_free (self->gap_reason);
  g_free (self);
}
