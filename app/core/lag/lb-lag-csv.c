/* lb-lag-csv.c
 *
 * libcsv splits the rows (quotes, CRLF, embedded commas); this file only maps columns and
 * reads values. Samples are sorted before they are written, because LbLagWriter opens a
 * gap record when one sample follows the previous late, and a file need not be in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-lag-csv"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lb-lag-csv.h"
#include "../model/lb-error.h"
#include "../model/lb-time.h"
#include "../store/lb-lag-writer.h"

#define CHUNK_BYTES (64 * 1024)
#define MAX_FIELDS 64
/* The reasons of the first rejected rows go into the error when no row can be read. */
#define ERROR_REASONS 3

typedef enum { COL_TIME, COL_LAG, COL_SEND_QUEUE, COL_REDO_QUEUE, COL_SECONDARY_LAG, N_COLS } Column;

/* Header names, lower case, per column. */
static const char *const column_names[N_COLS][5] = {
  [COL_TIME] = { "time", "timestamp", "sample_time", "t", NULL },
  [COL_LAG] = { "lag_seconds", "lag_s", "lag", "lag_sec", NULL },
  [COL_SEND_QUEUE] = { "log_send_queue_kb", "log_send_queue_size", "send_queue_kb", NULL },
  [COL_REDO_QUEUE] = { "redo_queue_kb", "redo_queue_size", NULL },
  [COL_SECONDARY_LAG] = { "secondary_lag_seconds", "secondary_lag_s", NULL },
};

typedef struct
{
  GPtrArray      *fields;  /* char *: the row being read */
  guint           row;     /* lines seen, the current one included */
  int             last_terminator;
  gboolean        mapped;  /* columns known (from a header or by position) */
  int             index[N_COLS]; /* field index per column, -1: absent */
  GArray         *samples; /* LbLagSample */
  LbLagCsvReport *report;
} Reader;

void
lb_lag_csv_report_free (LbLagCsvReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rejected);
  g_free (report);
}

static void
rejection_free (LbLagCsvRejection *rejection)
{
  g_free (rejection->reason);
  g_free (rejection);
}

static void
reject (Reader *reader,
        char   *reason)
{
  LbLagCsvRejection *rejection = g_new0 (LbLagCsvRejection, 1);

  rejection->row = reader->row;
  rejection->reason = reason;
  g_ptr_array_add (reader->report->rejected, rejection);
}

static const char *
field (Reader *reader,
       Column  column)
{
  int i = reader->index[column];

  return i >= 0 && (guint) i < reader->fields->len ? reader->fields->pdata[i] : NULL;
}

/* A header row names at least the time and the lag column. */
static gboolean
map_header (Reader *reader)
{
  int found[N_COLS];

  for (int c = 0; c < N_COLS; c++)
    found[c] = -1;
  for (guint i = 0; i < reader->fields->len; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip ((char *) reader->fields->pdata[i]), -1);

      for (int c = 0; c < N_COLS; c++)
        for (guint n = 0; column_names[c][n] != NULL; n++)
          if (found[c] < 0 && g_str_equal (name, column_names[c][n]))
            found[c] = (int) i;
    }
  if (found[COL_TIME] < 0 || found[COL_LAG] < 0)
    return FALSE;
  memcpy (reader->index, found, sizeof found);
  return TRUE;
}

static void
map_by_position (Reader *reader)
{
  reader->index[COL_TIME] = 0;
  reader->index[COL_LAG] = 1;
  reader->index[COL_SEND_QUEUE] = 2;
  reader->index[COL_REDO_QUEUE] = 3;
  reader->index[COL_SECONDARY_LAG] = -1;
}

/* Unix seconds (or milliseconds, when the number is that large), else a date and time. */
static gboolean
parse_time (const char *text,
            gint64     *ms)
{
  char *end = NULL;
  double number = g_ascii_strtod (text, &end);

  if (end != text && *end == '\0' && isfinite (number) && number > 0)
    {
      *ms = number >= 1e11 ? (gint64) number : (gint64) (number * 1000.0);
      return TRUE;
    }
  return lb_time_parse (text, NULL, ms);
}

/* @text as a non-negative number; NAN for an empty field; FALSE when it is not one. */
static gboolean
parse_amount (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value) && *value >= 0;
}

static void
read_row (Reader *reader)
{
  static const struct { Column column; const char *what; } amounts[] = {
    { COL_SEND_QUEUE, N_("log send queue") },
    { COL_REDO_QUEUE, N_("redo queue") },
    { COL_SECONDARY_LAG, N_("secondary lag") },
  };
  LbLagSample sample;
  const char *time_text, *lag_text;
  gint64 t;

  for (guint i = 0; i < reader->fields->len; i++)
    g_strstrip ((char *) reader->fields->pdata[i]);
  /* Blank lines say nothing. */
  if (reader->fields->len == 0 || (reader->fields->len == 1 && *(char *) reader->fields->pdata[0] == '\0'))
    return;
  if (!reader->mapped)
    {
      reader->mapped = TRUE;
      if (map_header (reader))
        return;
      map_by_position (reader);
    }
  reader->report->n_rows++;

  time_text = field (reader, COL_TIME);
  lag_text = field (reader, COL_LAG);
  if (time_text == NULL || lag_text == NULL)
    {
      reject (reader, g_strdup_printf (_("%u fields, but the time and the lag are needed"), reader->fields->len));
      return;
    }
  if (!parse_time (time_text, &t))
    {
      /* TRANSLATORS: %s is what the row holds */
      reject (reader, g_strdup_printf (_("the time “%s” is not a date and time such as 2026-11-29T14:05:00Z"),
                                       time_text));
      return;
    }
  lb_lag_sample_init (&sample, t);
  if (!parse_amount (lag_text, &sample.lag_s) || isnan (sample.lag_s))
    {
      reject (reader, g_strdup_printf (_("the lag “%s” is not a number of seconds"), lag_text));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      const char *text = field (reader, amounts[i].column);
      double *out = amounts[i].column == COL_SEND_QUEUE   ? &sample.log_send_queue_kb
                    : amounts[i].column == COL_REDO_QUEUE ? &sample.redo_queue_kb
                                                          : &sample.secondary_lag_s;

      if (!parse_amount (text, out))
        {
          /* TRANSLATORS: "the redo queue “-4” is not a number" */
          reject (reader, g_strdup_printf (_("the %s “%s” is not a number"), _(amounts[i].what), text));
          return;
        }
    }
  g_array_append_val (reader->samples, sample);
}

static void
on_field (void  *data,
          size_t length,
          void  *user_data)
{
  Reader *reader = user_data;

  if (reader->fields->len < MAX_FIELDS)
    g_ptr_array_add (reader->fields, g_strndup (data != NULL ? data : "", length));
}

static void
on_row_end (int   terminator,
            void *user_data)
{
  Reader *reader = user_data;
  int previous = reader->last_terminator;

  /* Every line ends a row (CSV_REPALL_NL), so rows count lines, blank ones too; the LF of
   * a CRLF ends an empty row that is not a line of its own. */
  reader->last_terminator = terminator;
  if (terminator == '\n' && previous == '\r' && reader->fields->len == 0)
    return;
  reader->row++;
  read_row (reader);
  g_ptr_array_set_size (reader->fields, 0);
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const LbLagSample *x = a, *y = b;

  return x->t < y->t ? -1 : x->t > y->t;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Three times the usual interval between the samples: a longer silence is a gap. */
static gint64
gap_threshold (GArray *samples)
{
  g_autoptr(GArray) steps = g_array_sized_new (FALSE, FALSE, sizeof (gint64), samples->len);
  gint64 median;

  for (guint i = 1; i < samples->len; i++)
    {
      gint64 step = g_array_index (samples, LbLagSample, i).t - g_array_index (samples, LbLagSample, i - 1).t;

      if (step > 0)
        g_array_append_val (steps, step);
    }
  if (steps->len == 0)
    return 0;
  g_array_sort (steps, compare_gint64);
  median = g_array_index (steps, gint64, steps->len / 2);
  return 3 * median;
}

static gboolean
read_file (GFile         *file,
           Reader        *reader,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = g_malloc (CHUNK_BYTES);
  g_autofree char *name = g_file_get_parse_name (file);
  struct csv_parser parser;
  gboolean ok = TRUE;

  if ((info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                 G_FILE_QUERY_INFO_NONE, cancellable, error)) == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s is a folder, not a CSV file"), name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > LB_LAG_CSV_MAX_BYTES)
    {
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s is larger than %d MiB; split it"), name,
                   LB_LAG_CSV_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if ((stream = g_file_read (file, cancellable, error)) == NULL)
    return FALSE;

  if (csv_init (&parser, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL | CSV_REPALL_NL) != 0)
    g_error ("csv_init: out of memory");
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, CHUNK_BYTES, cancellable, error);

      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (csv_parse (&parser, buffer, (size_t) n, on_field, on_row_end, reader) != (size_t) n)
        {
          g_set_error (error, LB_ERROR, LB_ERROR_FAILED, _("%s is not CSV: %s near row %u"), name,
                       csv_strerror (csv_error (&parser)), reader->row + 1);
          ok = FALSE;
          break;
        }
    }
  if (ok)
    csv_fini (&parser, on_field, on_row_end, reader);
  csv_free (&parser);
  return ok;
}

LbLagCsvReport *
lb_lag_csv_import (LbStore       *store,
                   gint64         project_id,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(LbLagCsvReport) report = g_new0 (LbLagCsvReport, 1);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (LbLagSample));
  g_autoptr(LbLagWriter) writer = NULL;
  g_autofree char *name = NULL;
  Reader reader = { fields, 0, -1, FALSE, { 0 }, samples, NULL };

  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  report->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  reader.report = report;
  if (!read_file (file, &reader, cancellable, error))
    return NULL;

  if (samples->len == 0)
    {
      g_autoptr(GString) reasons = g_string_new (NULL);

      name = g_file_get_parse_name (file);
      for (guint i = 0; i < MIN (report->rejected->len, ERROR_REASONS); i++)
        {
          const LbLagCsvRejection *r = report->rejected->pdata[i];

          /* TRANSLATORS: "; row 2: the lag “x” is not a number of seconds" */
          g_string_append_printf (reasons, _("; row %u: %s"), r->row, r->reason);
        }
      g_set_error (error, LB_ERROR, LB_ERROR_FAILED,
                   _("%s holds no lag sample that can be read (a time and a lag in seconds per row)%s"), name,
                   reasons->str);
      return NULL;
    }

  g_array_sort (samples, compare_samples);
  /* One batch for the whole file: a cancelled or refused import discards it, and no
   * sample of the file is left behind. */
  if ((writer = lb_lag_writer_new (store, project_id, LB_LAG_SOURCE_IMPORT, gap_threshold (samples), error)) == NULL)
    return NULL;
  lb_lag_writer_set_batch_size (writer, G_MAXUINT);
  for (guint i = 0; i < samples->len; i++)
    if ((i % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error)) ||
        !lb_lag_writer_add (writer, &g_array_index (samples, LbLagSample, i), error))
      return NULL;
  if (!lb_lag_writer_commit (writer, error))
    return NULL;
  report->written = lb_lag_writer_get_written (writer);
  report->duplicates = lb_lag_writer_get_skipped (writer);
  return g_steal_pointer (&report);
}

typedef struct
{
  char   *db_path;
  gint64  project_id;
  GFile  *file;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_object_unref (job->file);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(LbStore) store = NULL;
  GError *error = NULL;
  LbLagCsvReport *report = NULL;

  if ((store = lb_store_open (job->db_path, &error)) != NULL)
    report = lb_lag_csv_import (store, job->project_id, job->file, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) lb_lag_csv_report_free);
}

void
lb_lag_csv_import_async (const char          *db_path,
                         gint64               project_id,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ImportJob, 1);
  job->db_path = g_strdup (db_path);
  job->project_id = project_id;
  job->file = g_object_ref (file);
  g_task_set_source_tag (task, lb_lag_csv_import_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

LbLagCsvReport *
lb_lag_csv_import_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
